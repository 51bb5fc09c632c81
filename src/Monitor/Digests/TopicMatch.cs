namespace Monitor.Digests;

/// <summary>A subscribed topic a story matched, and the keywords of it that matched (as written in feeds.json).</summary>
public sealed record TopicMatch(string TopicId, string TopicTitle, IReadOnlyList<string> Terms);
