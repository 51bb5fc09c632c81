using Monitor.Core.Text;

namespace Monitor.Feeds.Parsing;

/// <summary>Caps on what one item may bring: its plain text is trimmed before matching and storage.</summary>
internal static class TextLimits
{
    public const int MaxTitleChars = 1024;
    public const int MaxSummaryChars = 64 * 1024;
    public const int MaxCategories = 64;

    /// <summary>Markup read for one field; more would only cost time, as its text is trimmed anyway.</summary>
    private const int MaxMarkupChars = 1024 * 1024;

    /// <summary>The plain text of <paramref name="html"/> (C1 controls read as windows-1252), at most <paramref name="maxChars"/> long (trimmed text ends with an ellipsis).</summary>
    public static string PlainText(string? html, int maxChars)
    {
        if (html is { Length: > MaxMarkupChars })
        {
            html = Cut(html, MaxMarkupChars);
        }

        return Shorten(HtmlText.ToPlainText(html is null ? null : C1Controls.AsWindows1252(html)), maxChars);
    }

    /// <summary>At most <paramref name="maxChars"/> characters, never splitting a surrogate pair; a shortened text ends with "…".</summary>
    public static string Shorten(string text, int maxChars) =>
        text.Length <= maxChars ? text : Cut(text, maxChars - 1).TrimEnd() + "…";

    private static string Cut(string text, int length) =>
        text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
}
