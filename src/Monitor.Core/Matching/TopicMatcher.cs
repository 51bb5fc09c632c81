using Monitor.Core.Configuration;

namespace Monitor.Core.Matching;

/// <summary>Compiled keyword rules of every topic; thread-safe and immutable once built.</summary>
public sealed class TopicMatcher
{
    public static TopicMatcher Create(IReadOnlyList<TopicDefinition> topics, TimeSpan regexTimeout) => throw new NotImplementedException();

    /// <summary>Every topic, matched or not, with its hits and exclusion (for explain output).</summary>
    public IReadOnlyList<TopicEvaluation> Evaluate(MatchInput input) => throw new NotImplementedException();

    /// <summary>Only the topics that match.</summary>
    public IReadOnlyList<TopicEvaluation> Match(MatchInput input) => throw new NotImplementedException();
}
