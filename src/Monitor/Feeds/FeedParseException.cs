namespace Monitor.Feeds;

/// <summary>The document could not be read as a feed; the message is one readable line.</summary>
public sealed class FeedParseException : Exception
{
    public FeedParseException()
    {
    }

    public FeedParseException(string message)
        : base(message)
    {
    }

    public FeedParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An HTML page was served instead of a feed, and it names this feed (autodiscovery), absolute.</summary>
    public FeedParseException(string message, Uri? discoveredFeedUrl)
        : base(message)
    {
        DiscoveredFeedUrl = discoveredFeedUrl;
    }

    /// <summary>The feed an HTML page served instead of a feed links to, if any: a caller may follow it.</summary>
    public Uri? DiscoveredFeedUrl { get; }
}
