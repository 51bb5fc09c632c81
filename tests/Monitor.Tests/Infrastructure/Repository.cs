using System.Reflection;

namespace Monitor.Tests.Infrastructure;

/// <summary>The repository the tests were built from (recorded at build time, so it holds wherever the binaries go).</summary>
public static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;
}
