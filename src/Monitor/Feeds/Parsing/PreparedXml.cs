namespace Monitor.Feeds.Parsing;

/// <summary>Decoded XML with its DOCTYPE removed, and the plain-text entities that DOCTYPE declared.</summary>
/// <param name="Text">The document, ready for an XML reader that never processes a DTD.</param>
/// <param name="Entities">Internal general entities whose value is plain text (no references, no markup), by name.</param>
internal sealed record PreparedXml(string Text, IReadOnlyDictionary<string, string> Entities);
