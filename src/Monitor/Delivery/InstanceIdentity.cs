using System.Diagnostics;
using System.Globalization;

namespace Monitor.Delivery;

/// <summary>Names this process among replicas (lease owner): host, process id and a random part.</summary>
public sealed class InstanceIdentity
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Whether <paramref name="owner"/> names a process on this host that no longer runs (a crashed predecessor), so
    /// its lease can be taken over at once instead of waiting for it to expire. Owners on other hosts are never judged.
    /// </summary>
    public static bool IsDeadLocalOwner(string owner)
    {
        var parts = owner.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    public override string ToString() => Id;
}
