namespace Monitor.Core.Text;

/// <summary>Classifies tag names (ASCII case-insensitive) without allocating.</summary>
internal static class HtmlTagNames
{
    private const int MaxKnownLength = 10;

    public static HtmlTagKind Classify(ReadOnlySpan<char> name)
    {
        if (name.Length > MaxKnownLength)
        {
            return HtmlTagKind.Block;
        }

        Span<char> lower = stackalloc char[MaxKnownLength];
        int written = name.ToLowerInvariant(lower);
        return lower[..written] switch
        {
            "script" or "style" or "head" or "template" or "noscript" or "iframe" or "svg" => HtmlTagKind.Hidden,
            "a" or "abbr" or "acronym" or "b" or "bdi" or "bdo" or "big" or "cite" or "code" or "data"
                or "del" or "dfn" or "em" or "font" or "i" or "ins" or "kbd" or "mark" or "nobr" or "q"
                or "rb" or "rp" or "rt" or "rtc" or "ruby" or "s" or "samp" or "small" or "span" or "strike"
                or "strong" or "sub" or "sup" or "time" or "tt" or "u" or "var" or "wbr" or "label" => HtmlTagKind.Inline,
            _ => HtmlTagKind.Block,
        };
    }

    /// <summary>The end-tag prefix to look for after a hidden element's start tag, e.g. "&lt;/script".</summary>
    public static string EndTagPrefix(ReadOnlySpan<char> hiddenName)
    {
        Span<char> lower = stackalloc char[MaxKnownLength];
        int written = hiddenName.ToLowerInvariant(lower);
        return lower[..written] switch
        {
            "script" => "</script",
            "style" => "</style",
            "head" => "</head",
            "template" => "</template",
            "noscript" => "</noscript",
            "iframe" => "</iframe",
            _ => "</svg",
        };
    }
}
