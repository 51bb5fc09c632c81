using System.Buffers;

namespace Monitor.Core.Text;

/// <summary>
/// A growable char buffer that starts on a caller-provided span (often stack memory) and rents from
/// <see cref="ArrayPool{T}"/> when it needs more room. Call <see cref="Dispose"/> to return the rented array.
/// </summary>
internal ref struct PooledCharBuilder
{
    private char[]? _rented;
    private Span<char> _chars;
    private int _length;

    public PooledCharBuilder(Span<char> initialBuffer)
    {
        _rented = null;
        _chars = initialBuffer;
        _length = 0;
    }

    public PooledCharBuilder(int initialCapacity)
    {
        _rented = ArrayPool<char>.Shared.Rent(Math.Max(initialCapacity, 16));
        _chars = _rented;
        _length = 0;
    }

    public int Length
    {
        readonly get => _length;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _length);
            _length = value;
        }
    }

    /// <summary>The last char appended, or '\0' when empty.</summary>
    public readonly char Last => _length > 0 ? _chars[_length - 1] : '\0';

    public readonly ReadOnlySpan<char> AsSpan() => _chars[.._length];

    public void Append(char c)
    {
        int pos = _length;
        Span<char> chars = _chars;
        if ((uint)pos < (uint)chars.Length)
        {
            chars[pos] = c;
            _length = pos + 1;
        }
        else
        {
            GrowAndAppend(c);
        }
    }

    public void Append(scoped ReadOnlySpan<char> value)
    {
        if (value.Length > _chars.Length - _length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_chars[_length..]);
        _length += value.Length;
    }

    public void Clear() => _length = 0;

    /// <summary>Room for at least <paramref name="sizeHint"/> more chars; write there, then call <see cref="Advance"/>.</summary>
    public Span<char> GetAppendSpan(int sizeHint)
    {
        if (sizeHint > _chars.Length - _length)
        {
            Grow(sizeHint);
        }

        return _chars[_length..];
    }

    /// <summary>Commits <paramref name="count"/> chars written into the span from <see cref="GetAppendSpan"/>.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _chars.Length - _length);
        _length += count;
    }

    public override readonly string ToString() => new(AsSpan());

    public void Dispose()
    {
        char[]? toReturn = _rented;
        this = default;
        if (toReturn is not null)
        {
            ArrayPool<char>.Shared.Return(toReturn);
        }
    }

    private void GrowAndAppend(char c)
    {
        Grow(1);
        Append(c);
    }

    private void Grow(int additional)
    {
        int needed = checked(_length + additional);
        int newCapacity = Math.Max(needed, Math.Max(_chars.Length * 2, 64));
        char[] next = ArrayPool<char>.Shared.Rent(newCapacity);
        _chars[.._length].CopyTo(next);
        char[]? old = _rented;
        _rented = next;
        _chars = next;
        if (old is not null)
        {
            ArrayPool<char>.Shared.Return(old);
        }
    }
}
