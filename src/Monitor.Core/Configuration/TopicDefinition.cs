namespace Monitor.Core.Configuration;

/// <summary>A watched topic: keywords (see README for the syntax) and exclusions.</summary>
public sealed record TopicDefinition(string Id, string Title, IReadOnlyList<string> Keywords, IReadOnlyList<string> Exclude);
