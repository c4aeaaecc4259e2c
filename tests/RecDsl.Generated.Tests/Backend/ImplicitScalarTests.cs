using Mono.Cecil;
using Mono.Cecil.Cil;
using RecDsl.Batching;

namespace RecDsl.Generated.Tests.Backend;

/// <summary>
/// TorchSharp 0.107 turns a plain number passed as a <c>Scalar</c> (an implicit conversion, or an operator such as
/// <c>tensor * 0.5</c>) into a native Scalar it leaves to the finalizer, which can free it during the native call that
/// reads it: a training run in CI died of it in LazyAdam's step ("Unknown scalar type"). The runtime and the generated
/// code therefore pass cached or disposed Scalars (RecDsl.Backend.Scalars). This reads their IL and names every method
/// that still converts implicitly. TorchSharp's own code is out of its reach; the trainer uses RecDsl's optimizers,
/// not TorchSharp's, whose step converts (DenseOptimizerTests holds them to TorchSharp's results).
/// </summary>
public class ImplicitScalarTests
{
    private static readonly string[] Primitives = { "System.Double", "System.Single", "System.Int32", "System.Int64", "System.Boolean" };

    private static IEnumerable<string> ImplicitScalars(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
            foreach (var method in type.Methods.Where(m => m.HasBody))
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.OpCode.Code is not (Code.Call or Code.Callvirt or Code.Newobj) || instruction.Operand is not MethodReference target) continue;
                    bool converts = target.Name == "op_Implicit" && target.ReturnType.FullName == "TorchSharp.Scalar";
                    // Tensor's operators with a number convert it inside TorchSharp.
                    bool operatorWithNumber = target.DeclaringType.FullName == "TorchSharp.torch/Tensor" && target.Name.StartsWith("op_", StringComparison.Ordinal)
                        && target.Parameters.Any(p => Primitives.Contains(p.ParameterType.FullName));
                    if (converts || operatorWithNumber) yield return $"{type.FullName}.{method.Name} ({(converts ? "implicit Scalar" : target.Name + " with a number")})";
                }
    }

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
}
