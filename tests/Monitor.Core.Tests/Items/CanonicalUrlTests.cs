using Monitor.Core.Items;

namespace Monitor.Core.Tests.Items;

[Trait("Category", "Unit")]
public sealed class CanonicalUrlTests
{
    [Theory]
    [InlineData("HTTPS://Example.COM/Path/Story?id=3#comments", "https://example.com/Path/Story?id=3")]
    [InlineData("https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7")]
    [InlineData("https://example.com/a?fbclid=abc&gclid=def", "https://example.com/a")]
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1")]
    [InlineData("https://example.com/a?UTM_CAMPAIGN=x", "https://example.com/a")]
    public void Given_a_link_when_canonicalized_then_tracking_and_case_noise_is_removed(string link, string expected)
    {
        Assert.Equal(expected, CanonicalUrl.Canonicalize(link));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("javascript:alert(1)")]
    public void Given_no_absolute_http_link_when_canonicalized_then_null(string? link)
    {
        Assert.Null(CanonicalUrl.Canonicalize(link));
    }

    [Fact]
    public void Given_the_same_story_with_different_tracking_when_keyed_then_story_keys_are_equal()
    {
        var a = ItemIdentity.StoryKey(CanonicalUrl.Canonicalize("https://news.example/deepseek-v4?utm_source=a"), "DeepSeek V4 released");
        var b = ItemIdentity.StoryKey(CanonicalUrl.Canonicalize("https://NEWS.example/deepseek-v4#top"), "DeepSeek releases V4");
        Assert.Equal(a, b);
    }

    [Fact]
    public void Given_an_item_without_guid_when_keyed_then_the_canonical_link_is_its_identity()
    {
        var key = ItemIdentity.ItemKey(null, "https://example.com/a", "t", "s");
        Assert.Equal("link:https://example.com/a", key);
        Assert.StartsWith("hash:", ItemIdentity.ItemKey(" ", null, "title", "summary"), StringComparison.Ordinal);
        Assert.NotEqual(ItemIdentity.ItemKey(null, null, "title", "a"), ItemIdentity.ItemKey(null, null, "title", "b"));
    }
}
