namespace Monitor.Digests;

public sealed record DigestResult(string Email, DigestStatus Status, int Stories, DateTimeOffset? NextDue, string? Error);
