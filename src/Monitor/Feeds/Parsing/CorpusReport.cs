namespace Monitor.Feeds.Parsing;

/// <summary>The tally of a corpus run: files, parsed, items, failures grouped by reason, the slowest file.</summary>
internal sealed record CorpusReport(IReadOnlyList<CorpusFileResult> Files)
{
    public int Parsed => Files.Count(f => f.Parsed);

    public int Recovered => Files.Count(f => f.Parsed && f.Recovered);

    public int Items => Files.Sum(f => f.Items);

    public IReadOnlyList<CorpusFileResult> Failures => [.. Files.Where(f => !f.Parsed)];

    public CorpusFileResult? Slowest => Files.MaxBy(f => f.Elapsed);

    /// <summary>Failure reasons, most frequent first (then alphabetical).</summary>
    public IReadOnlyList<(string Reason, int Count)> ReasonsByCount() =>
    [
        .. Failures
            .GroupBy(f => f.Reason!, StringComparer.Ordinal)
            .Select(g => (Reason: g.Key, Count: g.Count()))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Reason, StringComparer.Ordinal),
    ];
}
