using Microsoft.Extensions.Options;

namespace Monitor.Options;

/// <summary>Collects every problem of the <c>Monitor</c> section, not just the first.</summary>
public sealed class MonitorOptionsValidator : IValidateOptions<MonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            failures.Add("Monitor:DataDir: must not be empty");
        }

        if (options.MaxItemAge <= TimeSpan.Zero)
        {
            failures.Add($"Monitor:MaxItemAge: must be positive (was {options.MaxItemAge})");
        }

        if (options.RegexTimeout <= TimeSpan.Zero || options.RegexTimeout > TimeSpan.FromSeconds(10))
        {
            failures.Add($"Monitor:RegexTimeout: must be between 0 and 10 seconds (was {options.RegexTimeout})");
        }

        if (options.DatabaseBusyTimeout < TimeSpan.FromMilliseconds(100) || options.DatabaseBusyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Monitor:DatabaseBusyTimeout: must be between 0.1 s and 10 min (was {options.DatabaseBusyTimeout})");
        }

        if (options.ConfigReloadInterval <= TimeSpan.Zero)
        {
            failures.Add($"Monitor:ConfigReloadInterval: must be positive (was {options.ConfigReloadInterval})");
        }

        if (options.NearDuplicateThreshold is < 0 or > 1 || double.IsNaN(options.NearDuplicateThreshold))
        {
            failures.Add($"Monitor:NearDuplicateThreshold: must be between 0 (off) and 1 (was {options.NearDuplicateThreshold})");
        }

        if (options.NearDuplicateWindow < TimeSpan.Zero)
        {
            failures.Add($"Monitor:NearDuplicateWindow: must not be negative (was {options.NearDuplicateWindow})");
        }

        if (options.DigestLeaseTime < TimeSpan.FromSeconds(1))
        {
            failures.Add($"Monitor:DigestLeaseTime: must be at least 1 second (was {options.DigestLeaseTime})");
        }

        if (options.DigestRetryDelay <= TimeSpan.Zero)
        {
            failures.Add($"Monitor:DigestRetryDelay: must be positive (was {options.DigestRetryDelay})");
        }

        if (!Monitor.Core.Scheduling.DigestSchedule.TryParse(options.ImmediateFlushCron, out var flush, out var flushError) || flush.IsImmediate)
        {
            failures.Add($"Monitor:ImmediateFlushCron: {flushError ?? "must be a schedule, not 'immediate'"}");
        }

        if (options.MaxStoriesPerDigest < 1)
        {
            failures.Add($"Monitor:MaxStoriesPerDigest: must be at least 1 (was {options.MaxStoriesPerDigest})");
        }

        if (options.MaxStoriesPerTopic < 1)
        {
            failures.Add($"Monitor:MaxStoriesPerTopic: must be at least 1 (was {options.MaxStoriesPerTopic})");
        }

        if (!string.IsNullOrWhiteSpace(options.TemplatesDir) && !Directory.Exists(options.TemplatesDir))
        {
            failures.Add($"Monitor:TemplatesDir: folder not found: '{options.TemplatesDir}'");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var publicBase) || publicBase.Scheme is not ("http" or "https") || publicBase.Query.Length > 0 || publicBase.Fragment.Length > 0))
        {
            failures.Add($"Monitor:PublicBaseUrl: must be an absolute http(s) URL without query or fragment (was '{options.PublicBaseUrl}')");
        }

        var signingKey = options.Subscriptions?.SigningKey;
        if (!string.IsNullOrEmpty(signingKey) && signingKey.Length < Monitor.Subscriptions.UnsubscribeTokens.MinKeyLength)
        {
            failures.Add($"Monitor:Subscriptions:SigningKey: must be at least {Monitor.Subscriptions.UnsubscribeTokens.MinKeyLength} characters (was {signingKey.Length})");
        }
        else if (string.IsNullOrEmpty(signingKey) && !string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            failures.Add("Monitor:Subscriptions:SigningKey: required when Monitor:PublicBaseUrl is set (at least 32 characters)");
        }

        if (options.Subscriptions is { } subscriptions && (subscriptions.SubscribeLimit < 1 || subscriptions.SubscribeWindow <= TimeSpan.Zero))
        {
            failures.Add($"Monitor:Subscriptions:SubscribeLimit/SubscribeWindow: must be at least 1 request in a positive window (was {subscriptions.SubscribeLimit} in {subscriptions.SubscribeWindow})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
