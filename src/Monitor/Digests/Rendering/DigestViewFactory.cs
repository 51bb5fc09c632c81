using System.Net;
using Monitor.Digests.Highlighting;

namespace Monitor.Digests.Rendering;

/// <summary>Builds the template model of a digest: for HTML every string escaped and snippets highlighted and sanitized; for text, plain.</summary>
public static class DigestViewFactory
{
    public static DigestView Create(Digest digest, DigestLinks links, TermHighlighter highlighter, bool html)
    {
        string E(string text) => html ? WebUtility.HtmlEncode(text) : text;

        StoryView Story(DigestStory story)
        {
            var inTitle = new HashSet<string>(story.TitleTerms, StringComparer.OrdinalIgnoreCase);
            var matches = story.Matches
                .Select(m => new TopicMatchView(E(m.TopicTitle), E(string.Join(", ", m.Terms)), E(string.Join(", ", m.Terms.Where(inTitle.Contains)))))
                .ToArray();
            var snippet = html ? SnippetHtml.Render(highlighter.Highlight(story.Snippet, story.Terms)) : story.Snippet;
            return new StoryView(
                Title: E(story.Title),
                Link: E(SafeLink(story.Link) ?? string.Empty),
                Sources: E(string.Join(", ", story.Sources)),
                SourceCount: story.Sources.Count,
                Date: E(DigestRenderer.LocalDate(story.Date, digest.TimeZone)),
                Snippet: snippet,
                Terms: E(string.Join(", ", story.Terms)),
                Explanation: E(Explain(story, inTitle)),
                Matches: matches);
        }

        var sections = digest.Sections
            .Select(s => new SectionView(
                TopicId: E(s.TopicId),
                Title: E(s.TopicTitle),
                Count: s.Stories.Count,
                Stories: s.Featured.Select(Story).ToArray(),
                More: s.More.Select(Story).ToArray(),
                MoreCount: s.MoreCount))
            .ToArray();
        return new DigestView(
            Subject: E(digest.Subject),
            Headline: E(digest.StoryCount == 1 ? "AI news: 1 story" : $"AI news: {digest.StoryCount} stories"),
            Summary: E(string.Join(" · ", digest.Sections.Select(s => $"{s.TopicTitle} ({s.Stories.Count})"))),
            Preheader: E(Preheader(digest)),
            Email: E(digest.Email),
            Name: E(digest.Name ?? string.Empty),
            TimeZone: E(digest.TimeZone.Id),
            CreatedAt: E(DigestRenderer.LocalDate(digest.CreatedAt, digest.TimeZone)),
            StoryCount: digest.StoryCount,
            Sections: sections,
            UnsubscribeUrl: E(links.UnsubscribeUrl ?? string.Empty),
            UnsubscribeMailto: E(links.UnsubscribeMailto ?? string.Empty),
            FailingFeeds: digest.FailingFeeds
                .Select(f => new FailingFeedView(
                    E(f.Title),
                    E(f.Problem),
                    f.Failures,
                    E(f.LastSuccess is { } since ? $"last success {DigestRenderer.LocalDate(since, digest.TimeZone)}" : "never succeeded")))
                .ToArray());
    }

    /// <summary>http(s) links only: anything else (javascript:, data:, relative) is shown as no link at all.</summary>
    private static string? SafeLink(string? link) =>
        link is not null && Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? link
            : null;

    /// <summary>"Model releases: DeepSeek (in title), Mixture-of-Experts; Open weights: open weights".</summary>
    private static string Explain(DigestStory story, HashSet<string> inTitle) =>
        string.Join("; ", story.Matches.Select(m =>
            $"{m.TopicTitle}: {string.Join(", ", m.Terms.Select(t => inTitle.Contains(t) ? $"{t} (in title)" : t))}"));

    /// <summary>The line mail apps show next to the subject: the first headlines.</summary>
    private static string Preheader(Digest digest)
    {
        const int MaxLength = 140;
        var text = string.Join(" · ", digest.Sections.SelectMany(s => s.Featured).Select(s => s.Title).Take(3));
        if (text.Length <= MaxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', MaxLength - 1);
        cut = cut < MaxLength / 2 ? MaxLength : cut;
        cut = char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut;
        return text[..cut].TrimEnd() + "…";
    }
}
