using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Platform.Sdk.Benchmarks.CredentialCheckCost).Assembly).Run(args);
