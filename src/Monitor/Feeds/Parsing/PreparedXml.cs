namespace Monitor.Feeds.Parsing;

/// <summary>Decoded XML with its DOCTYPE removed, and the plain-text entities that DOCTYPE declared.</summary>
/// <param name="Text">The document without the white space that ended it, ready for an XML reader that never processes a DTD.</param>
/// <param name="Entities">Internal general entities whose value is plain text (no references, no markup), by name.</param>
/// <param name="TrailingWhiteSpace">
/// The XML white space that ended the document. Set apart so that the feed reader, which trims its input, gets a
/// string it has no need to copy; the strict reader reads it after <paramref name="Text"/>, so the positions its
/// errors name are those of the whole document, and the cleaning pass puts it back.
/// </param>
internal sealed record PreparedXml(string Text, IReadOnlyDictionary<string, string> Entities, string TrailingWhiteSpace);
