using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Monitor.Benchmarks;

/// <summary>A benchmark whose operation processes a known input: <see cref="PayloadBytes"/> bytes in <see cref="PayloadItems"/> items.</summary>
public interface IPayload
{
    /// <summary>Input bytes one operation processes (UTF-8 for text), known after the [GlobalSetup].</summary>
    long PayloadBytes { get; }

    /// <summary>Items (documents, texts, links) one operation processes.</summary>
    int PayloadItems { get; }
}

/// <summary>
/// "MB/s" (10^6 input bytes per second) and "items/s" from the mean time of one operation: the payload is measured by
/// creating the benchmark with the case's parameters and running its [GlobalSetup] (the inputs are deterministic).
/// </summary>
public sealed class ThroughputColumn(bool items) : IColumn
{
    private static readonly ConcurrentDictionary<string, (long Bytes, int Items)> s_payloads = new();

    public string Id => items ? "Throughput.Items" : "Throughput.MBps";

    public string ColumnName => items ? "items/s" : "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => items ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => items ? "Items processed per second (one thread)" : "Input megabytes (10^6 bytes, UTF-8) processed per second (one thread)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not { } nanoseconds || nanoseconds <= 0 || Payload(benchmarkCase) is not { } payload)
        {
            return "-";
        }

        double perSecond = 1e9 / nanoseconds;
        return items
            ? (payload.Items * perSecond).ToString("#,0", CultureInfo.InvariantCulture)
            : (payload.Bytes * perSecond / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static (long Bytes, int Items)? Payload(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        if (!typeof(IPayload).IsAssignableFrom(type))
        {
            return null;
        }

        var key = type.FullName + "|" + benchmarkCase.Descriptor.WorkloadMethod.Name + "|" + benchmarkCase.Parameters.FolderInfo;
        return s_payloads.GetOrAdd(key, _ =>
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var parameter in benchmarkCase.Parameters.Items)
            {
                if (type.GetProperty(parameter.Name) is { } property)
                {
                    property.SetValue(instance, parameter.Value);
                }
                else
                {
                    type.GetField(parameter.Name)?.SetValue(instance, parameter.Value);
                }
            }

            benchmarkCase.Descriptor.GlobalSetupMethod?.Invoke(instance, null);
            var payload = (IPayload)instance;
            return (payload.PayloadBytes, payload.PayloadItems);
        });
    }

    public override string ToString() => ColumnName;
}
