using System.Security.Cryptography;
using Monitor.Core.Dedup;

namespace Monitor.Core.Tests.Dedup;

[Trait("Category", "Unit")]
public sealed class NearDuplicateSignatureTests
{
    private const string Title = "DeepSeek V4 released with open weights";
    private const string Lead = "Chinese AI lab DeepSeek has released V4, a Mixture-of-Experts model with open weights that it says rivals GPT-5 on coding benchmarks.";

    private static double Similarity(string titleA, string leadA, string titleB, string leadB) =>
        NearDuplicates.Similarity(NearDuplicates.Compute(titleA, leadA), NearDuplicates.Compute(titleB, leadB));

    [Fact]
    public void Given_identical_texts_when_compared_then_similarity_is_one()
    {
        Assert.Equal(1.0, Similarity(Title, Lead, Title, Lead));
    }

    [Fact]
    public void Given_a_lead_full_of_numbers_when_compared_with_itself_then_similarity_is_one()
    {
        var lead = "Scores: " + string.Join(", ", Enumerable.Range(1, 200).Select(i => $"{i}.{i % 7}"));

        Assert.Equal(1.0, Similarity("Llama 4.1 Scout benchmark results on 12 tasks", lead, "Llama 4.1 Scout benchmark results on 12 tasks", lead));
    }

    [Fact]
    public void Given_texts_differing_only_in_case_punctuation_and_diacritics_when_compared_then_similarity_is_one()
    {
        Assert.Equal(1.0, Similarity("DeepSeek-V4 Released — With Open Weights!", Lead.ToUpperInvariant(), Title, Lead));
        Assert.Equal(1.0, Similarity("Régulation de l'IA", string.Empty, "regulation de l IA", string.Empty));
    }

    [Fact]
    public void Given_texts_without_a_word_in_common_when_compared_then_similarity_is_about_zero()
    {
        var similarity = Similarity(Title, Lead, "Bakery wins regional bread award", "The family bakery in Leeds took first prize for its sourdough loaf at the county fair.");

        Assert.True(similarity < 0.05, $"{similarity}");
    }

    [Fact]
    public void Given_the_same_story_reworded_by_another_outlet_when_compared_then_it_is_a_near_duplicate()
    {
        var a = NearDuplicates.Compute("DeepSeek V4 released", "Chinese AI lab DeepSeek has released V4, a Mixture-of-Experts model with open weights that it says rivals GPT-5 on coding benchmarks.");
        var b = NearDuplicates.Compute("DeepSeek releases V4 preview", "DeepSeek published a preview of its V4 model on Hugging Face on Tuesday, with weights under an MIT license and a 1M-token context window.");

        Assert.True(NearDuplicates.IsNearDuplicate(a, b), $"{a.Similarity(b)}");
    }

    [Fact]
    public void Given_the_same_text_with_links_carrying_different_tracking_parameters_when_compared_then_it_is_a_near_duplicate()
    {
        var similarity = Similarity(
            Title, Lead + " Read more: https://news.example/deepseek-v4?utm_source=rss&utm_medium=feed",
            Title, Lead + " Read more: https://other.example/2025/deepseek-v4?fbclid=abc123");

        Assert.True(similarity >= NearDuplicates.DefaultThreshold, $"{similarity}");
    }

    [Theory]
    [InlineData("DeepSeek V4 released", "DeepSeek V3.2 released")]
    [InlineData("US tightens export rules on H100 chips", "US tightens export rules on H200 chips")]
    [InlineData("Nvidia becomes first company worth $4 trillion", "Nvidia becomes first company worth $5 trillion")]
    [InlineData("Google releases Gemini 2.5 Flash", "Google releases Gemini 2.5 Pro")]
    [InlineData("OpenAI o3-mini now available in ChatGPT", "OpenAI o3-pro now available in ChatGPT")]
    [InlineData("vLLM v0.9.0", "vLLM v0.9.1")]
    public void Given_near_miss_titles_naming_different_versions_or_variants_when_compared_then_similarity_is_zero(string titleA, string titleB)
    {
        Assert.Equal(0.0, Similarity(titleA, string.Empty, titleB, string.Empty));
        Assert.Equal(0.0, Similarity(titleA, "The new model is available today in the API.", titleB, "The new model is available today in the API."));
    }

    [Fact]
    public void Given_a_number_in_only_one_title_when_compared_then_it_is_no_conflict()
    {
        var similarity = Similarity(
            "xAI releases Grok 4", "Elon Musk's xAI launched Grok 4 in a livestream on Wednesday night.",
            "Grok 4 launches with $300 a month SuperGrok Heavy tier", "xAI released Grok 4 on Wednesday night in a livestream, along with a new subscription tier.");

        Assert.True(similarity > 0.3, $"{similarity}");
    }

    [Fact]
    public void Given_the_3D_of_a_lead_when_titles_name_versions_2_and_3_then_it_does_not_excuse_the_conflict()
    {
        Assert.Equal(0.0, Similarity(
            "Google DeepMind releases Genie 3 world model", "Genie 3 generates interactive 3D environments.",
            "Google DeepMind releases Genie 2 world model", "Genie 2 generates playable 3D worlds."));
    }

    [Fact]
    public void Given_the_same_amount_written_as_32B_and_32_billion_when_compared_then_it_is_the_same_number()
    {
        var similarity = Similarity(
            "Safe Superintelligence raises $2 billion at $32 billion valuation", "Ilya Sutskever's startup SSI raised $2 billion in a round led by Greenoaks.",
            "Ilya Sutskever's SSI valued at $32B", "Safe Superintelligence, co-founded by Ilya Sutskever, has raised another $2 billion.");

        Assert.True(similarity >= NearDuplicates.DefaultThreshold, $"{similarity}");
    }

    [Fact]
    public void Given_chinese_rewrites_of_one_story_when_compared_then_they_are_near_duplicates_by_character_bigrams()
    {
        var similarity = Similarity(
            "深度求索发布DeepSeek-V4模型", "深度求索今日正式发布DeepSeek-V4，该模型采用混合专家架构，并开源全部权重。",
            "DeepSeek-V4正式发布并开源", "DeepSeek宣布推出V4模型，采用MoE架构，权重已在Hugging Face开源，支持百万上下文。");

        Assert.True(similarity >= NearDuplicates.DefaultThreshold, $"{similarity}");
    }

    [Fact]
    public void Given_chinese_stories_sharing_a_company_name_when_compared_then_they_are_not_near_duplicates()
    {
        var similarity = Similarity(
            "月之暗面发布Kimi K2开源模型", "月之暗面正式发布并开源Kimi K2模型，总参数1万亿。",
            "月之暗面完成新一轮融资", "月之暗面完成新一轮融资，估值超过30亿美元。");

        Assert.True(similarity < NearDuplicates.DefaultThreshold, $"{similarity}");
    }

    [Fact]
    public void Given_german_rewrites_with_compound_words_when_compared_then_they_are_near_duplicates()
    {
        var similarity = Similarity(
            "USA verschärfen Exportregeln für Nvidia H100", "Das US-Handelsministerium weitet die Exportbeschränkungen für Nvidias H100-Beschleuniger auf weitere Länder aus.",
            "Neue US-Exportbeschränkungen für H100-Chips", "Die Exportkontrollbehörde BIS hat neue Regeln veröffentlicht, die den Export von Nvidia H100 in weitere Staaten beschränken.");

        Assert.True(similarity >= NearDuplicates.DefaultThreshold, $"{similarity}");
    }

    [Fact]
    public void Given_short_titles_without_leads_sharing_only_a_name_and_a_word_when_compared_then_they_are_not_near_duplicates()
    {
        Assert.Equal(0.0, Similarity("DeepSeek morning note", string.Empty, "DeepSeek evening note", string.Empty));
        Assert.Equal(0.0, Similarity("DeepSeek ships an update", string.Empty, "DeepSeek raises prices", string.Empty));
    }

    [Fact]
    public void Given_a_title_of_stop_words_only_when_computed_then_the_signature_is_empty_and_similar_to_nothing()
    {
        var empty = NearDuplicates.Compute("The — and of", null);

        Assert.True(empty.IsEmpty);
        Assert.Same(NearDuplicateSignature.Empty, empty);
        Assert.Equal(0.0, empty.Similarity(empty));
        Assert.Equal(0.0, empty.Similarity(NearDuplicates.Compute(Title, Lead)));
    }

    [Fact]
    public void Given_a_signature_when_written_as_bytes_or_base64_and_read_back_then_it_is_equal()
    {
        var signature = NearDuplicates.Compute(Title, Lead);

        var fromBytes = NearDuplicateSignature.FromBytes(signature.ToBytes());
        var fromText = NearDuplicateSignature.Parse(signature.ToString());

        Assert.Equal(signature, fromBytes);
        Assert.Equal(signature, fromText);
        Assert.Equal(signature.GetHashCode(), fromText.GetHashCode());
        Assert.Equal(1.0, fromBytes.Similarity(signature));
        Assert.InRange(signature.ToBytes().Length, 520, 600);
        Assert.Equal(NearDuplicateSignature.Empty, NearDuplicateSignature.FromBytes(NearDuplicateSignature.Empty.ToBytes()));
    }

    [Fact]
    public void Given_bytes_that_are_not_a_signature_of_this_version_when_read_then_they_are_refused()
    {
        var bytes = NearDuplicates.Compute(Title, Lead).ToBytes();
        var otherVersion = (byte[])bytes.Clone();
        otherVersion[0] = NearDuplicateSignature.FormatVersion + 1;

        Assert.False(NearDuplicateSignature.TryFromBytes(otherVersion, out _));
        Assert.False(NearDuplicateSignature.TryFromBytes(bytes.AsSpan(0, bytes.Length - 1), out _));
        Assert.False(NearDuplicateSignature.TryFromBytes([], out _));
        Assert.False(NearDuplicateSignature.TryParse("not base64!", out _));
        Assert.False(NearDuplicateSignature.TryParse(null, out _));
        Assert.Throws<FormatException>(() => NearDuplicateSignature.FromBytes(otherVersion));
    }

    /// <summary>
    /// Signatures are stored and compared across processes, machines and releases, so they must not depend on anything
    /// randomized per process (string.GetHashCode) or per run: this fixed text always has this signature.
    /// </summary>
    [Fact]
    public void Given_a_fixed_text_when_computed_then_its_signature_is_the_same_in_every_process()
    {
        var bytes = NearDuplicates.Compute(Title, Lead).ToBytes();

        Assert.Equal("7119722cffdf0493", Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(7)]
    public void Given_random_fingerprints_when_their_equal_halves_are_counted_then_the_count_is_exact_and_bounds_the_equal_slots(int length)
    {
        var random = new Random(length);
        for (int round = 0; round < 200; round++)
        {
            // Slots equal at about a third of the positions, packed two to a byte by their low 4 bits as the index does.
            var mine = new uint[length * 2];
            var theirs = new uint[length * 2];
            for (int i = 0; i < mine.Length; i++)
            {
                mine[i] = (uint)random.Next();
                theirs[i] = random.Next(3) == 0 ? mine[i] : (uint)random.Next();
            }

            byte[] Pack(uint[] slots) => [.. Enumerable.Range(0, length).Select(i => (byte)((slots[2 * i] & 0x0F) | ((slots[(2 * i) + 1] & 0x0F) << 4)))];
            var a = Pack(mine);
            var b = Pack(theirs);
            int expected = Enumerable.Range(0, length).Sum(i => ((a[i] & 0x0F) == (b[i] & 0x0F) ? 1 : 0) + ((a[i] & 0xF0) == (b[i] & 0xF0) ? 1 : 0));

            int counted = NearDuplicateSignature.EqualNibbles(a, b);

            Assert.Equal(expected, counted);
            Assert.True(counted >= NearDuplicateSignature.EqualSlots(mine, theirs));
        }
    }
}
