using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(LlmPreflight.Benchmarks.AnalyzerBenchmarks).Assembly).Run(args);
