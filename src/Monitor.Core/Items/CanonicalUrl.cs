namespace Monitor.Core.Items;

/// <summary>
/// The canonical form of a story link, used to recognise the same story across feeds and after GUID changes:
/// lower-case scheme and host, default port dropped, no fragment, tracking parameters removed, remaining query kept in order.
/// </summary>
public static class CanonicalUrl
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
        "_hsenc", "_hsmi", "mkt_tok", "ref_src", "ref_url", "cmpid", "ncid", "spm", "oly_anon_id", "oly_enc_id",
        "vero_id", "rss", "rss_id", "feature", "src",
    };

    /// <summary>The canonical string, or null when <paramref name="link"/> is not an absolute http(s) URL.</summary>
    public static string? Canonicalize(string? link)
    {
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        return Canonicalize(uri);
    }

    public static string? Canonicalize(Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(uri.OriginalString.Length);
        builder.Append(uri.Scheme.ToLowerInvariant()).Append("://").Append(uri.Host.ToLowerInvariant());
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        builder.Append(uri.AbsolutePath);
        var query = uri.Query;
        if (query.Length > 1)
        {
            var kept = query[1..]
                .Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(pair => !IsTracking(pair));
            var joined = string.Join('&', kept);
            if (joined.Length > 0)
            {
                builder.Append('?').Append(joined);
            }
        }

        return builder.ToString();
    }

    private static bool IsTracking(string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        var name = eq < 0 ? pair : pair[..eq];
        return name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);
    }
}
