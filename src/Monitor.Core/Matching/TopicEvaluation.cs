namespace Monitor.Core.Matching;

/// <summary>The outcome of one topic for one item: every keyword hit, and the exclude hit that removed it, if any.</summary>
public sealed record TopicEvaluation(string TopicId, IReadOnlyList<TermHit> Hits, TermHit? ExcludedBy)
{
    public bool IsMatch => Hits.Count > 0 && ExcludedBy is null;
}
