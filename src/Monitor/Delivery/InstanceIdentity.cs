namespace Monitor.Delivery;

/// <summary>Names this process among replicas (lease owner): host, process id and a random part.</summary>
public sealed class InstanceIdentity
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public override string ToString() => Id;
}
