using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Monitor.Core.Configuration;
using Monitor.Digests;
using Monitor.Subscriptions;
using static Monitor.Tests.Digests.DigestFixtures;

namespace Monitor.Tests.Digests;

/// <summary><see cref="DigestMessageFactory"/>: MIME structure, UTF-8 round trip through the wire format, list headers.</summary>
[Trait("Category", "Unit")]
public sealed class DigestMessageFactoryTests
{
    private const string From = "Monitor <monitor@test.local>";

    [Fact]
    public void Given_a_digest_when_the_message_is_created_then_it_is_multipart_alternative_with_plain_text_and_html_in_utf8()
    {
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek V4 released", "https://wire.example/v4", Now, "models")]);

        var factory = new DigestMessageFactory();
        var message = factory.Create(digest, From);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        var parts = alternative.OfType<TextPart>().ToArray();
        Assert.Equal(2, alternative.Count);
        Assert.Equal(["text/plain", "text/html"], parts.Select(p => p.ContentType.MimeType));
        Assert.All(parts, p => Assert.Equal("utf-8", p.ContentType.Charset, ignoreCase: true));
        var links = factory.LinksFor(digest, From);
        Assert.Equal(factory.Renderer.RenderText(digest, links), message.TextBody);
        Assert.Equal(factory.Renderer.RenderHtml(digest, links), message.HtmlBody);
    }

    [Fact]
    public void Given_chinese_and_german_text_when_the_message_is_written_and_loaded_then_subject_and_bodies_round_trip()
    {
        var topics = new List<TopicDefinition>(Topics) { new("cn", "Große Modelle – 深度求索", ["深度求索"], []) };
        var digest = DigestBuilder.Build(
            Subscriber("cn"),
            [
                Match(1, "cn", "深度求索发布新模型", "https://cn.example/1", Now.AddHours(-1), "cn", summary: "深度求索今天发布了新的大模型。", terms: "深度求索"),
                Match(2, "wire", "Größere Gewichte für Übersetzer", "https://wire.example/gross", Now.AddHours(-2), "cn", summary: "Straße, Äpfel, Öl.", terms: "深度求索"),
            ],
            topics,
            FeedTitle,
            Now,
            200);
        var message = new DigestMessageFactory().Create(digest, From);

        using var wire = new MemoryStream();
        message.WriteTo(wire);
        var raw = System.Text.Encoding.ASCII.GetString(wire.ToArray());
        wire.Position = 0;
        var loaded = MimeMessage.Load(wire);

        Assert.Equal("AI news: 2 stories — Große Modelle – 深度求索 (2)", loaded.Subject);
        Assert.Equal(message.Subject, loaded.Subject);
        Assert.DoesNotContain("深度求索", raw.Split("\r\n\r\n")[0], StringComparison.Ordinal); // headers are encoded for transport
        Assert.Contains("* 深度求索发布新模型", loaded.TextBody, StringComparison.Ordinal);
        Assert.Contains("* Größere Gewichte für Übersetzer", loaded.TextBody, StringComparison.Ordinal);
        Assert.Contains("Straße, Äpfel, Öl.", loaded.TextBody, StringComparison.Ordinal);
        Assert.Contains("深度求索今天发布了新的大模型。", loaded.TextBody, StringComparison.Ordinal);
        Assert.Contains("\">深度求索</mark>今天发布了新的大模型。", loaded.HtmlBody, StringComparison.Ordinal); // the matched term highlighted
    }

    [Fact]
    public void Given_a_digest_when_the_message_is_created_then_it_has_message_id_date_auto_submitted_list_id_and_addresses()
    {
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek V4 released", "https://wire.example/v4", Now, "models")]);

        var message = new DigestMessageFactory().Create(digest, From);
        using var wire = new MemoryStream();
        message.WriteTo(wire);
        wire.Position = 0;
        var loaded = MimeMessage.Load(wire);

        Assert.EndsWith("@test.local", loaded.MessageId, StringComparison.Ordinal);
        Assert.Equal(Now, loaded.Date);
        Assert.Equal("auto-generated", loaded.Headers["Auto-Submitted"]);
        Assert.Equal("bulk", loaded.Headers["Precedence"]);
        Assert.Equal("AI news digest <digest.test.local>", loaded.Headers["List-Id"]);
        Assert.Equal("<mailto:monitor@test.local?subject=unsubscribe%20analyst%40test.local>", loaded.Headers["List-Unsubscribe"]);
        Assert.Null(loaded.Headers["List-Unsubscribe-Post"]); // one-click needs an http(s) URL
        Assert.Equal("1", loaded.Headers["X-Monitor-Stories"]);
        var to = Assert.Single(loaded.To.Mailboxes);
        Assert.Equal("analyst@test.local", to.Address);
        Assert.Equal("Analyst", to.Name);
        Assert.Equal("monitor@test.local", Assert.Single(loaded.From.Mailboxes).Address);
        Assert.Equal("AI news: 1 story — Model releases (1)", loaded.Subject);
    }

    [Fact]
    public void Given_two_digests_when_messages_are_created_then_their_message_ids_differ()
    {
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek V4 released", "https://wire.example/v4", Now, "models")]);

        var first = new DigestMessageFactory().Create(digest, From);
        var second = new DigestMessageFactory().Create(digest, From);

        Assert.False(string.IsNullOrEmpty(first.MessageId));
        Assert.NotEqual(first.MessageId, second.MessageId);
    }

    [Fact]
    public void Given_a_public_base_url_and_a_signing_key_when_the_message_is_created_then_list_unsubscribe_is_one_click_with_a_token_that_verifies_and_a_mailto_fallback()
    {
        var time = new FakeTimeProvider(Now);
        var tokens = new UnsubscribeTokens(new string('k', 40), time);
        var factory = new DigestMessageFactory(new DigestRenderer(), new UnsubscribeLinks("https://monitor.example.org/", tokens));
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek V4 released", "https://wire.example/v4", Now, "models")]);

        var loaded = RoundTrip(factory.Create(digest, From));

        var header = loaded.Headers["List-Unsubscribe"]!;
        var match = System.Text.RegularExpressions.Regex.Match(header, "^<(https://monitor\\.example\\.org/unsubscribe\\?token=([^>]+))>, <(mailto:[^>]+)>$");
        Assert.True(match.Success, header);
        Assert.Equal("List-Unsubscribe=One-Click", loaded.Headers["List-Unsubscribe-Post"]);
        Assert.True(tokens.TryVerify(Uri.UnescapeDataString(match.Groups[2].Value), UnsubscribeTokens.Unsubscribe, out var email));
        Assert.Equal("analyst@test.local", email);
        Assert.Contains($"href=\"{match.Groups[1].Value}\"", loaded.HtmlBody, StringComparison.Ordinal); // the same link in the footer
        Assert.Contains("Unsubscribe: " + match.Groups[1].Value, loaded.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_chinese_and_german_display_names_when_the_message_is_written_and_loaded_then_names_are_encoded_on_the_wire_and_round_trip()
    {
        var subscriber = Subscriber("models") with { Name = "分析师 Jürgen Größe" };
        var digest = Build(subscriber, [Match(1, "wire", "DeepSeek V4 veröffentlicht — 深度求索", "https://wire.example/v4", Now, "models")]);

        var message = new DigestMessageFactory().Create(digest, "Überwachung 监控 <monitor@test.local>");
        using var wire = new MemoryStream();
        message.WriteTo(wire);
        var headers = System.Text.Encoding.ASCII.GetString(wire.ToArray()).Split("\r\n\r\n")[0];
        wire.Position = 0;
        var loaded = MimeMessage.Load(wire);

        Assert.All(headers, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4} in the headers"));
        Assert.Contains("=?utf-8?", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("分析师 Jürgen Größe", Assert.Single(loaded.To.Mailboxes).Name);
        Assert.Equal("Überwachung 监控", Assert.Single(loaded.From.Mailboxes).Name);
        Assert.Equal("AI news: 1 story — Model releases (1)", loaded.Subject);
        Assert.Contains("* DeepSeek V4 veröffentlicht — 深度求索", loaded.TextBody, StringComparison.Ordinal);
    }

    private static MimeMessage RoundTrip(MimeMessage message)
    {
        using var wire = new MemoryStream();
        message.WriteTo(wire);
        wire.Position = 0;
        return MimeMessage.Load(wire);
    }
}
