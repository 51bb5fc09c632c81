namespace Monitor.Feeds.Parsing;

/// <summary>The characters XML names are made of (a practical subset of XML 1.0's NameStartChar/NameChar).</summary>
internal static class XmlNames
{
    public static bool IsNameStart(char c) => char.IsLetter(c) || c is '_' or ':';

    public static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or ':' or '-' or '.';
}
