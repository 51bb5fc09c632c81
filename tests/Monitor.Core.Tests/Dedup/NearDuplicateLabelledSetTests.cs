using System.Globalization;
using Monitor.Core.Dedup;
using Xunit.Abstractions;

namespace Monitor.Core.Tests.Dedup;

/// <summary>
/// Precision and recall of <see cref="NearDuplicates"/> on hand-labelled pairs of AI-news items (title and lead):
/// syndicated rewrites, the same event from another angle, German and Chinese pairs, and near-misses that must stay
/// apart (V4 and V3.2, H100 and H200, Flash and Pro, templated funding or IPO headlines). The shingling and
/// <see cref="NearDuplicates.DefaultThreshold"/> were tuned on near-duplicates.tsv; near-duplicates-holdout.tsv was
/// written afterwards and never tuned on. Both are scored without a time window: in a real stream the window keeps
/// apart most of the "different" pairs here (they are weeks or years apart), so these are worst cases.
/// </summary>
[Trait("Category", "Unit")]
public sealed class NearDuplicateLabelledSetTests(ITestOutputHelper output)
{
    // Measured at the default threshold (0.30): tuning set precision 0.947, recall 0.780; holdout precision 0.895,
    // recall 0.680 (printed by the tests with the whole sweep). The floors sit a little below, so a regression fails.
    private const double TuningPrecisionFloor = 0.92;
    private const double TuningRecallFloor = 0.75;
    private const double HoldoutPrecisionFloor = 0.85;
    private const double HoldoutRecallFloor = 0.64;

    [Fact]
    public void Given_the_tuning_set_when_scored_at_the_default_threshold_then_precision_and_recall_stay_above_their_floors()
    {
        var pairs = LabelledPair.Load(LabelledPair.TuningFile);
        Assert.True(pairs.Count >= 150, $"{pairs.Count} pairs");

        var scored = Score(pairs);
        var (precision, recall) = Report(LabelledPair.TuningFile, scored);

        Assert.True(precision >= TuningPrecisionFloor, $"precision {precision:F3} < {TuningPrecisionFloor}");
        Assert.True(recall >= TuningRecallFloor, $"recall {recall:F3} < {TuningRecallFloor}");
    }

    [Fact]
    public void Given_the_holdout_set_when_scored_at_the_default_threshold_then_precision_and_recall_stay_above_their_floors()
    {
        var pairs = LabelledPair.Load(LabelledPair.HoldoutFile);

        var scored = Score(pairs);
        var (precision, recall) = Report(LabelledPair.HoldoutFile, scored);

        Assert.True(precision >= HoldoutPrecisionFloor, $"precision {precision:F3} < {HoldoutPrecisionFloor}");
        Assert.True(recall >= HoldoutRecallFloor, $"recall {recall:F3} < {HoldoutRecallFloor}");
    }

    [Fact]
    public void Given_the_labelled_pairs_when_their_signatures_are_stored_and_read_back_then_every_similarity_is_unchanged()
    {
        foreach (var pair in LabelledPair.Load(LabelledPair.TuningFile).Concat(LabelledPair.Load(LabelledPair.HoldoutFile)))
        {
            var a = NearDuplicates.Compute(pair.TitleA, pair.LeadA);
            var b = NearDuplicates.Compute(pair.TitleB, pair.LeadB);

            var storedA = NearDuplicateSignature.FromBytes(a.ToBytes());
            var storedB = NearDuplicateSignature.Parse(b.ToString());

            Assert.Equal(a.Similarity(b), storedA.Similarity(storedB));
        }
    }

    private static List<(LabelledPair Pair, double Similarity)> Score(IReadOnlyList<LabelledPair> pairs) =>
        pairs.Select(p => (p, NearDuplicates.Similarity(NearDuplicates.Compute(p.TitleA, p.LeadA), NearDuplicates.Compute(p.TitleB, p.LeadB)))).ToList();

    private static (double Precision, double Recall) Measure(List<(LabelledPair Pair, double Similarity)> scored, double threshold)
    {
        int truePositives = scored.Count(s => s.Pair.Same && s.Similarity >= threshold);
        int falsePositives = scored.Count(s => !s.Pair.Same && s.Similarity >= threshold);
        int positives = scored.Count(s => s.Pair.Same);
        double precision = truePositives + falsePositives == 0 ? 1 : (double)truePositives / (truePositives + falsePositives);
        return (precision, (double)truePositives / positives);
    }

    /// <summary>Prints the threshold sweep and the errors at the default threshold; returns precision and recall there.</summary>
    private (double Precision, double Recall) Report(string name, List<(LabelledPair Pair, double Similarity)> scored)
    {
        output.WriteLine($"{name}: {scored.Count} pairs, {scored.Count(s => s.Pair.Same)} same, {scored.Count(s => !s.Pair.Same)} different");
        output.WriteLine("threshold  precision  recall  F1     false merges");
        for (int step = 10; step <= 60; step += 5)
        {
            double threshold = step / 100.0;
            var (p, r) = Measure(scored, threshold);
            int falseMerges = scored.Count(s => !s.Pair.Same && s.Similarity >= threshold);
            string marker = Math.Abs(threshold - NearDuplicates.DefaultThreshold) < 1e-9 ? "  <- default" : string.Empty;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{threshold,9:F2}  {p,9:F3}  {r,6:F3}  {2 * p * r / Math.Max(p + r, 1e-9):F3}  {falseMerges,12}{marker}"));
        }

        var (precision, recall) = Measure(scored, NearDuplicates.DefaultThreshold);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"at {NearDuplicates.DefaultThreshold:F2}: precision {precision:F3}, recall {recall:F3}"));
        foreach (var (pair, similarity) in scored.Where(s => s.Pair.Same != (s.Similarity >= NearDuplicates.DefaultThreshold)).OrderBy(s => s.Pair.Same))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(pair.Same ? "missed" : "false merge")} {similarity:F2}: \"{pair.TitleA}\" / \"{pair.TitleB}\" ({pair.Note})"));
        }

        return (precision, recall);
    }
}
