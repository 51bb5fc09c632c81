using Fluid;

namespace Monitor.Digests.Rendering;

/// <summary>
/// Every member a digest template can read, by its snake_case name, through a typed delegate: no reflection over the
/// views (Fluid's <c>Register&lt;T&gt;()</c> builds its getters with run-time generics, which the native build does
/// not have). A new view property is added here too; a test checks that none is missing.
/// </summary>
internal static class TemplateMembers
{
    public static void Register(MemberAccessStrategy members)
    {
        members.Register<DigestView, string>("subject", v => v.Subject);
        members.Register<DigestView, string>("headline", v => v.Headline);
        members.Register<DigestView, string>("summary", v => v.Summary);
        members.Register<DigestView, string>("preheader", v => v.Preheader);
        members.Register<DigestView, string>("email", v => v.Email);
        members.Register<DigestView, string>("name", v => v.Name);
        members.Register<DigestView, string>("time_zone", v => v.TimeZone);
        members.Register<DigestView, string>("created_at", v => v.CreatedAt);
        members.Register<DigestView, int>("story_count", v => v.StoryCount);
        members.Register<DigestView, IReadOnlyList<SectionView>>("sections", v => v.Sections);
        members.Register<DigestView, string>("unsubscribe_url", v => v.UnsubscribeUrl);
        members.Register<DigestView, string>("unsubscribe_mailto", v => v.UnsubscribeMailto);
        members.Register<DigestView, IReadOnlyList<FailingFeedView>?>("failing_feeds", v => v.FailingFeeds);

        members.Register<SectionView, string>("topic_id", s => s.TopicId);
        members.Register<SectionView, string>("title", s => s.Title);
        members.Register<SectionView, int>("count", s => s.Count);
        members.Register<SectionView, IReadOnlyList<StoryView>>("stories", s => s.Stories);
        members.Register<SectionView, IReadOnlyList<StoryView>>("more", s => s.More);
        members.Register<SectionView, int>("more_count", s => s.MoreCount);

        members.Register<StoryView, string>("title", s => s.Title);
        members.Register<StoryView, string>("link", s => s.Link);
        members.Register<StoryView, string>("sources", s => s.Sources);
        members.Register<StoryView, int>("source_count", s => s.SourceCount);
        members.Register<StoryView, string>("date", s => s.Date);
        members.Register<StoryView, string>("snippet", s => s.Snippet);
        members.Register<StoryView, string>("terms", s => s.Terms);
        members.Register<StoryView, string>("explanation", s => s.Explanation);
        members.Register<StoryView, IReadOnlyList<TopicMatchView>>("matches", s => s.Matches);

        members.Register<TopicMatchView, string>("topic", m => m.Topic);
        members.Register<TopicMatchView, string>("terms", m => m.Terms);
        members.Register<TopicMatchView, string>("in_title", m => m.InTitle);

        members.Register<FailingFeedView, string>("title", f => f.Title);
        members.Register<FailingFeedView, string>("problem", f => f.Problem);
        members.Register<FailingFeedView, int>("failures", f => f.Failures);
        members.Register<FailingFeedView, string>("since", f => f.Since);
    }
}
