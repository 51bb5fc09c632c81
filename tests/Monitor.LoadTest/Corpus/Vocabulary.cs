namespace Monitor.LoadTest.Corpus;

/// <summary>Words and sentence templates of the synthetic AI-news corpus (English, German, Chinese).</summary>
internal static class Vocabulary
{
    public static readonly string[] Companies =
    [
        "OpenAI", "Google DeepMind", "Anthropic", "Meta", "Mistral AI", "DeepSeek", "Alibaba", "Nvidia", "AMD", "Microsoft",
        "xAI", "Hugging Face", "Cohere", "Stability AI", "Baidu", "Moonshot AI", "Zhipu AI", "Tencent", "Apple", "Amazon",
        "IBM", "AI21 Labs", "Reka", "01.AI", "ByteDance", "Samsung", "Intel", "Cerebras", "Groq", "Perplexity",
    ];

    public static readonly string[] Models =
    [
        "GPT-5", "GPT-4.1 mini", "o3-pro", "Gemini 2.5 Pro", "Gemini 2.5 Flash", "Claude Opus 4", "Claude Sonnet 4",
        "Llama 4 Maverick", "Llama 4 Scout", "DeepSeek V4", "DeepSeek V3.2", "DeepSeek R2", "Qwen3-235B", "Qwen3-Coder",
        "Mixtral 8x22B", "Mistral Medium 3", "Kimi K2", "GLM-4.5", "Grok 4", "Phi-4", "Gemma 3", "Command A", "Nova Pro",
        "ERNIE 4.5", "Hunyuan-Large", "Jamba 1.6", "OLMo 2", "Falcon 3", "Granite 4", "Yi-Lightning",
    ];

    public static readonly string[] Chips =
    [
        "H100", "H200", "H20", "B200", "GB200", "Blackwell", "MI300X", "MI355X", "Ascend 910C", "TPU v6", "Gaudi 3", "A100",
    ];

    public static readonly string[] Benchmarks =
    [
        "MMLU-Pro", "GPQA Diamond", "SWE-bench Verified", "HumanEval", "AIME 2025", "LiveCodeBench", "ARC-AGI",
        "MATH-500", "Humanity's Last Exam", "Chatbot Arena",
    ];

    public static readonly string[] Tasks =
    [
        "coding", "long documents", "math olympiad problems", "tool use", "agentic workflows", "translation",
        "spreadsheets", "legal reasoning", "multilingual chat", "video understanding",
    ];

    public static readonly string[] Domains =
    [
        "startups", "enterprise software", "open-source developers", "chip makers", "cloud providers", "regulators",
        "newsrooms", "healthcare", "education", "robotics",
    ];

    public static readonly string[] People =
    [
        "Maria Chen", "David Okafor", "Priya Raman", "Lukas Weber", "Sofia Rossi", "Kenji Tanaka", "Amara Diallo",
        "Jonas Becker", "Elena Petrova", "Wei Zhang", "Hannah Schmidt", "Carlos Mendes",
    ];

    public static readonly string[] Universities =
    [
        "Stanford", "MIT", "ETH Zurich", "Tsinghua University", "the University of Toronto", "TU Munich",
        "Carnegie Mellon", "the Allen Institute for AI", "Oxford", "KAIST",
    ];

    public static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    public static readonly string[] Outlets =
    [
        "technewsdaily.example", "aiwire.example", "modelwatch.example", "chipreport.example", "devpost.example",
        "thepolicybrief.example", "labnotes.example", "infra.example", "openmodels.example", "researchroundup.example",
    ];

    public static readonly string[] EnglishCategories =
    [
        "AI", "Models", "Policy", "Chips", "Research", "Developers", "Cloud", "Startups", "Regulation", "Hardware",
    ];

    public static readonly string[] EnglishTitles =
    [
        "{C} releases {M}, a {S} Mixture-of-Experts model",
        "{C} unveils {M} with a {N}K-token context window",
        "{M} tops {B} in new reasoning benchmark",
        "US tightens export controls on {X} chips to China",
        "Commerce Department adds {N} Chinese firms to Entity List over {X} smuggling",
        "{C} open-sources {M} weights under Apache 2.0",
        "Hands-on with {M}: fast, cheap and surprisingly good at {T}",
        "{C} raises ${N} billion to build {X} data centers",
        "Why {M} matters for {D}",
        "{C} says {M} cuts inference cost by {N}%",
        "Researchers distill {M} into a {S} open-weight model",
        "EU AI Act: what the new rules mean for {C}",
        "New arXiv paper shows {M} still struggles with {T}",
        "{C} delays {M} launch amid safety review",
        "Inside {C}'s plan to train on {N},000 {X} GPUs",
        "{C} and {C2} team up on {X} supply as demand soars",
        "Benchmark wars: {M} vs {M2} on {B}",
        "{C} quietly updates {M}; developers report better {T}",
    ];

    /// <summary>Titles with words that look like keywords but are not ("H1000", "Geminid", "Moebius", "deregulation"...).</summary>
    public static readonly string[] NearMissTitles =
    [
        "Geminid meteor shower peaks tonight: where to look",
        "Review: the H1000 inverter generator is quiet and heavy",
        "Moebius retrospective opens in Paris with 300 drawings",
        "Energy deregulation debate heats up in Brussels",
        "Llamas and alpacas: a farmer's guide to winter",
        "The Geminids and the Quadrantids: a skywatcher's calendar",
        "Said Business School names new dean",
        "Deepseeker sonar drone finds 17th-century wreck",
        "Claudette the cat becomes mayor of a small town",
        "H1000 tractor recall widens to 40,000 units",
    ];

    public static readonly string[] EnglishSentences =
    [
        "{C} said on {W} that {M} was trained on {N} trillion tokens and outperforms its predecessor on {B}.",
        "The model uses a Mixture-of-Experts architecture with {N} experts, of which {K} are active for each token.",
        "Weights are available on Hugging Face under an open license, and a paid API is available for developers.",
        "Analysts expect the new export rules to affect shipments of {X} and {X2} accelerators to several countries.",
        "&#8220;This is a step change for open models,&#8221; said {P}, a researcher at {U}.",
        "The company did not disclose the training cost, but estimates range from ${N} million to ${N2} million.",
        "Scores on {B} and {B2} rose by {K} points over the previous version, according to the technical report.",
        "Critics argue that the benchmark numbers are hard to reproduce without access to the evaluation code.",
        "The release follows {C2}&#8217;s launch of {M2} last month, which drew attention for its low price.",
        "Developers can try the model in the playground today, with rate limits for free users.",
        "{P} of {U} cautioned that reasoning gains on {B} do not always carry over to real-world {T}.",
        "The rules, published in the Federal Register, take effect in {N} days and cover cloud access as well.",
        "R&amp;D spending at {C} has doubled in two years as it competes with {C2} for talent and {X} capacity.",
        "In our tests, {M} handled {T} well but made more mistakes than {M2} on long, multi-step tasks.",
        "Open-weight releases such as {M} let smaller labs fine-tune models on their own data.",
        "Regulators in the EU and the UK said they were studying the release under their existing AI rules.",
        "The data center will draw {N} megawatts and house tens of thousands of {X} chips when complete.",
        "A spokesperson declined to comment on whether the model would be offered in China.",
    ];

    /// <summary>Titles of everyday tech and business news that rarely name a watched model, chip or rule.</summary>
    public static readonly string[] GenericTitles =
    [
        "{C} hires former {C2} executive to lead its {D} business",
        "{C} adds AI features for {T} to its productivity apps",
        "Startup building tools for {D} raises ${N} million",
        "{C}'s new app wants to help with {T}",
        "{P} on what comes after chatbots for {D}",
        "The week in AI: {C}, {C2} and a ${N} million deal",
        "{C} cuts {N} jobs as it reorganizes around AI",
        "How {D} are using AI assistants today",
        "{C} signs cloud deal worth ${N} billion",
        "Court hears arguments in copyright case against {C}",
        "{C} opens a research lab near {U} with {N} staff",
        "Podcast: {P} of {C} on building products for {D}",
        "{C} updates its privacy policy for {T} data",
        "Survey: most {D} plan to spend more on AI next year",
        "{C} shows off smart glasses that help with {T}",
    ];

    /// <summary>Sentences of everyday tech and business news.</summary>
    public static readonly string[] GenericSentences =
    [
        "The company said the feature would roll out to all users over the coming weeks.",
        "{P}, who joined from {C2} last year, will report to the chief executive.",
        "The round was led by existing investors and values the company at ${N2} million.",
        "Users on the paid plan get higher limits and early access to new tools.",
        "The app is available on iOS and Android in {N} countries.",
        "A hearing is scheduled for next month, according to court filings.",
        "Shares rose {K}% in early trading after the announcement.",
        "The startup has {N} employees and plans to double its headcount this year.",
        "Customers include several large banks and a number of hospitals.",
        "The company declined to share revenue figures.",
        "Critics say the product raises privacy questions that have not been answered.",
        "In a blog post, the team described the update as an incremental improvement.",
        "&#8220;We are seeing strong demand from {D},&#8221; {P} said in an interview.",
        "The deal is expected to close in the third quarter, subject to regulatory approval.",
    ];

    public static readonly string[] GermanTitles =
    [
        "{C} veröffentlicht {M} mit offenen Gewichten",
        "USA verschärfen Exportregeln für {X}-Chips",
        "KI-Verordnung: Was die neuen Regeln für {C} bedeuten",
        "{M} im Test: schnell, günstig und überraschend gut",
        "Forscher zeigen Schwächen von {M} beim logischen Schließen",
        "Bundesregierung fördert KI-Rechenzentren mit {N} Millionen Euro",
        "{C} stellt Mixture-of-Experts-Modell {M} vor",
        "Größter Auftrag: {C} kauft {N}.000 {X}-Beschleuniger",
    ];

    public static readonly string[] GermanSentences =
    [
        "Das Unternehmen teilte am Dienstag mit, dass {M} auf {N} Billionen Token trainiert wurde.",
        "Die Gewichte stehen unter einer offenen Lizenz zum Download bereit, eine API folgt später.",
        "Experten erwarten, dass die Exportregeln vor allem Lieferungen von {X} nach China betreffen.",
        "Die Größe des Modells und der hohe Energiebedarf sorgen für Diskussionen über die Kosten.",
        "&#8222;Das ist ein großer Schritt für offene Modelle&#8220;, sagt {P} von der {U}.",
        "Im Benchmark {B} übertrifft das Modell laut Hersteller den Vorgänger um {K} Punkte.",
        "Kritiker bemängeln, dass sich die Ergebnisse ohne den Evaluationscode kaum überprüfen lassen.",
        "Für Entwickler in Europa gelten zusätzlich die Vorgaben der KI-Verordnung.",
    ];

    public static readonly string[] GermanCategories = ["Künstliche Intelligenz", "Politik", "Hardware", "Forschung", "Open Source"];

    public static readonly string[] ChineseTitles =
    [
        "深度求索发布 {M} 新模型",
        "阿里巴巴通义千问开源 {M} 权重",
        "美国收紧对华 {X} 芯片出口管制",
        "{C} 推出大模型 {M}，推理能力大幅提升",
        "国产芯片昇腾910C量产进展",
        "{M} 在 {B} 基准测试中排名第一",
        "混合专家模型成为开源大模型主流架构",
    ];

    public static readonly string[] ChineseSentences =
    [
        "该公司表示，{M} 在多项基准测试中超过了此前的版本。",
        "模型权重已在 Hugging Face 上开源，开发者可以免费下载。",
        "分析人士认为，新的出口管制将影响 {X} 芯片的供应。",
        "这一模型采用混合专家架构，共有 {N} 个专家。",
        "业内人士称，这是开源大模型的重要一步。",
        "深度求索此前发布的模型以低成本训练而受到关注。",
        "监管部门表示，将继续关注人工智能技术的安全问题。",
    ];

    public static readonly string[] ChineseCategories = ["人工智能", "大模型", "芯片", "开源"];

    public static readonly string[] Sizes = ["7B", "14B", "32B", "70B", "120B", "235B", "480B", "671B", "1T"];

    public static readonly string[] ImageHosts = ["cdn.technewsdaily.example", "images.aiwire.example", "static.modelwatch.example"];
}
