namespace Monitor.Subscriptions;

/// <summary>The answer to a JSON request that was read: <c>pending</c> (confirmation mailed) or <c>error</c>.</summary>
internal sealed record SubscribeReply(string Status, string Message);
