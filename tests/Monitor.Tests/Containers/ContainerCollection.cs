namespace Monitor.Tests.Containers;

/// <summary>Every test that needs the container servers shares one set of them (images built once per run), serially.</summary>
[CollectionDefinition(Name)]
public sealed class ContainerCollection : ICollectionFixture<ContainerServers>
{
    public const string Name = "containers";
}
