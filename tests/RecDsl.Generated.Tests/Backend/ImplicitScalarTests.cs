using Mono.Cecil;
using Mono.Cecil.Cil;
using RecDsl.Batching;

namespace RecDsl.Generated.Tests.Backend;

/// <summary>
/// TorchSharp 0.107 turns a plain number passed as a <c>Scalar</c> (an implicit conversion, or an operator such as
/// <c>tensor * 0.5</c>) into a native Scalar it leaves to the finalizer, which can free it during the native call that
/// reads it: a training run in CI died of it in LazyAdam's step ("Unknown scalar type"). The runtime and the generated
/// code therefore pass cached or disposed Scalars (RecDsl.Backend.Scalars). This reads their IL and names every method
/// that still converts implicitly, and reads the forward of every TorchSharp module the runtime builds. The trainer
/// uses RecDsl's optimizers, not TorchSharp's, whose step converts (DenseOptimizerTests holds them to TorchSharp's
/// results), and Mlp runs BatchNorm1d through its own copy of the forward (BatchNormForwardTests).
/// </summary>
public class ImplicitScalarTests
{
    private static readonly string[] Primitives = { "System.Double", "System.Single", "System.Int32", "System.Int64", "System.Boolean" };

    private static bool IsImplicitScalar(MethodReference target) => target.Name == "op_Implicit" && target.ReturnType.FullName == "TorchSharp.Scalar";

    private static IEnumerable<string> ImplicitScalars(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var inside = new Dictionary<MethodDefinition, string?>();
        foreach (var type in module.GetTypes())
            foreach (var method in type.Methods.Where(m => m.HasBody))
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.OpCode.Code is not (Code.Call or Code.Callvirt or Code.Newobj) || instruction.Operand is not MethodReference target) continue;
                    var site = $"{type.FullName}.{method.Name}";
                    bool converts = IsImplicitScalar(target);
                    // Tensor's operators with a number convert it inside TorchSharp.
                    bool operatorWithNumber = target.DeclaringType.FullName == "TorchSharp.torch/Tensor" && target.Name.StartsWith("op_", StringComparison.Ordinal)
                        && target.Parameters.Any(p => Primitives.Contains(p.ParameterType.FullName));
                    if (converts || operatorWithNumber)
                    {
                        yield return $"{site} ({(converts ? "implicit Scalar" : target.Name + " with a number")})";
                        continue;
                    }
                    // A convenience overload that makes the Scalar itself: add(t) is add(t, 1), square() is pow(2).
                    if (target.DeclaringType.Scope.Name != "TorchSharp" || target.Resolve() is not { } callee) continue;
                    if (!inside.TryGetValue(callee, out var reached))
                        inside[callee] = reached = ImplicitScalarsReachedFrom(callee, Depth).FirstOrDefault();
                    if (reached is not null) yield return $"{site} (calls {callee.DeclaringType.Name}.{callee.Name}({string.Join(", ", callee.Parameters.Select(p => p.ParameterType.Name))}), which converts in {reached})";
                }
    }

    /// <summary>How many calls deep into TorchSharp the scans follow (nothing new turns up beyond 3 today).</summary>
    private const int Depth = 6;

    [Fact]
    public void The_runtime_passes_no_implicit_scalar_to_torchsharp()
    {
        var found = ImplicitScalars(typeof(FeatureBatch).Assembly.Location).Distinct().ToArray();
        Assert.True(found.Length == 0, "Pass RecDsl.Backend.Scalars or a disposed Scalar instead:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_generated_code_passes_no_implicit_scalar_to_torchsharp()
    {
        // This assembly holds the code generated for the sample records (Records/: every model and feature kind), in
        // the records' namespaces; the tests' own code (RecDsl.Generated.Tests.*) is not checked.
        var found = ImplicitScalars(typeof(ImplicitScalarTests).Assembly.Location)
            .Where(site => !site.StartsWith("RecDsl.Generated.Tests.", StringComparison.Ordinal)).Distinct().ToArray();
        Assert.True(found.Length == 0, "The generated code converts a number implicitly:\n" + string.Join("\n", found));
        Assert.Contains(typeof(ImplicitScalarTests).Assembly.GetTypes(), t => t.Name.EndsWith("Batch", StringComparison.Ordinal) && t.GetProperties().Any(p => p.Name.EndsWith("Length", StringComparison.Ordinal)));
    }

    /// <summary>The TorchSharp module types the runtime creates: constructed directly or returned by a factory such as
    /// <c>nn.Linear</c>.</summary>
    private static IEnumerable<TypeDefinition> TorchModulesBuiltBy(ModuleDefinition runtime)
    {
        foreach (var type in runtime.GetTypes())
            foreach (var method in type.Methods.Where(m => m.HasBody))
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.Operand is not MethodReference target || target.DeclaringType.Scope.Name != "TorchSharp") continue;
                    var made = instruction.OpCode.Code == Code.Newobj ? target.DeclaringType : target.ReturnType;
                    if (made.Namespace == "TorchSharp.Modules" && made.Resolve() is { } definition) yield return definition;
                }
    }

    /// <summary>The methods of TorchSharp that <paramref name="start"/> reaches within <paramref name="depth"/> calls
    /// and that convert a number to a Scalar implicitly.</summary>
    private static IEnumerable<string> ImplicitScalarsReachedFrom(MethodDefinition start, int depth)
    {
        var seen = new HashSet<MethodDefinition>();
        var frontier = new List<MethodDefinition> { start };
        for (int level = 0; level <= depth && frontier.Count > 0; level++)
        {
            var next = new List<MethodDefinition>();
            foreach (var method in frontier.Where(m => m.HasBody && seen.Add(m)))
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.Operand is not MethodReference target) continue;
                    if (IsImplicitScalar(target)) yield return $"{method.DeclaringType.FullName}.{method.Name}";
                    else if (target.DeclaringType.Scope.Name == "TorchSharp" && target.Resolve() is { } callee) next.Add(callee);
                }
            frontier = next;
        }
    }

    [Fact]
    public void The_torchsharp_modules_the_runtime_builds_pass_no_implicit_scalar_in_forward()
    {
        using var runtime = ModuleDefinition.ReadModule(typeof(FeatureBatch).Assembly.Location);
        var modules = TorchModulesBuiltBy(runtime).DistinctBy(t => t.FullName).ToArray();
        Assert.Contains(modules, t => t.Name == "Linear"); // the scan sees the factories
        var found = new SortedSet<string>();
        foreach (var module in modules)
            for (var type = module; type is not null; type = type.BaseType?.Resolve())
                foreach (var forward in type.Methods.Where(m => m.Name == "forward"))
                    foreach (var site in ImplicitScalarsReachedFrom(forward, Depth))
                        found.Add($"{module.Name}: {site}");
        // BatchNorm's forward counts batches with add_(1) (which shows that the scan reaches such a site); Mlp never
        // calls it: BatchNormForward is its copy.
        Assert.Contains(found, site => site.StartsWith("BatchNorm1d: TorchSharp.Modules.BatchNorm.forward", StringComparison.Ordinal));
        found.RemoveWhere(site => site.StartsWith("BatchNorm1d: TorchSharp.Modules.BatchNorm.forward", StringComparison.Ordinal));
        Assert.True(found.Count == 0, "A TorchSharp module the runtime builds converts a number implicitly in its forward; run it " +
            "through a copy that passes RecDsl.Backend.Scalars (as Mlp does BatchNorm1d):\n" + string.Join("\n", found));
    }
}
