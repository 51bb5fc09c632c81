namespace Monitor.Core.Configuration;

/// <summary>A feed to poll. <see cref="Url"/> is absolute: http(s) or file (local paths are resolved against the config file's folder).</summary>
public sealed record FeedDefinition(string Id, Uri Url, string? Title, TimeSpan PollEvery)
{
    public static TimeSpan DefaultPollEvery { get; } = TimeSpan.FromMinutes(15);

    /// <summary>The shortest <see cref="PollEvery"/> feeds.json may ask for.</summary>
    public static TimeSpan MinPollEvery { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest <see cref="PollEvery"/> feeds.json may ask for.</summary>
    public static TimeSpan MaxPollEvery { get; } = TimeSpan.FromDays(7);
}
