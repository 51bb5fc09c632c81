using Quartz;

namespace Monitor.Scheduling;

public static class JobKeys
{
    public const string PollGroup = "poll";
    public const string DigestGroup = "digest";
    public const string FeedIdKey = "feedId";
    public const string EmailKey = "email";

    public static JobKey Poll(string feedId) => new(feedId, PollGroup);

    public static JobKey Digest(string email) => new(email.ToLowerInvariant(), DigestGroup);
}
