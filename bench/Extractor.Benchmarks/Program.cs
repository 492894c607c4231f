using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project bench/Extractor.Benchmarks -- --filter '*'
// In-process: no generated project to build, so a busy 2-core machine does not time the build out.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(Extractor.Benchmarks.ParseBenchmarks).Assembly).Run(args, config);
