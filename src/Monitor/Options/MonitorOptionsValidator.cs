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

        if (options.ConfigReloadInterval <= TimeSpan.Zero)
        {
            failures.Add($"Monitor:ConfigReloadInterval: must be positive (was {options.ConfigReloadInterval})");
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
