using Monitor.Core.Items;

namespace Monitor.Feeds;

/// <summary>A feed document turned into Monitor's item model.</summary>
public sealed record ParsedFeed(string? Title, string Format, IReadOnlyList<FeedItem> Items);
