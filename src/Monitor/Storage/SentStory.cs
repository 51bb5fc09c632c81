namespace Monitor.Storage;

/// <summary>An item of a story already sent to a subscriber, as needed to recognise a later rewrite of it.</summary>
public sealed record SentStory(long ItemId, string StoryKey, string Title, string Summary, DateTimeOffset FirstSeen);
