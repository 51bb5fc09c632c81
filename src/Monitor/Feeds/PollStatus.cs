namespace Monitor.Feeds;

public enum PollStatus
{
    Updated,
    NotModified,
    Failed,
}
