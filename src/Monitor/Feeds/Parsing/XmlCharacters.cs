using System.Text;

namespace Monitor.Feeds.Parsing;

/// <summary>The characters XML 1.0 allows in a document, and removing the others.</summary>
internal static class XmlCharacters
{
    /// <summary>Tab, CR, LF, and U+0020 on, minus surrogates and U+FFFE/U+FFFF.</summary>
    public static bool IsAllowed(int codePoint) => codePoint switch
    {
        0x9 or 0xA or 0xD => true,
        < 0x20 => false,
        < 0xD800 => true,
        < 0xE000 => false,
        < 0xFFFE => true,
        < 0x10000 => false,
        _ => codePoint <= 0x10FFFF,
    };

    /// <summary>The text without control characters, lone surrogates, U+FFFE and U+FFFF (the same instance when it has none).</summary>
    public static string RemoveDisallowed(string text)
    {
        var first = FirstDisallowed(text, 0);
        if (first < 0)
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        var from = 0;
        for (var bad = first; bad >= 0; bad = FirstDisallowed(text, from))
        {
            kept.Append(text, from, bad - from);
            from = bad + 1;
        }

        return kept.Append(text, from, text.Length - from).ToString();
    }

    private static int FirstDisallowed(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsAllowed(c))
            {
                return i;
            }
        }

        return -1;
    }
}
