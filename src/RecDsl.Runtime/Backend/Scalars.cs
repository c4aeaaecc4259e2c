using TorchSharp;

namespace RecDsl.Backend;

/// <summary>
/// The numbers RecDsl passes to TorchSharp where it takes a <see cref="Scalar"/>. TorchSharp 0.107 turns a plain number
/// (an implicit conversion, or an operator such as <c>tensor * 0.5</c> or <c>1 - tensor</c>) into a native Scalar that
/// it leaves to the finalizer; once its handle has been read the JIT may treat it as dead, so a garbage collection
/// started by another thread can free it while the native operation still reads it. CI saw this once, in LazyAdam's
/// step: "Unknown scalar type" (c10/core/Scalar.h), in the middle of a training run (dotnet/TorchSharp#1434, unmerged,
/// is the library's fix). So RecDsl's code passes the constants below, which live for the process, and every other
/// number as a Scalar it disposes after the call (<c>using var s = value.ToScalar()</c>), which keeps it alive until
/// then. <c>ImplicitScalarTests</c> reads the runtime's and the generated code's IL and fails on an implicit one.
/// </summary>
internal static class Scalars
{
    static Scalars() => TorchBackend.EnsureLoaded(); // a Scalar is native: the library must be loaded first

    /// <summary>0 (Float64; compares and fills any dtype).</summary>
    public static readonly Scalar Zero = 0.0.ToScalar();

    /// <summary>0 as an Int64, for comparisons of table rows.</summary>
    public static readonly Scalar ZeroRow = 0L.ToScalar();

    /// <summary>1 as an Int64: the alpha of <c>add</c> and <c>add_</c> (their one-argument overloads make an
    /// implicit 1 inside TorchSharp), the step of <c>arange</c>, and a count added to an integer tensor.</summary>
    public static readonly Scalar OneInteger = 1L.ToScalar();

    /// <summary>2 as an Int64: the exponent of a square (<c>Tensor.square()</c> is <c>pow(2)</c> with an implicit 2).</summary>
    public static readonly Scalar TwoInteger = 2L.ToScalar();

    /// <summary>1.</summary>
    public static readonly Scalar One = 1.0.ToScalar();

    /// <summary>2.</summary>
    public static readonly Scalar Two = 2.0.ToScalar();

    /// <summary>0.5.</summary>
    public static readonly Scalar Half = 0.5.ToScalar();

    /// <summary><see cref="float.MinValue"/>: the finite fill of masked attention scores before a softmax.</summary>
    public static readonly Scalar FloatMin = float.MinValue.ToScalar();

    /// <summary>Negative infinity: the fill of masked positions before a max.</summary>
    public static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();
}
