using Monitor.Core.Items;
using Monitor.Core.Matching;

namespace Monitor.Storage;

/// <summary>A normalized item with the topics it matched when it was first seen.</summary>
public sealed record MatchedItem(FeedItem Item, IReadOnlyList<TopicEvaluation> Matches);
