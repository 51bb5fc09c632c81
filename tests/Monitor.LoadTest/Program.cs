using Monitor.LoadTest;

var options = LoadTestOptions.Parse(args, out var error);
if (options is null)
{
    if (!string.IsNullOrEmpty(error))
    {
        Console.Error.WriteLine($"error: {error}");
    }

    Console.Error.WriteLine(LoadTestOptions.Usage);
    return string.IsNullOrEmpty(error) ? 0 : 2;
}

try
{
    return await new LoadTestRun(options, Console.Out).RunAsync();
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"load test failed: {ex.Message}");
    return 1;
}
