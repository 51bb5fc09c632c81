namespace Monitor.Core.Configuration;

/// <summary>A feed to poll. <see cref="Url"/> is absolute: http(s) or file (local paths are resolved against the config file's folder).</summary>
public sealed record FeedDefinition(string Id, Uri Url, string? Title, TimeSpan PollEvery)
{
    public static TimeSpan DefaultPollEvery { get; } = TimeSpan.FromMinutes(15);
}
