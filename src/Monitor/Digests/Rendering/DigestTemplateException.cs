namespace Monitor.Digests.Rendering;

/// <summary>A digest template that cannot be read, parsed or rendered; the message is one line naming the file (and line).</summary>
public sealed class DigestTemplateException : Exception
{
    public DigestTemplateException()
    {
    }

    public DigestTemplateException(string message)
        : base(message)
    {
    }

    public DigestTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
