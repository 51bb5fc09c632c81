using Microsoft.Extensions.Options;

namespace Monitor.Options;

public sealed class FetchOptionsValidator : IValidateOptions<FetchOptions>
{
    public ValidateOptionsResult Validate(string? name, FetchOptions options)
    {
        var failures = new List<string>();
        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"Monitor:Fetch:Timeout: must be positive (was {options.Timeout})");
        }

        if (options.MaxBodyBytes < 1024)
        {
            failures.Add($"Monitor:Fetch:MaxBodyBytes: must be at least 1024 (was {options.MaxBodyBytes})");
        }

        if (options.MaxConcurrency is < 1 or > 256)
        {
            failures.Add($"Monitor:Fetch:MaxConcurrency: must be 1-256 (was {options.MaxConcurrency})");
        }

        if (options.Retries is < 0 or > 10)
        {
            failures.Add($"Monitor:Fetch:Retries: must be 0-10 (was {options.Retries})");
        }

        if (options.MaxItemsPerFeed is < 1 or > 1_000_000)
        {
            failures.Add($"Monitor:Fetch:MaxItemsPerFeed: must be 1-1000000 (was {options.MaxItemsPerFeed})");
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent))
        {
            failures.Add("Monitor:Fetch:UserAgent: must not be empty");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
