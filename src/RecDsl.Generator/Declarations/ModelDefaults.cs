// The runtime attributes' defaults (src/RecDsl.Runtime/Attributes/*.cs), repeated here because the Roslyn
// assemblies cannot reference the runtime. A reader test compares them with the runtime attributes by reflection.
namespace RecDsl.Generator.Declarations
{
    internal static class ModelDefaults
    {
        public const int EmbeddingDim = 16;
        public const double Dropout = 0;
        public static readonly int[] Hidden = { 256, 128 };
        public static readonly int[] AttentionHidden = { 64, 32 };
        public static readonly int[] TowerHidden = { 256, 128 };
        public const bool AttentionSoftmax = false;

        /// <summary>RecDsl.Activation values.</summary>
        public const int Relu = 0, Dice = 1;

        /// <summary>Default activation of a model: DIN uses Dice (the paper), the others ReLU.</summary>
        public static int ActivationOf(ModelKind kind) => kind == ModelKind.Din ? Dice : Relu;
    }
}
