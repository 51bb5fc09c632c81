using CodeHollow.FeedReader;

namespace Monitor.Feeds.Parsing;

/// <summary>A feed as CodeHollow.FeedReader read it, and whether that took the cleaning pass.</summary>
internal sealed record FeedDocument(Feed Feed, bool Recovered);
