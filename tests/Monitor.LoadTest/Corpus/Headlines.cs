using System.Globalization;

namespace Monitor.LoadTest.Corpus;

/// <summary>
/// Composed headlines and lead sentences: a large vocabulary and made-up startup names, so that unrelated stories share
/// few words (as real news does) and near-duplicates come from actual rewrites, not from a handful of templates.
/// </summary>
internal static class Headlines
{
    private static readonly string[] Starts = ["Lu", "Ve", "Qua", "Ni", "Zo", "Ar", "Bel", "Cor", "Dex", "Fi", "Gal", "Hy", "Ix", "Jun", "Kai", "Lo", "Mer", "No", "Or", "Pi", "Ry", "Sol", "Tra", "Ul", "Vo", "Wy", "Xe", "Yo", "Zen", "Ast", "Bri", "Cel"];
    private static readonly string[] Ends = ["ra", "nix", "on", "ex", "ia", "ly", "os", "um", "ent", "ica", "ware", "byte", "mind", "sense", "loop", "forge", "grid", "path", "wave", "core", "lytics", "stack"];
    private static readonly string[] Suffixes = ["", " AI", " Labs", " Robotics", " Health", " Systems", " Data", ""];

    private static readonly string[] Verbs =
    [
        "unveils", "launches", "ships", "tests", "expands", "delays", "scraps", "bets on", "doubles down on", "pauses",
        "rolls out", "previews", "slashes prices for", "partners on", "invests in", "buys", "sells", "rethinks", "revamps",
        "teases", "trains", "hires for", "pilots", "brings", "retires", "overhauls", "opens up", "limits", "restricts", "wins a contract for",
    ];

    private static readonly string[] PastVerbs =
    [
        "introduced", "launched", "shipped", "tested", "expanded", "delayed", "dropped", "piloted", "previewed", "priced",
        "acquired", "released", "redesigned", "paused", "announced", "demonstrated", "retired", "licensed", "rebuilt", "opened",
    ];

    private static readonly string[] Adjectives =
    [
        "faster", "cheaper", "smaller", "multilingual", "on-device", "enterprise", "experimental", "long-context", "low-latency",
        "agentic", "secure", "offline", "custom", "hybrid", "real-time", "energy-efficient", "specialised", "compact",
        "next-generation", "privacy-first", "voice-driven", "subscription", "free", "collaborative", "automated", "clinical",
        "industrial", "educational", "financial", "creative", "wearable", "regional", "modular", "accessible", "hands-free",
    ];

    private static readonly string[] Nouns =
    [
        "coding assistant", "search engine", "translation tool", "voice mode", "image generator", "video editor",
        "spreadsheet agent", "research preview", "developer platform", "pricing tier", "chip design", "safety framework",
        "content policy", "browser extension", "robot arm", "customer-support bot", "tutoring app", "health chatbot",
        "legal assistant", "recommendation engine", "fraud detector", "speech recognizer", "weather service", "protein database",
        "math tutor", "code reviewer", "meeting summarizer", "email client", "photo app", "music generator", "shopping agent",
        "travel planner", "note-taking app", "design tool", "analytics suite", "call-center software", "warehouse robot",
        "delivery drone", "smart speaker", "camera system", "compliance tool", "hiring platform", "newsroom tool",
        "game engine", "mapping service", "insurance app", "banking assistant", "cybersecurity suite", "tax assistant",
        "lab notebook", "patent search", "grading tool", "accessibility reader", "fitness coach", "sleep tracker",
    ];

    private static readonly string[] Qualifiers =
    [
        "for schools", "in Europe", "in India", "for hospitals", "for banks", "after backlash", "ahead of earnings",
        "for small businesses", "for developers", "in beta", "for free users", "on Android", "for cars", "for factories",
        "after an outage", "in Japan", "in Brazil", "for farmers", "for newsrooms", "for lawyers", "for retailers",
        "for governments", "in Canada", "for insurers", "for universities", "in Africa", "for pharmacies", "for airlines",
        "for game studios", "for nonprofits",
    ];

    private static readonly string[] Clauses =
    [
        "a move analysts called overdue", "with a waitlist for the rest", "without giving a date for a wider release",
        "citing strong demand from customers", "as competition in the segment grows", "after months of testing",
        "in a bid to win over larger customers", "in partnership with local resellers", "starting with a small group of users",
        "at a lower price than its rivals", "to mixed early reviews", "following complaints about reliability",
        "with support for a dozen languages", "while keeping the older version available", "according to a company filing",
    ];

    private static readonly string[] ModelVerbs =
    [
        "opens up", "prices", "limits", "previews", "ships", "expands", "retires", "delays", "updates", "benchmarks",
        "open-sources", "distills", "quantizes", "fine-tunes", "red-teams", "licenses", "rebrands", "deprecates",
    ];

    private static readonly string[] ModelObjects =
    [
        "weights", "API access", "reasoning mode", "context window", "fine-tuning", "agent mode", "voice mode", "safety card",
        "tokenizer", "distilled variants", "Mixture-of-Experts version", "open-weight edition", "model card", "eval results",
        "training data report", "batch pricing", "coding plugin", "vision support", "enterprise tier", "on-device build",
    ];

    private static readonly string[] Results =
    [
        "tops", "stumbles on", "leads", "trails rivals on", "sets a record on", "matches GPT-5 on", "edges out Claude on",
        "disappoints on", "is second on", "climbs on",
    ];

    private static readonly string[] Countries = ["US", "EU", "UK", "Japan", "Netherlands", "South Korea", "India", "China", "Taiwan", "Germany", "Singapore", "Canada"];
    private static readonly string[] RuleVerbs = ["tightens", "loosens", "clarifies", "extends", "pauses", "reviews", "drafts", "finalizes", "debates", "challenges"];
    private static readonly string[] RuleQualifiers = ["after lobbying", "for cloud providers", "with new licensing", "amid smuggling probe", "for data centers", "for universities", "before the election", "under industry pressure"];
    private static readonly string[] BuyVerbs = ["orders", "buys", "leases", "rents", "deploys", "reserves", "installs", "finances"];
    private static readonly string[] Purposes = ["training", "inference", "a sovereign cloud", "research", "robotics", "drug discovery", "weather forecasting", "a national lab"];

    /// <summary>A composed headline about models, chips or rules, naming them as news does.</summary>
    public static string TopicalTitle(ref Rng rng, string company, string model, string chip, string benchmark, string number) => rng.Next(4) switch
    {
        0 => $"{company} {rng.Pick(ModelVerbs)} {model} {rng.Pick(ModelObjects)} {rng.Pick(Qualifiers)}",
        1 => $"{model} {rng.Pick(Results)} {benchmark} {rng.Pick(Qualifiers)}",
        2 => $"{rng.Pick(Countries)} {rng.Pick(RuleVerbs)} export rules on {chip} chips {rng.Pick(RuleQualifiers)}",
        _ => $"{company} {rng.Pick(BuyVerbs)} {number},000 {chip} GPUs for {rng.Pick(Purposes)}",
    };

    /// <summary>A made-up company name ("Lumora Labs").</summary>
    public static string Startup(ref Rng rng) => rng.Pick(Starts) + rng.Pick(Ends) + rng.Pick(Suffixes);

    /// <summary>A composed headline about <paramref name="entity"/>.</summary>
    public static string Title(ref Rng rng, string entity) => rng.Next(4) switch
    {
        0 => $"{entity} {rng.Pick(Verbs)} {rng.Pick(Adjectives)} {rng.Pick(Nouns)} {rng.Pick(Qualifiers)}",
        1 => $"{entity} {rng.Pick(Verbs)} its {rng.Pick(Nouns)} {rng.Pick(Qualifiers)}",
        2 => $"{entity}'s {rng.Pick(Adjectives)} {rng.Pick(Nouns)} {rng.Pick(Verbs) switch { var v => "now " + v.Split(' ')[0] }} {rng.Pick(Qualifiers)}",
        _ => $"{Capitalized(rng.Pick(Adjectives))} {rng.Pick(Nouns)}s: {entity} {rng.Pick(Verbs)} {rng.Pick(Nouns)}",
    };

    /// <summary>Where or for whom ("for hospitals", "in Japan").</summary>
    public static string Qualifier(ref Rng rng) => rng.Pick(Qualifiers);

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>A composed lead sentence about <paramref name="entity"/>.</summary>
    public static string Lead(ref Rng rng, string entity) =>
        string.Create(CultureInfo.InvariantCulture, $"{entity} {rng.Pick(PastVerbs)} a {rng.Pick(Adjectives)} {rng.Pick(Nouns)} {rng.Pick(Qualifiers)} on {rng.Pick(Vocabulary.Weekdays)}, {rng.Pick(Clauses)}.");
}
