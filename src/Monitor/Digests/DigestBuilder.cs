using Monitor.Core.Configuration;
using Monitor.Core.Dedup;
using Monitor.Core.Items;
using Monitor.Digests.Highlighting;
using Monitor.Storage;

namespace Monitor.Digests;

/// <summary>
/// Turns a subscriber's pending matches into a digest: one entry per story (same canonical link or same title across
/// feeds), with every source and why it matched, grouped under the subscriber's first matching topic, ranked
/// (<see cref="DigestRanking"/>), the first <c>maxStoriesPerTopic</c> of each topic in full and the rest as "N more".
/// </summary>
public static class DigestBuilder
{
    public const int SnippetLength = 280;

    /// <summary>The default of <c>Monitor:MaxStoriesPerTopic</c>.</summary>
    public const int DefaultMaxStoriesPerTopic = 10;

    public static Digest Build(
        SubscriberDefinition subscriber,
        IReadOnlyList<StoredMatch> matches,
        IReadOnlyList<TopicDefinition> topics,
        Func<string, string> feedTitle,
        DateTimeOffset now,
        int maxStories,
        int maxStoriesPerTopic = DefaultMaxStoriesPerTopic,
        TermHighlighter? highlighter = null,
        NearDuplicateOptions? nearDuplicates = null,
        Func<IReadOnlyList<StoredMatch>, NearDuplicateOptions, IReadOnlyList<(int First, int Second)>>? findPairs = null)
    {
        highlighter ??= new TermHighlighter();
        var topicTitles = topics.GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal);
        string TopicTitle(string id) => topicTitles.TryGetValue(id, out var title) ? title : id;
        var topicOrder = subscriber.Topics.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var relevant = matches.Where(m => topicOrder.ContainsKey(m.TopicId)).ToList();

        // Union-find over matches: two matches are one story when they share a story key or a title key.
        var parent = Enumerable.Range(0, relevant.Count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        var firstByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < relevant.Count; i++)
        {
            foreach (var key in new[] { relevant[i].StoryKey, relevant[i].TitleKey })
            {
                if (key is null)
                {
                    continue;
                }

                if (firstByKey.TryGetValue(key, out var other))
                {
                    parent[Find(i)] = Find(other);
                }
                else
                {
                    firstByKey[key] = i;
                }
            }
        }

        // ...and when they are near-duplicates: the same story reworded by another outlet under another link (similar
        // title and lead, no conflicting version numbers; see NearDuplicates), first seen within the window of each other.
        nearDuplicates ??= NearDuplicateOptions.Default;
        if (nearDuplicates.Enabled)
        {
            // One signature per item: an item's rows (one per matched topic) share its story key, so they are one story
            // already, and comparing each item once is what keeps this affordable for thousands of pending matches.
            var itemRows = new List<int>();
            var items = new HashSet<long>();
            for (var i = 0; i < relevant.Count; i++)
            {
                if (items.Add(relevant[i].ItemId))
                {
                    itemRows.Add(i);
                }
            }

            findPairs ??= FindPairs;
            foreach (var (first, second) in findPairs([.. itemRows.Select(i => relevant[i])], nearDuplicates))
            {
                parent[Find(itemRows[second])] = Find(itemRows[first]);
            }
        }

        // One story per group, in the order groups first appear; each group's lead found in the same pass (the first of
        // its earliest rows, as Lead picks it), without a list per group: only the stories composed get their rows.
        var roots = new List<int>();
        var leadOf = new int[relevant.Count];
        Array.Fill(leadOf, -1);
        for (var i = 0; i < relevant.Count; i++)
        {
            var root = Find(i);
            if (leadOf[root] < 0)
            {
                leadOf[root] = i;
                roots.Add(root);
            }
            else if (Earlier(relevant[i], relevant[leadOf[root]]))
            {
                leadOf[root] = i;
            }
        }

        // The first maxStories stories by first sighting (a stable sort: ties keep the order groups first appear in);
        // only those are composed (the rest wait for the next digest).
        var chosen = roots
            .Select((root, order) => (Root: root, Order: order, relevant[leadOf[root]].FirstSeen))
            .OrderBy(s => s.FirstSeen)
            .ThenBy(s => s.Order)
            .Take(maxStories)
            .ToList();
        var rows = new List<StoredMatch>?[relevant.Count];
        foreach (var story in chosen)
        {
            rows[story.Root] = [];
        }

        for (var i = 0; i < relevant.Count; i++)
        {
            rows[Find(i)]?.Add(relevant[i]);
        }

        var stories = chosen
            .Select(s => ToStory(rows[s.Root]!, topicOrder, TopicTitle, feedTitle, highlighter).Story)
            .ToList();

        var sections = stories
            .GroupBy(s => s.TopicIds[0], StringComparer.Ordinal)
            .OrderBy(g => topicOrder[g.Key])
            .Select(g => new DigestSection(g.Key, TopicTitle(g.Key), DigestRanking.Rank(g), Math.Max(1, maxStoriesPerTopic)))
            .ToList();

        return new Digest(subscriber.Email, subscriber.Name, subscriber.TimeZone, now, sections);
    }

    private static (DigestStory Story, DateTimeOffset FirstSeen) ToStory(
        List<StoredMatch> group, Dictionary<string, int> topicOrder, Func<string, string> topicTitle, Func<string, string> feedTitle, TermHighlighter highlighter)
    {
        var terms = group.SelectMany(m => m.Terms).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var lead = Lead(group);
        var withLink = group.FirstOrDefault(m => m.Link is not null) ?? lead;
        var story = new DigestStory(
            StoryKey: lead.StoryKey,
            TitleKeys: group.Select(m => m.TitleKey).OfType<string>().Distinct(StringComparer.Ordinal).ToArray(),
            Title: lead.Title,
            Link: CanonicalUrl.Canonicalize(withLink.Link), // http(s) only, tracking parameters stripped
            Date: lead.Published ?? lead.FirstSeen,
            Snippet: Snippet(group.Prepend(lead).Select(m => m.Summary).FirstOrDefault(s => s.Length > 0) ?? string.Empty),
            Sources: group.OrderBy(m => m.Published ?? m.FirstSeen).Select(m => feedTitle(m.FeedId)).Distinct(StringComparer.Ordinal).ToArray(),
            TopicIds: group.Select(m => m.TopicId).Distinct(StringComparer.Ordinal).OrderBy(t => topicOrder[t]).ToArray(),
            Terms: terms,
            MergedStoryKeys: group.Select(m => m.StoryKey).Distinct(StringComparer.Ordinal).ToArray(),
            Matches: group
                .GroupBy(m => m.TopicId, StringComparer.Ordinal)
                .OrderBy(g => topicOrder[g.Key])
                .Select(g => new TopicMatch(g.Key, topicTitle(g.Key), g.SelectMany(m => m.Terms).Distinct(StringComparer.OrdinalIgnoreCase).ToArray()))
                .ToArray(),
            TitleTerms: highlighter.Highlight(lead.Title, terms).FoundTerms);
        return (story, lead.FirstSeen);
    }

    /// <summary>Near-duplicate pairs (i, j), i &lt; j, among <paramref name="items"/>, computed afresh.</summary>
    public static IReadOnlyList<(int First, int Second)> FindPairs(IReadOnlyList<StoredMatch> items, NearDuplicateOptions options) =>
        NearDuplicates.FindPairs([.. items.Select(m => NearDuplicates.Compute(m.Title, m.Summary))], [.. items.Select(m => m.FirstSeen)], options);

    /// <summary>The story's first item: earliest published (else first seen), then first seen, then stored first.</summary>
    private static StoredMatch Lead(List<StoredMatch> group)
    {
        var lead = group[0];
        for (var i = 1; i < group.Count; i++)
        {
            // Strictly earlier only: among equals the first stays, as a stable sort would keep it first.
            if (Earlier(group[i], lead))
            {
                lead = group[i];
            }
        }

        return lead;
    }

    /// <summary>Whether <paramref name="m"/> comes strictly before <paramref name="other"/> as a story's first item.</summary>
    private static bool Earlier(StoredMatch m, StoredMatch other)
    {
        var order = (m.Published ?? m.FirstSeen).CompareTo(other.Published ?? other.FirstSeen);
        order = order != 0 ? order : m.FirstSeen.CompareTo(other.FirstSeen);
        order = order != 0 ? order : m.ItemId.CompareTo(other.ItemId);
        return order < 0;
    }

    public static string Snippet(string text)
    {
        if (text.Length <= SnippetLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', SnippetLength);
        if (cut < SnippetLength / 2)
        {
            cut = SnippetLength;
        }

        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut].TrimEnd(' ', ',', ';', ':', '.', '-') + "…";
    }
}
