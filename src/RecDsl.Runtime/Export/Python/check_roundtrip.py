"""Round trip between RecDsl and PyTorch for __CLASS__ (written by RecDsl's PyTorchExporter.WriteRoundTrip).

    python3 check_roundtrip.py [--device cpu|cuda] [--steps N]

1. RecDsl -> PyTorch: loads weights.safetensors (saved by RecDsl) into __CLASS__ (__MODULE__.py) with
   load_state_dict(strict=True), runs it in eval mode on inputs.safetensors and compares with the probabilities
   RecDsl computed for the same rows (expected.safetensors). Prints the max relative error.
2. PyTorch -> RecDsl: trains the module N steps with Adam on the same rows (labels.safetensors), then writes
   pytorch_weights.safetensors and the eval-mode probabilities pytorch_expected.safetensors, which RecDsl loads back
   (see docs/serving.md) and must reproduce.
Exit code 0 when step 1 is within the tolerance (1e-5 relative), 1 otherwise. Needs only torch.
"""
import argparse
import importlib.util
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 1e-5


def load_module():
    spec = importlib.util.spec_from_file_location("__MODULE__", os.path.join(HERE, "__MODULE__.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def max_relative_error(actual, expected):
    actual, expected = actual.double().cpu(), expected.double().cpu()
    if actual.shape != expected.shape:
        raise SystemExit(f"shape mismatch: PyTorch {tuple(actual.shape)} vs RecDsl {tuple(expected.shape)}")
    return ((actual - expected).abs() / expected.abs().clamp_min(1e-30)).max().item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--steps", type=int, default=5)
    args = parser.parse_args()
    # Full float32 matmuls on GPUs that would otherwise use TF32, so the comparison measures the model, not the math mode.
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.manual_seed(0)
    device = torch.device(args.device)

    m = load_module()
    model = m.__CLASS__()
    model.load_state_dict(m.load_safetensors(os.path.join(HERE, "weights.safetensors")), strict=True)
    model.to(device).eval()
    inputs = {k: v.to(device) for k, v in m.load_safetensors(os.path.join(HERE, "inputs.safetensors")).items()}
    labels = {k: v.to(device) for k, v in m.load_safetensors(os.path.join(HERE, "labels.safetensors")).items()}
    expected = m.load_safetensors(os.path.join(HERE, "expected.safetensors"))["probabilities"]

    with torch.no_grad():
        actual = model.probabilities(model(inputs))
    error = max_relative_error(actual, expected)
    print(f"__CLASS__ RecDsl -> PyTorch ({torch.__version__}, {device}): max relative error {error:.3g} "
          f"over {expected.numel()} outputs (tolerance {TOLERANCE:g})")

    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(args.steps):
        optimizer.zero_grad()
        loss = model.loss(model(inputs), labels)
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        trained = model.probabilities(model(inputs))
    m.save_safetensors({k: v.cpu() for k, v in model.state_dict().items()}, os.path.join(HERE, "pytorch_weights.safetensors"))
    m.save_safetensors({"probabilities": trained.cpu()}, os.path.join(HERE, "pytorch_expected.safetensors"))
    print(f"__CLASS__ PyTorch -> RecDsl: trained {args.steps} steps (loss {loss.item():.4f}); wrote pytorch_weights.safetensors "
          f"and pytorch_expected.safetensors (changed by training: {max_relative_error(trained, actual):.3g})")
    return 0 if error <= TOLERANCE else 1


if __name__ == "__main__":
    sys.exit(main())
