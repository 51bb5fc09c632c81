using System.Buffers;
using System.Globalization;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// Text put together in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (doubled when full): the only copy that
/// is not given back is the final string. Dispose once <see cref="ToString"/> has been called.
/// </summary>
internal sealed class PooledTextBuilder(int capacity) : IDisposable
{
    private char[] _buffer = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 16));
    private int _length;

    public PooledTextBuilder Append(char c)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = c;
        return this;
    }

    public PooledTextBuilder Append(ReadOnlySpan<char> text)
    {
        if (_buffer.Length - _length < text.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
        return this;
    }

    public PooledTextBuilder Append(string text, int start, int count) => Append(text.AsSpan(start, count));

    public PooledTextBuilder Append(int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        return Append(digits[..written]);
    }

    public override string ToString() => new(_buffer, 0, _length);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent((int)Math.Min(Math.Max(2L * _buffer.Length, (long)_length + needed), Array.MaxLength));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
