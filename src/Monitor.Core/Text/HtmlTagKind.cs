namespace Monitor.Core.Text;

/// <summary>How a tag affects the text a reader sees.</summary>
internal enum HtmlTagKind
{
    /// <summary>Block-level or unknown: its boundary separates words.</summary>
    Block,

    /// <summary>Inline formatting: its boundary does not separate words ("Deep&lt;b&gt;Seek&lt;/b&gt;").</summary>
    Inline,

    /// <summary>Its content is never shown (script, style, head...): dropped up to the matching end tag.</summary>
    Hidden,
}
