using System.Buffers;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// A document decoded into a buffer rented from <see cref="ArrayPool{T}.Shared"/>. Whatever is kept of it is copied
/// into a string; disposing gives the buffer back, after which <see cref="Text"/> must not be read.
/// </summary>
internal ref struct DecodedText
{
    private readonly int _length;
    private char[]? _buffer;

    public DecodedText(char[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public readonly ReadOnlySpan<char> Text => _buffer is null ? throw new ObjectDisposedException(nameof(DecodedText)) : _buffer.AsSpan(0, _length);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
