using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Core.Configuration;
using Monitor.Core.Matching;
using Monitor.Options;

namespace Monitor.Configuration;

/// <summary>
/// Holds the last good feeds.json. A reload that fails validation keeps the previous config and reports the problems.
/// </summary>
public sealed class ConfigStore(MonitorPaths paths, IOptions<MonitorOptions> options, ILogger<ConfigStore> logger)
{
    private readonly Lock _gate = new();
    private ActiveConfig? _current;
    private string? _lastRejectedHash;

    /// <summary>Raised after a new valid config replaced the previous one.</summary>
    public event EventHandler<ActiveConfig>? Changed;

    public string ConfigPath => paths.ConfigPath;

    public ActiveConfig Current => _current ?? throw new InvalidOperationException("feeds.json has not been loaded yet.");

    /// <summary>Loads the file; on success it becomes <see cref="Current"/>. Returns every problem found.</summary>
    public IReadOnlyList<ConfigProblem> Load()
    {
        var (result, hash) = Read();
        if (!result.IsValid)
        {
            return result.Problems;
        }

        Activate(result.Config!, hash, raise: false);
        return [];
    }

    /// <summary>Re-reads the file if its content changed. Returns true when a new config became active.</summary>
    public bool ReloadIfChanged()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(paths.ConfigPath);
        }
        catch (IOException ex)
        {
            logger.LogWarning("Config reload skipped, {Path} cannot be read: {Error}", paths.ConfigPath, ex.Message);
            return false;
        }

        var hash = Convert.ToHexString(SHA256.HashData(bytes));
        if (hash == _current?.ContentHash || hash == _lastRejectedHash)
        {
            return false;
        }

        var (result, _) = Read();
        if (!result.IsValid)
        {
            _lastRejectedHash = hash;
            foreach (var problem in result.Problems)
            {
                logger.LogError("{Problem}", problem.ToString());
            }

            logger.LogError("Config change rejected ({Count} problem(s)); the last good config stays active", result.Problems.Count);
            return false;
        }

        Activate(result.Config!, hash, raise: true);
        logger.LogInformation(
            "Config reloaded: {Feeds} feeds, {Topics} topics, {Subscribers} subscribers",
            result.Config!.Feeds.Count,
            result.Config.Topics.Count,
            result.Config.Subscribers.Count);
        return true;
    }

    private (ConfigLoadResult Result, string Hash) Read()
    {
        var result = FeedsConfigLoader.LoadFile(paths.ConfigPath);
        string hash;
        try
        {
            hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(paths.ConfigPath)));
        }
        catch (IOException)
        {
            hash = string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            hash = string.Empty;
        }

        return (result, hash);
    }

    private void Activate(FeedsConfig config, string hash, bool raise)
    {
        var matcher = TopicMatcher.Create(config.Topics, options.Value.RegexTimeout);
        ActiveConfig active;
        lock (_gate)
        {
            active = new ActiveConfig(config, matcher, hash, (_current?.Generation ?? 0) + 1);
            _current = active;
            _lastRejectedHash = null;
        }

        if (raise)
        {
            Changed?.Invoke(this, active);
        }
    }
}
