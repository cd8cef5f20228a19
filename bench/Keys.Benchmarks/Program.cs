using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Platform.Keys.Benchmarks.VerifyHotPath).Assembly).Run(args);
