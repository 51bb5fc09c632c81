using System.Text;
using Microsoft.Extensions.Time.Testing;
using Monitor.Subscriptions;

namespace Monitor.Tests.Digests;

/// <summary><see cref="UnsubscribeTokens"/>: signed, expiring, purpose-bound tokens; anything forged or expired fails.</summary>
[Trait("Category", "Unit")]
public sealed class UnsubscribeTokensTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-test-key";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Theory]
    [InlineData("analyst@example.com")]
    [InlineData("Jürgen.Größe+ai@例え.jp")]
    public void Given_a_token_when_verified_with_the_same_key_and_purpose_before_expiry_then_it_yields_the_email(string email)
    {
        var tokens = new UnsubscribeTokens(Key, _time);
        var token = tokens.Create(email, UnsubscribeTokens.Unsubscribe, TimeSpan.FromDays(30));

        _time.Advance(TimeSpan.FromDays(29));

        Assert.True(tokens.TryVerify(token, UnsubscribeTokens.Unsubscribe, out var verified));
        Assert.Equal(email, verified);
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token); // URL-safe as it is
    }

    [Fact]
    public void Given_a_token_when_its_lifetime_has_passed_then_it_fails_verification()
    {
        var tokens = new UnsubscribeTokens(Key, _time);
        var token = tokens.Create("analyst@example.com", UnsubscribeTokens.Unsubscribe, TimeSpan.FromHours(1));

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(tokens.TryVerify(token, UnsubscribeTokens.Unsubscribe, out _));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(tokens.TryVerify(token, UnsubscribeTokens.Unsubscribe, out var email));
        Assert.Equal(string.Empty, email);
    }

    [Fact]
    public void Given_a_token_for_one_purpose_when_verified_for_another_then_it_fails()
    {
        var tokens = new UnsubscribeTokens(Key, _time);
        var token = tokens.Create("analyst@example.com", "confirm", TimeSpan.FromDays(1));

        Assert.False(tokens.TryVerify(token, UnsubscribeTokens.Unsubscribe, out _));
        Assert.True(tokens.TryVerify(token, "confirm", out _));
    }

    [Fact]
    public void Given_a_token_signed_with_another_key_when_verified_then_it_fails()
    {
        var token = new UnsubscribeTokens("another key, also long enough to be accepted!", _time).Create("analyst@example.com", UnsubscribeTokens.Unsubscribe, TimeSpan.FromDays(1));

        Assert.False(new UnsubscribeTokens(Key, _time).TryVerify(token, UnsubscribeTokens.Unsubscribe, out _));
    }

    /// <summary>A forger who rewrites the payload (other address, later expiry) cannot produce the MAC to go with it.</summary>
    [Fact]
    public void Given_a_token_whose_payload_was_rewritten_when_verified_then_it_fails()
    {
        var tokens = new UnsubscribeTokens(Key, _time);
        var token = tokens.Create("analyst@example.com", UnsubscribeTokens.Unsubscribe, TimeSpan.FromDays(1));
        var (payload, mac) = (token.Split('.')[0], token.Split('.')[1]);
        var text = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(payload));
        var parts = text.Split('\n');

        string Forge(string forged) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forged)) + "." + mac;

        Assert.False(tokens.TryVerify(Forge($"{parts[0]}\n{parts[1]}\nvictim@example.com"), UnsubscribeTokens.Unsubscribe, out _));
        Assert.False(tokens.TryVerify(Forge($"{long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) + 86400 * 365}\n{parts[1]}\n{parts[2]}"), UnsubscribeTokens.Unsubscribe, out _));
        Assert.True(tokens.TryVerify(Forge(text), UnsubscribeTokens.Unsubscribe, out _)); // the untouched payload still verifies
    }

    [Fact]
    public void Given_each_single_character_of_a_token_changed_when_verified_then_none_verifies()
    {
        var tokens = new UnsubscribeTokens(Key, _time);
        var token = tokens.Create("analyst@example.com", UnsubscribeTokens.Unsubscribe, TimeSpan.FromDays(1));

        for (var i = 0; i < token.Length; i++)
        {
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.False(tokens.TryVerify(changed, UnsubscribeTokens.Unsubscribe, out _), $"changed at {i}: {changed}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.")]
    [InlineData(".abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    public void Given_garbage_when_verified_then_it_fails_without_throwing(string? token)
    {
        Assert.False(new UnsubscribeTokens(Key, _time).TryVerify(token, UnsubscribeTokens.Unsubscribe, out _));
    }

    [Fact]
    public void Given_a_short_key_or_bad_arguments_when_used_then_it_refuses()
    {
        Assert.Throws<ArgumentException>(() => new UnsubscribeTokens("too short", _time));
        var tokens = new UnsubscribeTokens(Key, _time);
        Assert.Throws<ArgumentException>(() => tokens.Create("a@b.c\nx", UnsubscribeTokens.Unsubscribe, TimeSpan.FromDays(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokens.Create("a@b.c", UnsubscribeTokens.Unsubscribe, TimeSpan.Zero));
    }
}
