using BenchmarkDotNet.Attributes;
using Monitor.Core.Dedup;
using Monitor.Core.Items;
using Monitor.Core.Matching;
using Monitor.Core.Text;
using Monitor.Feeds;
using Monitor.LoadTest.Corpus;

namespace Monitor.Benchmarks;

/// <summary>Parse + normalize one 50-item feed document (FeedParser.Parse: decoding, XML/JSON, plain text, links, identity).</summary>
[MemoryDiagnoser]
public class ParseBenchmarks : IPayload
{
    private byte[] _body = [];
    private Uri _url = new("https://example.org/feed");

    [Params(FeedFormat.Rss, FeedFormat.Atom, FeedFormat.Json)]
    public FeedFormat Format { get; set; }

    public long PayloadBytes => _body.Length;

    public int PayloadItems => 50;

    [GlobalSetup]
    public void Setup()
    {
        _body = Workload.Document(Format);
        _url = new Uri($"https://news.example/feeds/bench.{Format.ToString().ToLowerInvariant()}");
    }

    [Benchmark]
    public int Parse() => FeedParser.Parse(_body, _url, "bench").Items.Count;
}

/// <summary>HTML to plain text (HtmlText.ToPlainText), alone and followed by the matcher's normalization, over 1,000 item bodies.</summary>
[MemoryDiagnoser]
public class HtmlTextBenchmarks : IPayload
{
    private string[] _html = [];

    public long PayloadBytes { get; private set; }

    public int PayloadItems => _html.Length;

    [GlobalSetup]
    public void Setup()
    {
        _html = Workload.Html(20);
        PayloadBytes = Workload.Utf8(_html);
    }

    [Benchmark]
    public int ToPlainText()
    {
        int length = 0;
        foreach (var html in _html)
        {
            length += HtmlText.ToPlainText(html).Length;
        }

        return length;
    }

    [Benchmark]
    public int ToPlainTextAndNormalize()
    {
        int length = 0;
        foreach (var html in _html)
        {
            length += TextNormalizer.Normalize(HtmlText.ToPlainText(html)).Length;
        }

        return length;
    }
}

/// <summary>Keyword matching (TopicMatcher.Match: normalization of title, summary and categories, then every keyword) of 3,000 items.</summary>
[MemoryDiagnoser]
public class MatchBenchmarks : IPayload
{
    private MatchInput[] _inputs = [];
    private TopicMatcher _matcher = null!;

    [Params(10, 100, 1000)]
    public int Keywords { get; set; }

    public long PayloadBytes { get; private set; }

    public int PayloadItems => _inputs.Length;

    [GlobalSetup]
    public void Setup()
    {
        _inputs = [.. Workload.Items.Select(i => new MatchInput(i.Title, i.Summary, i.Categories))];
        PayloadBytes = _inputs.Sum(i => Workload.Utf8(i.Title) + Workload.Utf8(i.Summary) + Workload.Utf8(i.Categories));
        _matcher = Workload.Matcher(Keywords);
    }

    [Benchmark]
    public int Match()
    {
        int topics = 0;
        foreach (var input in _inputs)
        {
            topics += _matcher.Match(input).Count;
        }

        return topics;
    }
}

/// <summary>Canonical story links (CanonicalUrl.Canonicalize) of 3,000 item links, a third with tracking parameters.</summary>
[MemoryDiagnoser]
public class CanonicalUrlBenchmarks : IPayload
{
    private string[] _links = [];

    public long PayloadBytes { get; private set; }

    public int PayloadItems => _links.Length;

    [GlobalSetup]
    public void Setup()
    {
        _links = [.. Workload.Items.Select((item, i) => (item.Link ?? "https://example.org/") + (i % 3 == 0 ? "?utm_source=rss&utm_medium=feed&fbclid=abc123&id=" + i : ""))];
        PayloadBytes = Workload.Utf8(_links);
    }

    [Benchmark]
    public int Canonicalize()
    {
        int length = 0;
        foreach (var link in _links)
        {
            length += CanonicalUrl.Canonicalize(link)?.Length ?? 0;
        }

        return length;
    }
}

/// <summary>Near-duplicate signatures (NearDuplicates.Compute over title and summary) of 3,000 items.</summary>
[MemoryDiagnoser]
public class NearDuplicateSignatureBenchmarks : IPayload
{
    private (string Title, string Summary)[] _items = [];

    public long PayloadBytes { get; private set; }

    public int PayloadItems => _items.Length;

    [GlobalSetup]
    public void Setup()
    {
        _items = [.. Workload.Items.Select(i => (i.Title, i.Summary))];
        PayloadBytes = _items.Sum(i => Workload.Utf8(i.Title) + Workload.Utf8(i.Summary));
    }

    [Benchmark]
    public int Compute()
    {
        int empty = 0;
        foreach (var (title, summary) in _items)
        {
            empty += NearDuplicates.Compute(title, summary).IsEmpty ? 1 : 0;
        }

        return empty;
    }
}

/// <summary>Near-duplicate grouping as a digest does it (NearDuplicates.FindPairs through the LSH index) over N items seen within the window.</summary>
[MemoryDiagnoser]
public class NearDuplicatePairsBenchmarks : IPayload
{
    private NearDuplicateSignature[] _signatures = [];
    private DateTimeOffset[] _seen = [];

    [Params(1000, 3000)]
    public int Items { get; set; }

    public long PayloadBytes { get; private set; }

    public int PayloadItems => _signatures.Length;

    [GlobalSetup]
    public void Setup()
    {
        var items = Workload.Items.Take(Items).ToArray();
        _signatures = [.. items.Select(i => NearDuplicates.Compute(i.Title, i.Summary))];
        _seen = [.. items.Select((_, i) => Workload.Anchor.AddSeconds(i))];
        PayloadBytes = items.Sum(i => Workload.Utf8(i.Title) + Workload.Utf8(i.Summary));
    }

    [Benchmark]
    public int FindPairs() => NearDuplicates.FindPairs(_signatures, _seen, NearDuplicateOptions.Default).Count;
}
