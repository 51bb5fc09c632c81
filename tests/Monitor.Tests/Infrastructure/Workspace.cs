using Monitor.Cli;

namespace Monitor.Tests.Infrastructure;

/// <summary>A temporary folder with a feeds.json and a data folder, and a way to run Monitor's command line in process against it.</summary>
public sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Directory.CreateTempSubdirectory("monitor-test-").FullName;
        Directory.CreateDirectory(DataDir);
    }

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "feeds.json");

    public string DataDir => Path.Combine(Root, "data");

    public string OutboxDir => Path.Combine(DataDir, "outbox");

    public void WriteConfig(string json) => File.WriteAllText(ConfigPath, json);

    public async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var all = args.Concat(["--config", ConfigPath, "--data", DataDir]).ToArray();
        var exit = await MonitorCli.RunAsync(all, output, error, settings ?? new Dictionary<string, string?>(), CancellationToken.None);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
