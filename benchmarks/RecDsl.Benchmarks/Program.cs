using BenchmarkDotNet.Running;
using RecDsl.Benchmarks.Quick;

// "quick": the side-by-side figures of docs/benchmarks.md in one process. Anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "quick") return QuickMode.Run(args[1..]);
if (args.Length > 0 && args[0] == "profile") return PhaseProfile.Run(args[1..]);
if (args.Length > 0 && args[0] == "serving") return ServingLatency.Run(args[1..]);
if (args.Length > 0 && args[0] == "files") return ModelFiles.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(QuickMode).Assembly).Run(args);
return 0;
