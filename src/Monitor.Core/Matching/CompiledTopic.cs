using Monitor.Core.Configuration;

namespace Monitor.Core.Matching;

/// <summary>A topic with its keywords and exclusions compiled.</summary>
internal sealed class CompiledTopic(TopicDefinition definition, CompiledKeyword[] keywords, CompiledKeyword[] excludes)
{
    public TopicDefinition Definition { get; } = definition;

    public CompiledKeyword[] Keywords { get; } = keywords;

    public CompiledKeyword[] Excludes { get; } = excludes;

    /// <summary>The evaluation when nothing matches (immutable, shared).</summary>
    public TopicEvaluation NoHits { get; } = new(definition.Id, [], null);
}
