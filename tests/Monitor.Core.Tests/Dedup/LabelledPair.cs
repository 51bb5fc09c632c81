namespace Monitor.Core.Tests.Dedup;

/// <summary>One row of near-duplicates.tsv: two items (title and lead each) and whether they tell the same story.</summary>
internal sealed record LabelledPair(string TitleA, string LeadA, string TitleB, string LeadB, bool Same, string Note)
{
    /// <summary>The pairs the shingling and the threshold were tuned on.</summary>
    public const string TuningFile = "near-duplicates.tsv";

    /// <summary>Pairs written after the tuning was done and never tuned on: an honest estimate.</summary>
    public const string HoldoutFile = "near-duplicates-holdout.tsv";

    /// <summary>A labelled set copied next to the test assembly (tab-separated, header row, label "same" or "different").</summary>
    public static IReadOnlyList<LabelledPair> Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Dedup", fileName);
        var lines = File.ReadAllLines(path);
        Assert.Equal("title_a\tlead_a\ttitle_b\tlead_b\tlabel\tnote", lines[0]);
        var pairs = new List<LabelledPair>();
        foreach (var (line, number) in lines.Skip(1).Select((l, i) => (l, i + 2)))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            Assert.True(fields.Length == 6, $"{fileName}:{number}: {fields.Length} fields, expected 6");
            Assert.True(fields[4] is "same" or "different", $"{fileName}:{number}: label '{fields[4]}'");
            pairs.Add(new LabelledPair(fields[0], fields[1], fields[2], fields[3], fields[4] == "same", fields[5]));
        }

        return pairs;
    }
}
