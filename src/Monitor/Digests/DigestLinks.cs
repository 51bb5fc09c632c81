namespace Monitor.Digests;

/// <summary>
/// How a subscriber leaves the list: an http(s) one-click URL (needs <c>Monitor:PublicBaseUrl</c>) and/or a mailto:
/// address. Either may be null.
/// </summary>
public sealed record DigestLinks(string? UnsubscribeUrl, string? UnsubscribeMailto)
{
    public static DigestLinks None { get; } = new(null, null);
}
