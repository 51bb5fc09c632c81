using System.Text.Json.Serialization;

namespace Monitor.Cli.InspectOutput;

/// <summary>One normalized item as <c>inspect --json</c> shows it; <see cref="Rules"/> only with <c>--explain</c>.</summary>
internal sealed record InspectedItem(
    string Id,
    string StoryKey,
    string Title,
    string? Link,
    DateTimeOffset? Published,
    string Summary,
    IReadOnlyList<string> Categories,
    IReadOnlyList<InspectedTopic> Topics,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<InspectedRules>? Rules);
