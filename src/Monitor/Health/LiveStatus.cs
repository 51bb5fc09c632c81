namespace Monitor.Health;

/// <summary><c>/health/live</c>'s answer: <c>{"status": "alive"}</c>.</summary>
public sealed record LiveStatus(string Status)
{
    public static readonly LiveStatus Alive = new("alive");
}
