using MimeKit;
using Monitor.Core.Configuration;
using Monitor.Digests;
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

        var message = DigestMessageFactory.Create(digest, From);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        var parts = alternative.OfType<TextPart>().ToArray();
        Assert.Equal(2, alternative.Count);
        Assert.Equal(["text/plain", "text/html"], parts.Select(p => p.ContentType.MimeType));
        Assert.All(parts, p => Assert.Equal("utf-8", p.ContentType.Charset, ignoreCase: true));
        Assert.Equal(DigestRenderer.RenderText(digest), message.TextBody);
        Assert.Equal(DigestRenderer.RenderHtml(digest), message.HtmlBody);
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
        var message = DigestMessageFactory.Create(digest, From);

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
        Assert.Contains("深度求索今天发布了新的大模型。", loaded.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_digest_when_the_message_is_created_then_it_has_message_id_date_auto_submitted_list_id_and_addresses()
    {
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek V4 released", "https://wire.example/v4", Now, "models")]);

        var message = DigestMessageFactory.Create(digest, From);
        using var wire = new MemoryStream();
        message.WriteTo(wire);
        wire.Position = 0;
        var loaded = MimeMessage.Load(wire);

        Assert.EndsWith("@test.local", loaded.MessageId, StringComparison.Ordinal);
        Assert.Equal(Now, loaded.Date);
        Assert.Equal("auto-generated", loaded.Headers["Auto-Submitted"]);
        Assert.Equal("AI news digest <digest.test.local>", loaded.Headers["List-Id"]);
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

        var first = DigestMessageFactory.Create(digest, From);
        var second = DigestMessageFactory.Create(digest, From);

        Assert.False(string.IsNullOrEmpty(first.MessageId));
        Assert.NotEqual(first.MessageId, second.MessageId);
    }
}
