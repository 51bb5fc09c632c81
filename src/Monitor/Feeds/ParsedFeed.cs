using Monitor.Core.Items;

namespace Monitor.Feeds;

/// <summary>A feed document turned into Monitor's item model.</summary>
public sealed record ParsedFeed(string? Title, string Format, IReadOnlyList<FeedItem> Items)
{
    /// <summary>The document was not well-formed and was read only after the cleaning pass.</summary>
    public bool Recovered { get; init; }
}
