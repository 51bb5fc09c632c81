namespace Monitor.Storage;

/// <summary>
/// A digest recorded just before it is handed to the server. If the process dies before the outcome is recorded, the
/// next run finds it and sends the very same message again (same Message-ID), then records its stories as sent.
/// </summary>
public sealed record DigestAttempt(
    string MessageId,
    string Subscriber,
    DateTimeOffset CreatedAt,
    IReadOnlyCollection<string> StoryKeys,
    IReadOnlyCollection<string> TitleKeys,
    byte[] Message);
