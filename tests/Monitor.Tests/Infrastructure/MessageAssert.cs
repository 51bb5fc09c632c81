using MimeKit;

namespace Monitor.Tests.Infrastructure;

public static class MessageAssert
{
    public static MimeMessage SingleTo(IEnumerable<MimeMessage> messages, string email)
    {
        var mine = messages.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(mine.Count == 1, $"expected exactly one message to {email}, got {mine.Count}");
        return mine[0];
    }

    /// <summary>How often <paramref name="title"/> appears as a story line in the plain-text part.</summary>
    public static int StoryCount(MimeMessage message, string title) =>
        (message.TextBody ?? string.Empty).Split('\n').Count(line => line == "* " + title);
}
