using Microsoft.Extensions.Time.Testing;
using Monitor.Options;
using Monitor.Subscriptions;

namespace Monitor.Tests.Subscriptions;

/// <summary><see cref="SubscriptionLinks"/>: confirm, manage and unsubscribe links, each good for its own purpose and lifetime only.</summary>
[Trait("Category", "Unit")]
public sealed class SubscriptionLinksTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-links";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Given_a_confirmation_link_when_48_hours_have_passed_then_it_no_longer_verifies()
    {
        var links = Links("https://monitor.example.org/");
        var token = TokenOf(links.ConfirmUrl("Zoë@Example.org"));
        Assert.StartsWith("https://monitor.example.org/subscribe/confirm?token=", links.ConfirmUrl("a@example.org"), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromHours(47.9));
        Assert.True(links.TryVerify(token, SubscriptionLinks.ConfirmPurpose, out var email));
        Assert.Equal("zoë@example.org", email);

        _time.Advance(TimeSpan.FromHours(0.1));
        Assert.False(links.TryVerify(token, SubscriptionLinks.ConfirmPurpose, out email));
        Assert.Equal(string.Empty, email);
    }

    [Fact]
    public void Given_a_link_for_one_purpose_when_used_for_another_then_it_fails()
    {
        var links = Links("https://monitor.example.org");
        var manage = TokenOf(links.ManageUrl("a@example.org"));
        var confirm = TokenOf(links.ConfirmUrl("a@example.org"));
        var unsubscribe = TokenOf(links.UnsubscribeUrl("a@example.org"));

        Assert.True(links.TryVerify(manage, SubscriptionLinks.ManagePurpose, out _));
        Assert.False(links.TryVerify(manage, SubscriptionLinks.UnsubscribePurpose, out _));
        Assert.False(links.TryVerify(confirm, SubscriptionLinks.ManagePurpose, out _));
        Assert.False(links.TryVerify(unsubscribe, SubscriptionLinks.ConfirmPurpose, out _));
        Assert.True(links.TryVerify(unsubscribe, SubscriptionLinks.UnsubscribePurpose, out _));
    }

    [Fact]
    public void Given_a_token_signed_with_another_key_when_verified_then_it_fails()
    {
        var other = new SubscriptionLinks(Microsoft.Extensions.Options.Options.Create(new MonitorOptions { PublicBaseUrl = "https://x.example", Subscriptions = new SubscriptionOptions { SigningKey = Key + "-other" } }), _time);

        Assert.False(Links("https://x.example").TryVerify(TokenOf(other.UnsubscribeUrl("a@example.org")), SubscriptionLinks.UnsubscribePurpose, out _));
    }

    [Fact]
    public void Given_no_signing_key_or_no_base_url_when_asked_then_links_cannot_be_mailed()
    {
        var noKey = new SubscriptionLinks(Microsoft.Extensions.Options.Options.Create(new MonitorOptions { PublicBaseUrl = "https://x.example" }), _time);
        var noBase = Links(null);

        Assert.False(noKey.CanSign);
        Assert.False(noKey.CanMail);
        Assert.False(noKey.TryVerify("anything.at-all", SubscriptionLinks.ConfirmPurpose, out _));
        Assert.True(noBase.CanSign);
        Assert.False(noBase.CanMail);
        Assert.StartsWith("/manage?token=", noBase.ManageUrl("a@example.org"), StringComparison.Ordinal);
    }

    private SubscriptionLinks Links(string? baseUrl) =>
        new(Microsoft.Extensions.Options.Options.Create(new MonitorOptions { PublicBaseUrl = baseUrl, Subscriptions = new SubscriptionOptions { SigningKey = Key } }), _time);

    private static string TokenOf(string url) => Uri.UnescapeDataString(url[(url.IndexOf("?token=", StringComparison.Ordinal) + 7)..]);
}
