// The GPU check: see CheckRunner and docs/gpu.md.
return RecDsl.GpuCheck.CheckRunner.Run(args, Console.Out);
