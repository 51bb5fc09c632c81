namespace Monitor.Feeds.Parsing;

/// <summary>The characters XML names are made of (a practical subset of XML 1.0's NameStartChar/NameChar).</summary>
internal static class XmlNames
{
    public static bool IsNameStart(char c) => char.IsLetter(c) || c is '_' or ':';

    public static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or ':' or '-' or '.';

    /// <summary>The index just after the name that starts at <paramref name="start"/> (<paramref name="start"/> itself when there is none).</summary>
    public static int EndOfName(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && IsNameChar(text[end]))
        {
            end++;
        }

        return end;
    }
}
