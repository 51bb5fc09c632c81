using System.CommandLine;

namespace Monitor.Cli;

/// <summary>The command line: <c>run</c> (default), <c>check</c>, <c>inspect</c>, <c>preview</c>.</summary>
public static class MonitorCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, overrides: null, CancellationToken.None);

    /// <summary>Runs a command line in process; <paramref name="overrides"/> are settings that win over appsettings and environment.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? overrides, CancellationToken cancellationToken)
    {
        var context = new CliContext(output, error, overrides);
        var root = new RootCommand("Monitor: watches AI-news feeds for your topics and mails digests");
        root.Options.Add(GlobalOptions.Config);
        root.Options.Add(GlobalOptions.Data);
        root.Options.Add(GlobalOptions.Verbose);
        RunCommand.AddTo(root, context);
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(InspectCommand.Create(context));
        root.Subcommands.Add(CorpusCommand.Create(context));
        root.Subcommands.Add(PreviewCommand.Create(context));
        root.Subcommands.Add(DigestCommand.Create(context));
        root.Subcommands.Add(HealthCommand.Create(context));
        root.Subcommands.Add(SubscribersCommand.Create(context));
        root.Subcommands.Add(FeedsCommand.Create(context));

        try
        {
            var parse = root.Parse(args);
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One readable line; the details only when asked for (--verbose), never a stack trace by default.
            await error.WriteLineAsync($"error: {ex.GetBaseException().Message.ReplaceLineEndings(" ")}");
            if (args.Contains("--verbose") || args.Contains("-v"))
            {
                await error.WriteLineAsync(ex.ToString());
            }
            else
            {
                await error.WriteLineAsync("(run the same command with --verbose for details)");
            }

            return ExitCodes.Failure;
        }
    }
}
