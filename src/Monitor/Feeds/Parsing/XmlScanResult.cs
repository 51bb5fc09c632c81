using System.Xml;

namespace Monitor.Feeds.Parsing;

/// <summary>The outcome of <see cref="XmlScan"/>.</summary>
/// <param name="Text">
/// The document to parse: the input (not the white space read after it); or the input cut after its last allowed item
/// and closed; or, when it is not well-formed, the input cut after its last complete element outside items and closed
/// (null when there is none, or when no salvage was asked for).
/// </param>
/// <param name="Error">The first well-formedness error, or null.</param>
internal sealed record XmlScanResult(string? Text, XmlException? Error);
