using RecDsl.Batching;
using RecDsl.Schema;
using RecDsl.Vocabularies;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Models;

/// <summary>Single-task (one click logit) or ESMM (CTR and CVR logits).</summary>
public enum TaskKind
{
    /// <summary>One logit per row, trained on <see cref="FeatureBatch.Label"/>.</summary>
    SingleTask,
    /// <summary>Two logits per row (CTR, CVR), trained on click and click-and-conversion.</summary>
    Esmm,
}

/// <summary>
/// Base of every RecDsl model. <c>forward</c> returns logits: Float32 [B] for single-task models, [B, 2]
/// (CTR logit, CVR logit) for ESMM. Losses work on logits; <see cref="Probabilities"/> turns logits into
/// probabilities ([B], or [B, 3] = pCTR, pCVR, pCTCVR). Generated <c>{Record}{Model}</c> classes derive from
/// the concrete networks and add typed Predict/Save/Load.
/// </summary>
public abstract class RecNetwork : nn.Module<FeatureBatch, Tensor>
{
    /// <summary>Creates the network for a schema.</summary>
    protected RecNetwork(string name, FeatureSchema schema) : base(Layers.BackendFirst.Name(name))
    {
        Backend.TorchBackend.EnsureLoaded();
        Schema = schema;
    }

    /// <summary>The declaration this network was built from.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>The vocabularies this network's batches must be collated with: a generated model's
    /// <c>Vocabulary</c>; null when the record has none (or for a network built by hand, which accepts any).</summary>
    protected virtual VocabularySet? BatchVocabularies => null;

    // What the trainer, the evaluator and the exporters read. Not "protected internal" on the virtual itself: an
    // override in an assembly that sees RecDsl.Runtime's internals (a test project) would then have to say so too.
    internal VocabularySet? VocabulariesOfBatches => BatchVocabularies;

    /// <summary>Held by whatever switches the train/eval mode for a while: prediction, evaluation, export
    /// (<see cref="EvalMode"/>) and each training step. The mode is one flag of the whole module, so without it a
    /// Predict on one thread could run another's forward in train mode (dropout on, BatchNorm updating its running
    /// statistics from a prediction batch).</summary>
    internal object ModeLock { get; } = new();

    /// <summary>Takes <see cref="ModeLock"/> and switches to eval mode until disposed, then restores the mode the
    /// network had and releases the lock. Dispose it on the thread that took it.</summary>
    internal EvalModeScope EvalMode() => new(this);

    internal readonly struct EvalModeScope : IDisposable
    {
        private readonly RecNetwork network;
        private readonly bool wasTraining;

        public EvalModeScope(RecNetwork network)
        {
            Monitor.Enter(network.ModeLock);
            try
            {
                wasTraining = network.training;
                network.eval();
            }
            catch
            {
                Monitor.Exit(network.ModeLock);
                throw;
            }
            this.network = network;
        }

        public void Dispose()
        {
            try
            {
                network.train(wasTraining);
            }
            finally
            {
                Monitor.Exit(network.ModeLock);
            }
        }
    }

    /// <summary>Single-task or ESMM.</summary>
    public abstract TaskKind Task { get; }

    /// <summary>Mean training loss of a batch from the logits <paramref name="output"/> of <c>forward</c>.</summary>
    public abstract Tensor Loss(Tensor output, FeatureBatch batch);

    /// <summary>Probabilities from logits: [B], or [B, 3] (pCTR, pCVR, pCTCVR) for ESMM.</summary>
    public abstract Tensor Probabilities(Tensor output);
}
