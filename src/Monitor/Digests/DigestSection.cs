namespace Monitor.Digests;

/// <summary>The stories of one topic in a digest (each story appears under its first topic only).</summary>
public sealed record DigestSection(string TopicId, string TopicTitle, IReadOnlyList<DigestStory> Stories);
