namespace Monitor.Core.Configuration;

/// <summary>Reads and validates feeds.json, collecting every problem with its JSON path.</summary>
public static class FeedsConfigLoader
{
    /// <summary>Loads the file at <paramref name="path"/>. Never throws for bad content; I/O problems become a problem too.</summary>
    public static ConfigLoadResult LoadFile(string path) => throw new NotImplementedException();

    /// <summary>Parses <paramref name="json"/>; <paramref name="fileName"/> is used in messages, <paramref name="baseDirectory"/> to resolve local feed paths.</summary>
    public static ConfigLoadResult Parse(string json, string fileName, string baseDirectory) => throw new NotImplementedException();
}
