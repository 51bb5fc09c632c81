namespace Monitor.Digests.Rendering;

/// <summary>Why a story is in the digest: a topic and the terms of it that matched (<c>in_title</c>: those found in the title).</summary>
public sealed record TopicMatchView(string Topic, string Terms, string InTitle);
