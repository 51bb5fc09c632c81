using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Digests;
using Monitor.Digests.Rendering;
using Monitor.Options;

namespace Monitor.Cli;

/// <summary>
/// <c>digest --subscriber EMAIL --out FILE</c>: renders the digest the subscriber would get now (HTML, or plain text for
/// a <c>.txt</c> file) with the configured templates, without sending it or marking anything sent.
/// </summary>
internal static class DigestCommand
{
    private static readonly Option<string> Subscriber = new("--subscriber") { Description = "Email address of a subscriber in feeds.json", Required = true };
    private static readonly Option<string> Out = new("--out") { Description = "File to write: the HTML part, or the plain-text part when it ends in .txt", Required = true };
    private static readonly Option<string?> Since = new("--since") { Description = "Look back this far (e.g. 7d, 12h); default Monitor:MaxItemAge" };

    public static Command Create(CliContext context)
    {
        var command = new Command("digest", "Render a subscriber's next digest to a file; sends nothing, marks nothing sent");
        command.Options.Add(Subscriber);
        command.Options.Add(Out);
        command.Options.Add(Since);
        command.SetAction((parse, ct) => ExecuteAsync(context, parse, ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var email = parse.GetValue(Subscriber)!;
        var output = parse.GetValue(Out)!;
        TimeSpan? window = null;
        if (parse.GetValue(Since) is { } sinceText)
        {
            if (!Durations.TryParse(sinceText, out var parsed))
            {
                await context.Error.WriteLineAsync($"error: --since '{sinceText}': expected a duration such as 7d, 12h, 30m");
                return ExitCodes.InvalidConfig;
            }

            window = parsed;
        }

        using var host = context.BuildHost(parse, scheduling: false);
        if (await Preflight.ReadyAsync(host, context.Error, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        var directory = host.Services.GetRequiredService<Subscriptions.ISubscriberDirectory>();
        var subscriber = await directory.FindAsync(email.Trim(), cancellationToken);
        if (subscriber is null)
        {
            var known = string.Join(", ", (await directory.GetSubscribersAsync(cancellationToken)).Select(s => s.Email));
            await context.Error.WriteLineAsync($"error: --subscriber '{email}': no such subscriber in feeds.json or the subscription store (subscribers: {(known.Length > 0 ? known : "none")})");
            return ExitCodes.InvalidConfig;
        }

        var digests = host.Services.GetRequiredService<DigestService>();
        var digest = await digests.ComposeAsync(subscriber, cancellationToken, window);
        if (digest.StoryCount == 0)
        {
            await context.Out.WriteLineAsync($"{subscriber.Email}: nothing pending; no file written");
            return ExitCodes.Ok;
        }

        var from = host.Services.GetRequiredService<IOptionsMonitor<SmtpOptions>>().CurrentValue.From;
        var messages = digests.Messages;
        var links = messages.LinksFor(digest, from);
        string content;
        try
        {
            content = output.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)
                ? messages.Renderer.RenderText(digest, links)
                : messages.Renderer.RenderHtml(digest, links);
        }
        catch (DigestTemplateException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        var path = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        await context.Out.WriteLineAsync($"{subscriber.Email}: wrote {path}: {digest.Subject}");
        return ExitCodes.Ok;
    }
}
