using System.Xml;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Parser;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// Reads decoded text with CodeHollow.FeedReader. JSON goes to it as is (then with its version repaired,
/// <see cref="JsonFeedRepair"/>). XML goes without its DOCTYPE and through
/// <see cref="XmlScan"/> (well-formed, at most <c>maxItems</c> items); when that or the feed reader fails, the
/// cleaning pass (<see cref="XmlRepair"/>) runs and the document is read again, closed after its last complete item
/// if it is still broken. The feed reader's own XML parser therefore never sees a DTD.
/// </summary>
/// <remarks>
/// The feed reader gets the very string it parses (it trims its input, and copies it only when there is something to
/// trim): a document is copied out of the decoding buffer once, and again only when it is repaired or cut.
/// </remarks>
internal static class FeedDocumentReader
{
    private const string UnknownFormat = "not a recognised feed format (RSS, Atom or JSON Feed)";

    public static FeedDocument Read(ReadOnlySpan<char> text, int maxItems)
    {
        if (text.TrimStart("\uFEFF \t\r\n") is ['{', ..] or ['[', ..])
        {
            var json = text.ToString();
            return ReadTwice(() => ReadString(json), () => JsonFeedRepair.Repair(json) is { } repaired ? ReadString(repaired) : null);
        }

        var prepared = XmlProlog.Neutralize(text);
        return ReadTwice(
            () => ReadXml(prepared.Text, prepared.TrailingWhiteSpace, maxItems, salvage: false),
            () => ReadXml(XmlRepair.Repair(prepared), string.Empty, maxItems, salvage: true));
    }

    /// <summary>The document as it is; else, repaired (a null repair: nothing to repair); else the first failure, described.</summary>
    private static FeedDocument ReadTwice(Func<Feed> read, Func<Feed?> readRepaired)
    {
        try
        {
            return new FeedDocument(read(), Recovered: false);
        }
        catch (Exception first) when (first is not OutOfMemoryException)
        {
            Feed? repaired;
            try
            {
                repaired = readRepaired();
            }
            catch (Exception second) when (second is not OutOfMemoryException)
            {
                repaired = null;
            }

            return repaired is null ? throw new FeedParseException(Describe(first), first) : new FeedDocument(repaired, Recovered: true);
        }
    }

    private static Feed ReadXml(string xml, string trailingWhiteSpace, int maxItems, bool salvage)
    {
        var scan = XmlScan.Run(xml, trailingWhiteSpace, maxItems, salvage);
        if (scan.Error is { } error && scan.Text is null)
        {
            throw error;
        }

        return ReadString(scan.Text!);
    }

    private static Feed ReadString(string document)
    {
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(document);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or FeedParseException))
        {
            throw new FeedParseException(Describe(ex), ex);
        }

        return feed.Type == FeedType.Unknown ? throw new FeedParseException(UnknownFormat) : feed;
    }

    private static string Describe(Exception ex) => ex switch
    {
        FeedParseException parse => parse.Message,
        FeedTypeNotSupportedException => UnknownFormat,
        XmlException xml => $"not a readable feed: {FirstLine(xml.Message)}",
        _ => $"not a readable feed: {FirstLine(ex.Message)}",
    };

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
