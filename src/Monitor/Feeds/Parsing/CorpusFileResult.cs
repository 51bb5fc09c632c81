using System.Text.RegularExpressions;

namespace Monitor.Feeds.Parsing;

/// <summary>What the parser made of one file of a corpus.</summary>
/// <param name="Path">The file, relative to the corpus folder.</param>
/// <param name="Items">Items kept.</param>
/// <param name="Recovered">Parsed only after the cleaning pass.</param>
/// <param name="Error">Why it failed (one line), or null when it parsed.</param>
/// <param name="Elapsed">Time spent reading and parsing it.</param>
internal sealed partial record CorpusFileResult(string Path, int Items, bool Recovered, string? Error, TimeSpan Elapsed)
{
    private const int MaxReasonLength = 140;

    public bool Parsed => Error is null;

    /// <summary>The error with numbers (lines, positions, code points) blanked, so that files failing alike group together.</summary>
    public string? Reason => Error is null ? null : Truncate(Digits().Replace(Error, "#"));

    private static string Truncate(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength] + "…";

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Digits();
}
