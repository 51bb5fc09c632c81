using System.Net;
using Microsoft.Extensions.Options;

namespace Monitor.Options;

public sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"Monitor:Http:Port: must be 0 (off) or 1-65535 (was {options.Port})");
        }

        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add($"Monitor:Http:BindAddress: not an IP address: '{options.BindAddress}'");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
