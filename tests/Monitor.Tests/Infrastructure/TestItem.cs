namespace Monitor.Tests.Infrastructure;

/// <summary>An item for a fixture feed.</summary>
public sealed record TestItem(string Id, string Title, string Link, string Html, DateTimeOffset Published, params string[] Categories);
