using System.Diagnostics;

namespace Monitor.Tests.Rendering;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>, or <c>MONITOR_CHROMIUM</c>) run headless, one process per call, each with
/// a fresh profile and no network chatter: screenshots and the DOM after scripts ran.
/// </summary>
/// <remarks>
/// A headless window is never narrower than 500 CSS px, whatever <c>--window-size</c> says (the screenshot is cropped to
/// the size asked for, the layout is not); pages meant for a narrower viewport are therefore shown in an iframe of that
/// size (see <see cref="ViewportPage"/>).
/// </remarks>
public sealed class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public HeadlessChromium()
    {
        Binary = Environment.GetEnvironmentVariable("MONITOR_CHROMIUM") is { Length: > 0 } custom ? custom : "/usr/bin/chromium";
    }

    public string Binary { get; }

    public bool IsInstalled => File.Exists(Binary);

    /// <summary>A PNG of the page at this window size (<paramref name="dark"/>: prefers-color-scheme: dark).</summary>
    public async Task ScreenshotAsync(string page, string png, int width, int height, bool dark = false)
    {
        File.Delete(png);
        await RunAsync([.. DarkMode(dark), "--hide-scrollbars", $"--screenshot={png}", $"--window-size={width},{height}", new Uri(page).AbsoluteUri]);
        Assert.True(File.Exists(png) && new FileInfo(png).Length > 0, $"chromium wrote no screenshot to {png}");
    }

    /// <summary>The serialized DOM after the page's scripts ran, at this window size.</summary>
    public Task<string> DumpDomAsync(string page, int width, int height, bool dark = false) =>
        RunAsync([.. DarkMode(dark), "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000", "--dump-dom", $"--window-size={width},{height}", new Uri(page).AbsoluteUri]);

    private static string[] DarkMode(bool dark) => dark ? ["--blink-settings=preferredColorScheme=0"] : [];

    private async Task<string> RunAsync(string[] arguments)
    {
        Assert.True(IsInstalled, $"{Binary} not found: install Debian's chromium (apt-get install chromium; ./test.sh does it as root) or set MONITOR_CHROMIUM");
        var profile = Directory.CreateTempSubdirectory("monitor-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio", $"--user-data-dir={profile}", .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within {Timeout.TotalSeconds:0} s: {string.Join(' ', arguments)}");
            }

            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await stderr}");
            return await stdout;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // a helper process may still hold a file for a moment; the temp folder is cleaned by the OS
            }
        }
    }
}
