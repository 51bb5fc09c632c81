using System.Text.RegularExpressions;

namespace Monitor.Core.Matching;

/// <summary>One keyword of a topic, ready to match: a literal pattern id or a regex id, and its prebuilt hits.</summary>
internal sealed class CompiledKeyword
{
    public CompiledKeyword(string keyword, int literalId, int regexId)
    {
        Keyword = keyword;
        LiteralId = literalId;
        RegexId = regexId;
        Hits = [new TermHit(keyword, MatchField.Title), new TermHit(keyword, MatchField.Summary), new TermHit(keyword, MatchField.Categories)];
    }

    /// <summary>As written in feeds.json.</summary>
    public string Keyword { get; }

    /// <summary>Index in the <see cref="LiteralPatternSet"/>, or -1 for a regex keyword.</summary>
    public int LiteralId { get; }

    /// <summary>Index of its <see cref="Regex"/>, or -1 for a literal keyword.</summary>
    public int RegexId { get; }

    /// <summary>The hit in each field, indexed by <see cref="MatchField"/> (immutable, shared by every evaluation).</summary>
    public TermHit[] Hits { get; }
}
