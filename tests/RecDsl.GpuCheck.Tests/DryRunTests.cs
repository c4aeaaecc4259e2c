using TorchSharp;

namespace RecDsl.GpuCheck.Tests;

/// <summary>The GPU check's CPU dry run and probe mode, in-process. One class: the check trains models and uses
/// torch's global RNG, so its runs must not overlap.</summary>
public class DryRunTests
{
    private static (int ExitCode, string[] Lines) Run(params string[] args)
    {
        var output = new StringWriter();
        int exitCode = CheckRunner.Run(args, output);
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void The_cpu_dry_run_runs_every_section_and_passes()
    {
        var (exitCode, lines) = Run("--cpu-dry-run");
        var text = string.Join(Environment.NewLine, lines);

        Assert.True(exitCode == 0, text);
        Assert.Contains(lines, l => l.StartsWith("BACKEND libtorch source=ApplicationFolder", StringComparison.Ordinal));
        Assert.Contains("BACKEND tf32 matmul=False cudnn=True", lines); // matmul TF32 off; cuDNN's flag is only touched on CUDA
        foreach (var model in new[] { "deepfm", "widedeep", "din", "esmm" })
        {
            Assert.Contains(lines, l => l.StartsWith($"CHECK collate_{model} ok device=cpu batches=4", StringComparison.Ordinal));
            Assert.Contains($"CHECK collate_stream_{model} ok device=cpu rows=256 chunk_rows=86 identical=True on_device=True", lines);
            Assert.Contains(lines, l => l.StartsWith($"TRAIN {model} steps=24 batch=64", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith($"CHECK learns_{model} ok", StringComparison.Ordinal));
            // Same weights, same device: the copy of the state must reproduce the outputs exactly.
            Assert.Contains(lines, l => l.StartsWith($"CHECK parity_{model} ok max_rel_err=0.00E+000", StringComparison.Ordinal));
        }
        // On the CPU a resumed run is bitwise the uninterrupted one (on CUDA the check allows atomics' reordering).
        foreach (var model in new[] { "deepfm", "din" })
            Assert.Contains(lines, l => l.StartsWith($"CHECK resume_{model} ok device=cpu optimizer=LazyAdam epochs=4 stopped_after=2 resumed_epochs=4 " +
                "max_rel_train_loss_diff=0.00E+000 max_rel_output_diff=0.00E+000 bound=bitwise", StringComparison.Ordinal));
        // Streamed training: one block moved by the trainer is the resident run bitwise on the CPU; three blocks learn.
        foreach (var model in new[] { "deepfm", "din" })
            Assert.Contains(lines, l => l.StartsWith($"CHECK streamed_{model} ok device=cpu epochs=3 one_block_max_rel_train_loss_diff=0.00E+000 bound=bitwise blocks=3 ", StringComparison.Ordinal));
        // A 132 MB fused weight: two parts each way, restored bitwise through Save/Load and through Resume.
        Assert.Contains(lines, l => l.StartsWith("CHECK files_criteo ok device=cpu largest_tensor_mb=132.4 parts=2 ", StringComparison.Ordinal)
            && l.EndsWith(" save_load=bitwise resume=bitwise", StringComparison.Ordinal));
        foreach (var storage in new[] { "float32", "float16", "int8" })
            Assert.Contains(lines, l => l.StartsWith($"CHECK onnx_export_{storage} ok device=cpu bytes=", StringComparison.Ordinal) && l.EndsWith(" same_as_cpu=True", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SAMPLES_PER_S deepfm_criteo_perfield_adam_b64 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SAMPLES_PER_S deepfm_criteo_generated_adam_b64 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("RATIO generated_adam_vs_perfield_b64 ", StringComparison.Ordinal));
        foreach (var name in new[] { "SAMPLES_PER_S din_amazon_perfield_adam_b64 ", "SAMPLES_PER_S din_amazon_generated_padded_b64 ",
                     "SAMPLES_PER_S din_amazon_generated_packed_b64 ", "RATIO din_generated_vs_perfield_b64 ", "RATIO din_packed_vs_padded_b64 " })
            Assert.Contains(lines, l => l.StartsWith(name, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("CHECK din_packing_parity ok device=cpu rows=", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("TARGET", StringComparison.Ordinal)); // the 3x target is a GPU target
        Assert.StartsWith("GPUCHECK PASS", lines[^1]);
    }

    [Fact]
    public void The_probe_runs_a_matmul_on_the_cpu()
    {
        var (exitCode, lines) = Run("--probe", "cpu");
        Assert.True(exitCode == 0, string.Join(Environment.NewLine, lines));
        Assert.Contains(lines, l => l.StartsWith("CHECK probe ok device=cpu source=ApplicationFolder mm_sum=16777216", StringComparison.Ordinal));
    }

    [Fact]
    public void The_probe_reports_missing_cuda_with_the_clear_error_and_exit_code_3()
    {
        if (torch.cuda.is_available()) return; // only meaningful where CUDA is missing
        var (exitCode, lines) = Run("--probe", "cuda");
        var text = string.Join(Environment.NewLine, lines);

        Assert.Equal(3, exitCode);
        Assert.Contains("PROBE refused Device 'cuda' was requested, but CUDA is not available", text);
        Assert.Contains("libtorch_cuda.so", text);
    }

    [Fact]
    public void The_full_check_refuses_missing_cuda_before_training_anything()
    {
        if (torch.cuda.is_available()) return;
        var (exitCode, lines) = Run("--device", "cuda:0", "--epochs", "1");

        Assert.Equal(3, exitCode);
        Assert.Contains(lines, l => l.StartsWith("GPUCHECK ERROR Device 'cuda:0' was requested", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("TRAIN", StringComparison.Ordinal));
    }

    [Fact]
    public void The_empty_argument_of_a_bundle_made_without_arguments_means_the_default_gpu_check()
    {
        if (torch.cuda.is_available()) return;
        var (exitCode, lines) = Run(""); // gpu-bundle's run.sh passes '' when no arguments were baked in

        Assert.Equal(3, exitCode); // not 2 (usage): the default check ran and asked for cuda
        Assert.Contains(lines, l => l.StartsWith("GPUCHECK start device=cuda dry_run=False train_rows=32768", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("GPUCHECK ERROR Device 'cuda' was requested", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--device", "tpu")]
    [InlineData("--steps", "0")]
    [InlineData("--frobnicate")]
    public void Bad_arguments_exit_with_2_and_say_why(params string[] args)
    {
        var (exitCode, lines) = Run(args);
        Assert.Equal(2, exitCode);
        Assert.Contains(lines, l => l.StartsWith("GPUCHECK usage", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("TRAIN", StringComparison.Ordinal));
    }
}
