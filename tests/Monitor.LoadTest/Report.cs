using System.Globalization;

namespace Monitor.LoadTest;

/// <summary>One measured run of a tool over the corpus.</summary>
public sealed record Measurement(string Name, ProcessStats Stats, HttpCounts Http, long Mails, int ItemsParsed, int Feeds)
{
    public double ItemsPerSecond => ItemsParsed / Math.Max(Stats.Wall.TotalSeconds, 1e-9);
}

/// <summary>Prints tables and target checks.</summary>
public static class Report
{
    public static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString(value.TotalSeconds < 10 ? "0.00" : "0.0", Culture) + " s";

    public static string Megabytes(double value) => value.ToString("0", Culture) + " MB";

    public static string Count(double value) => value.ToString("#,0", Culture);

    public static string Ratio(double value) => value.ToString(value < 10 ? "0.0" : "0", Culture) + "x";

    public static void Table(TextWriter output, IEnumerable<Measurement> rows)
    {
        output.WriteLine($"{"",-22}{"wall",10}{"CPU",10}{"peak RSS",10}{"items/s",10}{"HTTP 200",10}{"HTTP 304",10}{"mails",8}");
        foreach (var row in rows)
        {
            output.WriteLine(
                $"{row.Name,-22}{Seconds(row.Stats.Wall),10}{Seconds(row.Stats.Cpu),10}{Megabytes(row.Stats.PeakMegabytes),10}" +
                $"{(row.ItemsParsed > 0 ? Count(row.ItemsPerSecond) : "-"),10}{row.Http.Ok,10}{row.Http.NotModified,10}{row.Mails,8}");
        }
    }

    /// <summary>Prints one target line: "PASS"/"FAIL", what, measured.</summary>
    public static bool Target(TextWriter output, bool met, string what, string measured)
    {
        output.WriteLine($"  [{(met ? "PASS" : "FAIL")}] {what}: {measured}");
        return met;
    }
}
