namespace Monitor.Subscriptions;

/// <summary>The answer to a JSON request with invalid values: <c>invalid</c> and every problem.</summary>
internal sealed record SubscribeProblems(string Status, IReadOnlyList<string> Errors);
