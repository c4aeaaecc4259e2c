# ---------------------------------------------------------------------------------------------------------------
# RecDsl layers in PyTorch. Each class mirrors the RecDsl.Runtime module of the same name (src/RecDsl.Runtime/Layers
# and Models) with the same attribute names, so state_dict keys are RecDsl's parameter names and a safetensors file
# saved by RecDsl loads with load_state_dict(strict=True), and back. Training mode behaves as RecDsl's does
# (Dice batch statistics over real positions, BatchNorm, dropout); eval mode is what ONNX export reproduces.
# Needs only torch (>= 1.13); safetensors files are read and written by the small helpers below.
# ---------------------------------------------------------------------------------------------------------------
import json
import struct
from typing import Dict, List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

PADDING_ROW = 0  # row 0 of every table: sequence padding, masked everywhere
OOV_ROW = 1      # row 1: unseen or out-of-range ids
RESERVED_ROWS = 2  # real id v is row v + 2


def row_of(ids: Tensor, cardinality: int) -> Tensor:
    """Table rows of raw integer ids, as RecDsl's collators map them: v in [0, cardinality) -> v + 2, else OOV."""
    ids = ids.long()
    return torch.where((ids >= 0) & (ids < cardinality), ids + RESERVED_ROWS, torch.full_like(ids, OOV_ROW))


# --- safetensors without the safetensors package -----------------------------------------------------------------

_DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
           "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
           "BOOL": torch.bool}
_NAMES = {v: k for k, v in _DTYPES.items()}


def load_safetensors(path: str) -> Dict[str, Tensor]:
    """Reads a safetensors file into CPU tensors (little-endian, as the format specifies)."""
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + size].decode("utf-8"))
    body = data[8 + size:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = _DTYPES[info["dtype"]]
        raw = bytearray(body[start:end])
        flat = torch.frombuffer(raw, dtype=dtype) if end > start else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors


def _tensor_bytes(t: Tensor) -> bytes:
    flat = t.reshape(-1)
    try:
        return flat.numpy().tobytes()
    except (RuntimeError, TypeError):  # torch installed without numpy, or bfloat16
        return bytes(flat.view(torch.uint8).tolist()) if flat.numel() else b""


def save_safetensors(tensors: Dict[str, Tensor], path: str) -> None:
    """Writes CPU copies of tensors as a safetensors file (names sorted, data 8-byte aligned header)."""
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        raw = _tensor_bytes(tensors[name].detach().cpu().contiguous())
        t = tensors[name]
        header[name] = {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for chunk in chunks:
            f.write(chunk)


# --- layers -------------------------------------------------------------------------------------------------------

class EmbeddingTable(nn.Module):
    """Embedding whose padding rows start at zero, the others ~ N(0, init_std^2)."""

    def __init__(self, rows: int, dim: int, padding_rows: Sequence[int], init_std: float):
        super().__init__()
        self.embedding = nn.Embedding(rows, dim)
        with torch.no_grad():
            if init_std == 0:
                self.embedding.weight.zero_()
            else:
                self.embedding.weight.normal_(0, init_std)
            self.embedding.weight[list(padding_rows)] = 0

    def forward(self, rows: Tensor) -> Tensor:
        return self.embedding(rows)


class FusedEmbedding(nn.Module):
    """Tables of one dimension in one weight: table t's row r is fused row offset(t) + r."""

    def __init__(self, tables: Sequence[Tuple[str, int]], dim: int, init_std: float):
        super().__init__()
        self.offsets: Dict[str, int] = {}
        rows = 0
        for name, count in tables:
            self.offsets[name] = rows
            rows += count
        self.dim = dim
        self.table = EmbeddingTable(rows, dim, [o + PADDING_ROW for o in self.offsets.values()], init_std)

    def lookup(self, rows: Tensor, table: str) -> Tensor:
        return self.table(rows + self.offsets[table])


class FeatureEmbedder(nn.Module):
    """One FusedEmbedding per dimension group; features: name -> (group, table)."""

    def __init__(self, groups: Sequence[Tuple[int, Sequence[Tuple[str, int]]]], features: Dict[str, Tuple[int, str]], init_std: float):
        super().__init__()
        self.groups = nn.ModuleList([FusedEmbedding(tables, dim, init_std) for dim, tables in groups])
        self.features = dict(features)

    def forward(self, feature: str, rows: Tensor) -> Tensor:
        group, table = self.features[feature]
        return self.groups[group].lookup(rows, table)


def masked_pool(embeddings: Tensor, mask: Tensor, pooling: str) -> Tensor:
    """Sum, mean or max over the real positions of [B, L, D]; an empty row gives zeros."""
    if pooling == "sum":
        return (embeddings * mask.unsqueeze(-1).to(embeddings.dtype)).sum(1)
    if pooling == "mean":
        total = (embeddings * mask.unsqueeze(-1).to(embeddings.dtype)).sum(1)
        return total / mask.sum(1, keepdim=True, dtype=embeddings.dtype).clamp_min(1)
    if pooling == "max":
        maximum = embeddings.masked_fill(~mask.unsqueeze(-1), float("-inf")).amax(1)
        return torch.where(mask.any(1, keepdim=True), maximum, torch.zeros_like(maximum))
    raise ValueError(f"unknown pooling {pooling!r}")


class Dice(nn.Module):
    """DIN's Dice: batch statistics per channel in training (over real positions when masked), running ones in eval."""

    def __init__(self, channels: int, eps: float = 1e-8, momentum: float = 0.1):
        super().__init__()
        self.channels, self.eps, self.momentum = channels, eps, momentum
        self.alpha = nn.Parameter(torch.zeros(channels))
        self.register_buffer("running_mean", torch.zeros(channels))
        self.register_buffer("running_var", torch.ones(channels))

    def forward(self, x: Tensor, mask: Optional[Tensor] = None) -> Tensor:
        if self.training:
            flat = x.reshape(-1, self.channels)
            if mask is None:
                mean = flat.mean(0)
                var = (flat - mean).square().mean(0)
                rows = flat.shape[0]
                factor = rows / max(rows - 1.0, 1.0)
            else:
                weight = mask.reshape(-1, 1).to(x.dtype)
                count = weight.sum()
                safe = count.clamp_min(1)
                mean = (flat * weight).sum(0) / safe
                var = ((flat - mean).square() * weight).sum(0) / safe
                factor = count / (count - 1).clamp_min(1)
            with torch.no_grad():
                self.running_mean.mul_(1 - self.momentum).add_(mean.detach() * self.momentum)
                self.running_var.mul_(1 - self.momentum).add_((var * factor).detach() * self.momentum)
        else:
            mean, var = self.running_mean, self.running_var
        p = torch.sigmoid((x - mean) * (var + self.eps).rsqrt())
        return x * (p + (1 - p) * self.alpha)


class PRelu(nn.Module):
    """PReLU with one slope per channel of the last dimension (torch's nn.PReLU uses dimension 1)."""

    def __init__(self, channels: int, init: float = 0.25):
        super().__init__()
        self.slope = nn.Parameter(torch.full((channels,), init))

    def forward(self, x: Tensor) -> Tensor:
        return x.clamp_min(0) + self.slope * x.clamp_max(0)


def make_activation(name: str, channels: int) -> nn.Module:
    if name == "relu":
        return nn.ReLU()
    if name == "dice":
        return Dice(channels)
    if name == "prelu":
        return PRelu(channels)
    if name == "sigmoid":
        return nn.Sigmoid()
    if name == "tanh":
        return nn.Tanh()
    raise ValueError(f"unknown activation {name!r}")


class Mlp(nn.Module):
    """Per hidden size: Linear -> BatchNorm1d (optional) -> activation -> Dropout (if > 0); then Linear(., output)."""

    def __init__(self, input: int, hidden: Sequence[int], activation: str, dropout: float, batch_norm: bool, output: int):
        super().__init__()
        layers: List[nn.Module] = []
        width = input
        for size in hidden:
            layers.append(nn.Linear(width, size))
            if batch_norm:
                layers.append(nn.BatchNorm1d(size))
            layers.append(make_activation(activation, size))
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
            width = size
        if output > 0:
            layers.append(nn.Linear(width, output))
        self.layers = nn.ModuleList(layers)

    def forward(self, x: Tensor, mask: Optional[Tensor] = None) -> Tensor:
        for layer in self.layers:
            x = layer(x, mask) if isinstance(layer, Dice) else layer(x)
        return x


def _mlp(spec: dict) -> Mlp:
    return Mlp(spec["input"], spec["hidden"], spec["activation"], spec["dropout"], spec["batch_norm"], spec["output"])


def _embedder(spec: dict, init_std: float) -> FeatureEmbedder:
    groups = [(g["dim"], [(t[0], t[1]) for t in g["tables"]]) for g in spec["groups"]]
    features = {name: (place[0], place[1]) for name, place in spec["features"].items()}
    return FeatureEmbedder(groups, features, init_std)


class DinAttention(nn.Module):
    """Activation unit MLP([q, k, q-k, q*k]) -> scores, masked (or masked softmax), weighted sum of the keys."""

    def __init__(self, unit: dict, softmax: bool):
        super().__init__()
        self.unit = _mlp(unit)
        self.softmax = softmax

    def forward(self, query: Tensor, keys: Tensor, mask: Tensor) -> Tensor:
        q = query.unsqueeze(1).expand_as(keys)
        scores = self.unit(torch.cat([q, keys, q - keys, q * keys], -1), mask).squeeze(-1)
        real = mask.to(scores.dtype)
        if self.softmax:
            weights = scores.masked_fill(~mask, torch.finfo(scores.dtype).min).softmax(-1) * real
        else:
            weights = scores * real
        return torch.bmm(weights.unsqueeze(1), keys).squeeze(1)


# --- networks -----------------------------------------------------------------------------------------------------

class RecDslNetwork(nn.Module):
    """Base: inputs are a dict of tensors named after the record's members (table rows, as RecDsl's ONNX export
    takes them); forward returns logits ([B], ESMM [B, 2]) like RecDsl's RecNetwork."""

    def __init__(self, spec: dict):
        super().__init__()
        self.spec = spec
        self.inputs = {i["name"]: i for i in spec["inputs"]}

    @staticmethod
    def mask(rows: Tensor) -> Tensor:
        return rows != PADDING_ROW

    @staticmethod
    def dense(inputs: Dict[str, Tensor], names: Sequence[str]) -> Tensor:
        return torch.stack([inputs[n].float() for n in names], 1)

    def deep_parts(self, embeddings: FeatureEmbedder, layout: dict, inputs: Dict[str, Tensor]) -> List[Tensor]:
        parts = [embeddings(name, inputs[name]) for name in layout["sparse"]]
        parts += [masked_pool(embeddings(name, inputs[name]), self.mask(inputs[name]), pooling)
                  for name, pooling in layout["sequences"]]
        if layout["dense"]:
            parts.append(self.dense(inputs, layout["dense"]))
        return parts

    def probabilities(self, logits: Tensor) -> Tensor:
        return torch.sigmoid(logits)

    def loss(self, logits: Tensor, labels: Dict[str, Tensor]) -> Tensor:
        return F.binary_cross_entropy_with_logits(logits, labels["label"])


class LinearTerm(nn.Module):
    """bias + per-id scalar weights + pooled per-id weights of sequences + dense values . weights."""

    def __init__(self, spec: dict):
        super().__init__()
        self.spec = spec
        self.weights = _embedder(spec["embedder"], 0.0) if spec["embedder"] is not None else None
        self.denseWeight = nn.Parameter(torch.zeros(len(spec["dense"]))) if spec["dense"] else None
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, inputs: Dict[str, Tensor]) -> Tensor:
        batch = next(iter(inputs.values())).shape[0]
        score = self.bias.expand(batch)
        if self.spec["sparse"]:
            ids = torch.cat([self.weights(n, inputs[n]) for n in self.spec["sparse"]], 1)
            score = score + ids.sum(1)
        for name, pooling in self.spec["sequences"]:
            pooled = masked_pool(self.weights(name, inputs[name]), inputs[name] != PADDING_ROW, pooling)
            score = score + pooled.squeeze(1)
        if self.denseWeight is not None:
            score = score + RecDslNetwork.dense(inputs, self.spec["dense"]).matmul(self.denseWeight)
        return score


class WideDeepNetwork(RecDslNetwork):
    def __init__(self, spec: dict):
        super().__init__(spec)
        self.embeddings = _embedder(spec["embeddings"], spec["init_std"])
        self.wide = LinearTerm(spec["wide"])
        self.deep = _mlp(spec["deep"])

    def forward(self, inputs: Dict[str, Tensor]) -> Tensor:
        x = torch.cat(self.deep_parts(self.embeddings, self.spec["deep_input"], inputs), 1)
        return self.deep(x).squeeze(-1) + self.wide(inputs)


class DeepFmNetwork(RecDslNetwork):
    def __init__(self, spec: dict):
        super().__init__(spec)
        fm = spec["fm"]
        self.denseVectors = nn.Parameter(torch.empty(len(fm["dense"]), fm["field_dim"]).normal_(0, spec["init_std"])) if fm["dense"] else None
        self.embeddings = _embedder(spec["embeddings"], spec["init_std"])
        self.first = LinearTerm(spec["first"])
        self.deep = _mlp(spec["deep"])

    def fields(self, inputs: Dict[str, Tensor]) -> Tensor:
        fm = self.spec["fm"]
        parts = [self.embeddings(n, inputs[n]).unsqueeze(1) for n in fm["sparse"]]
        parts += [masked_pool(self.embeddings(n, inputs[n]), self.mask(inputs[n]), p).unsqueeze(1) for n, p in fm["sequences"]]
        if self.denseVectors is not None:
            parts.append(self.dense(inputs, fm["dense"]).unsqueeze(-1) * self.denseVectors)
        return torch.cat(parts, 1)

    def forward(self, inputs: Dict[str, Tensor]) -> Tensor:
        e = self.fields(inputs)
        second = 0.5 * (e.sum(1).square() - e.square().sum(1)).sum(1)
        x = torch.cat(self.deep_parts(self.embeddings, self.spec["deep_input"], inputs), 1)
        return self.first(inputs) + second + self.deep(x).squeeze(-1)


class DinNetwork(RecDslNetwork):
    def __init__(self, spec: dict):
        super().__init__(spec)
        self.embeddings = _embedder(spec["embeddings"], spec["init_std"])
        self.attentions = nn.ModuleList([DinAttention(g["unit"], g["softmax"]) for g in spec["attention_groups"]])
        self.mlp = _mlp(spec["mlp"])

    def interest(self, group: dict, attention: DinAttention, inputs: Dict[str, Tensor]) -> Tensor:
        sequences, targets = group["sequences"], group["targets"]
        if len(sequences) == 1:
            rows = inputs[sequences[0]]
            return attention(self.embeddings(targets[0], inputs[targets[0]]), self.embeddings(sequences[0], rows), self.mask(rows))
        masks = [self.mask(inputs[s]) for s in sequences]
        mask = masks[0]
        for m in masks[1:]:
            mask = mask | m
        query = torch.cat([self.embeddings(t, inputs[t]) for t in targets], -1)
        # Each member's own mask keeps its padding row out where another member is real.
        keys = torch.cat([self.embeddings(s, inputs[s]) * m.unsqueeze(-1) for s, m in zip(sequences, masks)], -1)
        return attention(query, keys, mask)

    def forward(self, inputs: Dict[str, Tensor]) -> Tensor:
        parts = self.deep_parts(self.embeddings, self.spec["deep_input"], inputs)
        parts += [self.interest(g, a, inputs) for g, a in zip(self.spec["attention_groups"], self.attentions)]
        return self.mlp(torch.cat(parts, 1)).squeeze(-1)


class EsmmNetwork(RecDslNetwork):
    def __init__(self, spec: dict):
        super().__init__(spec)
        self.embeddings = _embedder(spec["embeddings"], spec["init_std"])
        self.ctr = _mlp(spec["ctr"])
        self.cvr = _mlp(spec["cvr"])

    def forward(self, inputs: Dict[str, Tensor]) -> Tensor:
        x = torch.cat(self.deep_parts(self.embeddings, self.spec["deep_input"], inputs), 1)
        return torch.cat([self.ctr(x), self.cvr(x)], 1)

    def probabilities(self, logits: Tensor) -> Tensor:
        """[B, 3]: p_ctr, p_cvr, p_ctcvr = p_ctr * p_cvr."""
        p = torch.sigmoid(logits)
        return torch.cat([p, (p[:, 0] * p[:, 1]).unsqueeze(1)], 1)

    def loss(self, logits: Tensor, labels: Dict[str, Tensor]) -> Tensor:
        """BCE(p_ctr, click) + BCE(p_ctcvr, click * conversion), in log space as RecDsl's EsmmLoss."""
        a, b = logits[:, 0], logits[:, 1]
        click, ctcvr_label = labels["click"], labels["click"] * labels["conversion"]
        ctr = F.binary_cross_entropy_with_logits(a, click)
        log_p = F.logsigmoid(a) + F.logsigmoid(b)
        log_not_p = torch.stack([-a, -b, -(a + b)], -1).logsumexp(-1) + log_p
        ctcvr = -(ctcvr_label * log_p + (1 - ctcvr_label) * log_not_p).mean()
        return ctr + ctcvr
