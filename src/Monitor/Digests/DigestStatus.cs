namespace Monitor.Digests;

public enum DigestStatus
{
    /// <summary>The schedule says not yet.</summary>
    NotDue,

    /// <summary>Due, but no new matching story.</summary>
    Empty,

    Sent,

    /// <summary>Delivery failed; the stories stay pending.</summary>
    Failed,

    /// <summary>Another replica holds this subscriber's lease and is sending right now.</summary>
    Busy,
}
