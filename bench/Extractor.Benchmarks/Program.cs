using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Extractor.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Extractor.Benchmarks.ParseBenchmarks).Assembly).Run(args);
