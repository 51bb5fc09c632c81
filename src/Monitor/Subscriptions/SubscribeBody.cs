namespace Monitor.Subscriptions;

/// <summary>A JSON subscription request.</summary>
internal sealed record SubscribeBody(string? Email, string? Name, string[]? Topics, string? Schedule, string? TimeZone);
