using Monitor.Core.Matching;

namespace Monitor.Core.Tests.Matching;

/// <summary>
/// The word-by-word scan of <see cref="LiteralPatternSet"/> against its definition: a pattern is found exactly when it
/// is an ordinal substring of the normalized text.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LiteralPatternSetTests
{
    [Theory]
    [InlineData(" transformer ", " the transformed model ", false)] // same length and first four chars: one key, told apart when confirmed
    [InlineData(" transformer ", " the transformer model ", true)]
    [InlineData(" modelling ", " modelled ", false)]
    [InlineData(" ab ", " abc ", false)]
    [InlineData(" ab", " x ab", true)] // last word without a space after it, shorter than the key
    [InlineData(" a", " x ab", true)]
    [InlineData(" x", " x", true)]
    [InlineData(" abc", " x ab", false)] // a prefix longer than the last word
    [InlineData(" ai", " a i ", false)] // a word shorter than the prefix key: its key takes in the next word
    [InlineData(" bench", " benchmarks ", true)]
    [InlineData(" bench", " ben chmarks ", false)]
    [InlineData(" x y ", " a x y ", true)]
    [InlineData(" x y ", " a x yz ", false)]
    [InlineData(" 深 度 ", " 新 深 度 求 ", true)]
    [InlineData(" deepseek", "deepseek v4 ", false)] // what precedes the first space is no word
    public void Pattern_is_found_exactly_where_it_occurs(string pattern, string text, bool found)
    {
        var set = new LiteralPatternSet([pattern]);
        var fields = new byte[1];

        set.Scan(text, fields, 4);

        Assert.Equal(found ? 4 : 0, fields[0]);
    }

    [Fact]
    public void Scan_finds_the_same_patterns_as_an_ordinal_substring_search()
    {
        // Words that collide on the key (same length, same first four chars), single chars as in CJK text, words
        // longer than 8 chars, texts longer than a 32-char block so that words straddle block boundaries.
        string[] words =
        [
            "a", "ab", "abc", "abcd", "abcde", "abcdx", "abcdefgh", "abcdefgi", "abcdefghij", "abcdzzzzij", "ai", "x", "xy",
            "model", "models", "modes", "transformer", "transformed", "深", "度", "求", "3", "42", new string('w', 70),
            new string('w', 71),
        ];
        var random = new Random(20250602);
        for (int round = 0; round < 300; round++)
        {
            var patterns = Enumerable.Range(0, random.Next(1, 40))
                .Select(_ => Pattern(words, random))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            var set = new LiteralPatternSet(patterns);
            for (int t = 0; t < 5; t++)
            {
                string text = " " + string.Join(' ', Enumerable.Range(0, random.Next(0, 40)).Select(_ => words[random.Next(words.Length)]))
                    + (random.Next(4) == 0 ? string.Empty : " ");
                var found = new byte[patterns.Length];

                set.Scan(text, found, 1);

                for (int id = 0; id < patterns.Length; id++)
                {
                    bool expected = text.Contains(patterns[id], StringComparison.Ordinal);
                    Assert.True(expected == (found[id] == 1), $"pattern '{patterns[id]}' in text '{text}': expected {expected}");
                }
            }
        }
    }

    /// <summary>" w1 ... wn " or, for a prefix keyword, " w1 ... wn" with wn possibly cut short.</summary>
    private static string Pattern(string[] words, Random random)
    {
        string phrase = " " + string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => words[random.Next(words.Length)]));
        if (random.Next(3) != 0)
        {
            return phrase + " ";
        }

        int lastWordStart = phrase.LastIndexOf(' ') + 1;
        return phrase[..random.Next(lastWordStart + 1, phrase.Length + 1)];
    }
}
