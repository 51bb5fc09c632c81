using System.Security.Cryptography;
using System.Text;

namespace Monitor.Core.Items;

/// <summary>How items and stories are identified (see <see cref="FeedItem"/>).</summary>
public static class ItemIdentity
{
    public static string ItemKey(string? id, string? canonicalLink, string title, string summary)
    {
        if (!string.IsNullOrWhiteSpace(id))
        {
            return "id:" + id.Trim();
        }

        if (canonicalLink is not null)
        {
            return "link:" + canonicalLink;
        }

        return "hash:" + Hash(title + "\n" + summary);
    }

    public static string StoryKey(string? canonicalLink, string title) =>
        canonicalLink is not null ? "link:" + canonicalLink : "title:" + Hash(TitleKeyText(title));

    /// <summary>A key for the normalized title, used to recognise a story re-published under a new link or id; null when the title is too short to be distinctive.</summary>
    public static string? TitleKey(string title)
    {
        var text = TitleKeyText(title);
        return text.Length < 12 ? null : "title:" + Hash(text);
    }

    private static string TitleKeyText(string title) => Matching.TextNormalizer.Normalize(title);

    private static string Hash(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
