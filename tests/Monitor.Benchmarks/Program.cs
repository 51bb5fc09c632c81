using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Monitor.Benchmarks;

// In-process: no generated project to build (the repository's analyzers and warnings-as-errors would apply to it).
var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithWarmupCount(3)
        .WithIterationCount(12)
        .WithId("InProcess"))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(new ThroughputColumn(items: false), new ThroughputColumn(items: true))
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args, config);
