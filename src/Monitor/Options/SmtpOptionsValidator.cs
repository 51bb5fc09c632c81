using Microsoft.Extensions.Options;
using MimeKit;

namespace Monitor.Options;

public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (!MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add($"Monitor:Smtp:From: not a valid address: '{options.From}'");
        }

        if (options.IsConfigured)
        {
            if (options.Port is < 1 or > 65535)
            {
                failures.Add($"Monitor:Smtp:Port: must be 1-65535 (was {options.Port})");
            }

            if (!string.IsNullOrEmpty(options.Username) && options.Password is null)
            {
                failures.Add("Monitor:Smtp:Password: required when Monitor:Smtp:Username is set");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
