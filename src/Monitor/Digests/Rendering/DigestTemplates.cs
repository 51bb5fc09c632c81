using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;

namespace Monitor.Digests.Rendering;

/// <summary>
/// The Liquid templates of the digest mail (<see cref="Html"/>, <see cref="Text"/>): each is read from the user's folder
/// (<c>Monitor:TemplatesDir</c>) when it holds that file, else from the defaults shipped next to the binary
/// (<c>Templates/</c>). Each file is parsed once and cached, and parsed again when it changes (size or write time).
/// A syntax error is a <see cref="DigestTemplateException"/> whose one-line message names the file and the line.
/// </summary>
public sealed partial class DigestTemplates
{
    public const string Html = "digest.html.liquid";
    public const string Text = "digest.txt.liquid";

    private static readonly FluidParser s_parser = new();

    private readonly ConcurrentDictionary<string, Compiled> _cache = new(StringComparer.Ordinal);

    /// <param name="userDir">A folder that may hold either template (null or empty: defaults only).</param>
    /// <param name="defaultDir">The shipped defaults; null: <c>Templates/</c> next to the binary.</param>
    public DigestTemplates(string? userDir, string? defaultDir = null)
    {
        UserDir = string.IsNullOrWhiteSpace(userDir) ? null : Path.GetFullPath(userDir);
        DefaultDir = Path.GetFullPath(defaultDir ?? DefaultFolder);
    }

    /// <summary>Where the shipped templates are: <c>Templates/</c> next to the binary.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "Templates");

    public string? UserDir { get; }

    public string DefaultDir { get; }

    /// <summary>The file a template name resolves to now: the user's copy if there is one, else the default.</summary>
    public string PathOf(string name)
    {
        if (UserDir is not null)
        {
            var user = Path.Combine(UserDir, name);
            if (File.Exists(user))
            {
                return user;
            }
        }

        return Path.Combine(DefaultDir, name);
    }

    /// <summary>The compiled template (cached until its file changes).</summary>
    /// <exception cref="DigestTemplateException">Missing, unreadable, or a Liquid syntax error.</exception>
    public IFluidTemplate Get(string name)
    {
        var path = PathOf(name);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new DigestTemplateException($"template {name} not found (looked in {(UserDir is null ? string.Empty : UserDir + " and ")}{DefaultDir})");
        }

        var stamp = (file.LastWriteTimeUtc, file.Length);
        if (_cache.TryGetValue(path, out var cached) && cached.Stamp == stamp)
        {
            return cached.Template;
        }

        var compiled = new Compiled(stamp, Parse(path));
        _cache[path] = compiled;
        return compiled.Template;
    }

    /// <summary>Parses one template file; a syntax error names the file and the line.</summary>
    public static IFluidTemplate Parse(string path)
    {
        string source;
        try
        {
            source = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DigestTemplateException($"template {path}: cannot be read: {ex.Message}", ex);
        }

        if (s_parser.TryParse(source, out var template, out var error))
        {
            return template;
        }

        throw new DigestTemplateException(Describe(path, error));
    }

    /// <summary>"template /x/digest.html.liquid, line 12: '{% endfor %}' was expected (column 18)".</summary>
    internal static string Describe(string path, string? error)
    {
        var firstLine = (error ?? "syntax error").Split('\n')[0].Trim();
        var position = PositionPattern().Match(firstLine);
        if (!position.Success)
        {
            return $"template {path}: {firstLine}";
        }

        var message = firstLine[..position.Index].TrimEnd();
        var line = int.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture);
        var column = position.Groups["column"].Value;
        return $"template {path}, line {line}: {message} (column {column})";
    }

    [GeneratedRegex(@"\s*at \((?<line>\d+):(?<column>\d+)\)\s*$")]
    private static partial Regex PositionPattern();

    private sealed record Compiled((DateTime WriteTime, long Length) Stamp, IFluidTemplate Template);
}
