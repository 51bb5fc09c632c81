namespace Monitor.Digests;

/// <summary>
/// The stories of one topic in a digest (each story appears under its first topic only), best first
/// (<see cref="DigestRanking"/>): the first <see cref="FeaturedCount"/> are shown in full, the rest (<see cref="More"/>)
/// as a title-only "N more in topic" list. All of them are delivered, and so marked sent.
/// </summary>
public sealed record DigestSection(string TopicId, string TopicTitle, IReadOnlyList<DigestStory> Stories, int FeaturedCount)
{
    public IEnumerable<DigestStory> Featured => Stories.Take(FeaturedCount);

    public IEnumerable<DigestStory> More => Stories.Skip(FeaturedCount);

    public int MoreCount => Math.Max(0, Stories.Count - FeaturedCount);
}
