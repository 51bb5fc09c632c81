namespace Monitor.Digests;

/// <summary>A feed that is failing when a digest is composed, for the digest's "feeds failing" footer.</summary>
public sealed record FailingFeedNote(string Title, int Failures, DateTimeOffset? LastSuccess, string Problem);
