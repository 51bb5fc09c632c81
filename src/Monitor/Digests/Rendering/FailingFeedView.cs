namespace Monitor.Digests.Rendering;

/// <summary>A failing feed as templates see it (<c>title</c>, <c>problem</c>, <c>failures</c>, <c>since</c>).</summary>
public sealed record FailingFeedView(string Title, string Problem, int Failures, string Since);
