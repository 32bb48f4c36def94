#!/usr/bin/python3
"""Generates tests/fixtures/torch_networks.json: small networks run forward and backward by
PyTorch in float64, with every weight, input, target, the loss and every gradient.

tests/engine/tst_torch_reference.cpp rebuilds each network with Gradscope's engine and compares.
New cases go at the end, so that the cases before keep their random numbers; the file keeps the
earlier cases as they were written (a regeneration may differ from them in the last bit, with
the BLAS kernels PyTorch picks). Run with Debian's interpreter, which sees python3-torch:

    /usr/bin/python3 scripts/gen_torch_fixtures.py
"""
import json
import os
import sys

import torch
import torch.nn as nn

torch.manual_seed(20261122)
torch.set_default_dtype(torch.float64)


# Layers without settings, by their name in Gradscope's model files.
PARAMETERLESS = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "gelu": nn.GELU,
                 "elu": nn.ELU, "silu": nn.SiLU, "softplus": nn.Softplus,
                 "softmax": lambda: nn.Softmax(dim=1), "log_softmax": lambda: nn.LogSoftmax(dim=1),
                 "flatten": nn.Flatten}


def layer(spec):
    kind = spec["type"]
    if kind == "linear":
        return nn.Linear(spec["in"], spec["out"])
    if kind == "leaky_relu":
        return nn.LeakyReLU(spec["slope"])
    if kind in PARAMETERLESS:
        return PARAMETERLESS[kind]()
    if kind == "conv2d":
        return nn.Conv2d(spec["in"], spec["out"], spec["kernel"], stride=spec["stride"],
                         padding=spec["padding"])
    if kind == "max_pool2d":
        return nn.MaxPool2d(spec["kernel"], stride=spec["stride"])
    if kind == "avg_pool2d":
        return nn.AvgPool2d(spec["kernel"], stride=spec["stride"])
    if kind == "global_avg_pool2d":
        return nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())
    if kind == "batch_norm1d":
        return nn.BatchNorm1d(spec["features"])
    if kind == "batch_norm2d":
        return nn.BatchNorm2d(spec["features"])
    if kind == "layer_norm":
        return nn.LayerNorm(spec["features"])
    if kind == "add":
        return Add()
    if kind == "concat":
        return Concat()
    raise ValueError(kind)


class Add(nn.Module):
    def forward(self, a, b):
        return a + b


class Concat(nn.Module):
    def forward(self, a, b):
        return torch.cat([a, b], dim=1)


class Graph(nn.Sequential):
    """Layers in order, each reading the outputs its "inputs" name (-1: the network's input;
    by default the layer before), as Gradscope's Sequential does."""

    def __init__(self, specs):
        super().__init__(*[layer(s) for s in specs])
        self.inputs = [s.get("inputs", [i - 1]) for i, s in enumerate(specs)]

    def forward(self, x):
        outputs = []
        for module, inputs in zip(self, self.inputs):
            outputs.append(module(*(x if i < 0 else outputs[i] for i in inputs)))
        return outputs[-1]


def tensor_json(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def case(name, layers, loss, input_shape, scale=1.0, mode=None):
    """mode: None for networks without batch norm; "train" or "eval" for those with it. In
    "eval" the running statistics are random (as after some training) and used; in "train" the
    batch's are, and "buffers_after" holds the running statistics after that one forward pass."""
    model = Graph(layers) if any("inputs" in s for s in layers) else \
        nn.Sequential(*[layer(s) for s in layers])
    buffers = {}
    if mode is not None:
        # The norms' γ and β away from 1 and 0, so that a mix-up of the two shows.
        with torch.no_grad():
            for m in model.modules():
                if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d, nn.LayerNorm)):
                    m.weight.copy_(1 + 0.5 * torch.randn(m.weight.shape))
                    m.bias.copy_(0.5 * torch.randn(m.bias.shape))
                if mode == "eval" and isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                    m.running_mean.copy_(torch.randn(m.running_mean.shape))
                    m.running_var.copy_(0.5 + torch.rand(m.running_var.shape))
        model.train(mode == "train")
        buffers = {k: v.clone() for k, v in model.named_buffers()}
    x = (torch.randn(*input_shape) * scale).requires_grad_()
    out_shape = model(x).shape
    entry = {"name": name, "layers": layers, "loss": loss, "input": tensor_json(x)}
    if mode is not None:
        entry["mode"] = mode
    if loss == "cross_entropy":
        labels = torch.randint(0, out_shape[1], (input_shape[0],))
        value = nn.functional.cross_entropy(model(x), labels)
        entry["labels"] = [int(v) for v in labels]
    else:
        if loss == "mse":
            target = torch.randn(*out_shape)
            value = nn.functional.mse_loss(model(x), target)
        elif loss == "bce_with_logits":
            target = torch.randint(0, 2, out_shape).to(torch.float64)
            value = nn.functional.binary_cross_entropy_with_logits(model(x), target)
        else:
            raise ValueError(loss)
        entry["target"] = tensor_json(target)
    entry["parameters"] = {k: tensor_json(v) for k, v in model.named_parameters()}
    value.backward()
    if buffers:
        entry["buffers"] = {k: tensor_json(v.to(torch.float64)) for k, v in buffers.items()}
        # One forward pass in training moves the running statistics (forward ran more than
        # once above): replayed from the statistics before.
        replay = {k: v.clone() for k, v in buffers.items()}
        for k, v in model.named_buffers():
            v.copy_(replay[k])
        with torch.no_grad():
            model(x)
        entry["buffers_after"] = {k: tensor_json(v.to(torch.float64))
                                  for k, v in model.named_buffers()}
    entry["loss_value"] = float(value)
    grads = {k: tensor_json(p.grad) for k, p in model.named_parameters()}
    grads["input"] = tensor_json(x.grad)
    entry["gradients"] = grads
    return entry


def lin(i, o):
    return {"type": "linear", "in": i, "out": o}


def act(kind, **extra):
    return dict({"type": kind}, **extra)


CASES = [
    case("relu_mse_2layer", [lin(3, 5), act("relu"), lin(5, 2)], "mse", (6, 3)),
    case("tanh_mse_3layer", [lin(2, 4), act("tanh"), lin(4, 4), act("tanh"), lin(4, 1)], "mse", (8, 2)),
    case("sigmoid_ce_2layer", [lin(4, 6), act("sigmoid"), lin(6, 3)], "cross_entropy", (5, 4)),
    case("relu_ce_3layer", [lin(10, 8), act("relu"), lin(8, 6), act("relu"), lin(6, 4)], "cross_entropy", (7, 10)),
    case("leaky_ce_2layer", [lin(5, 7), act("leaky_relu", slope=0.1), lin(7, 3)], "cross_entropy", (4, 5)),
    case("tanh_bce_2layer", [lin(2, 8), act("tanh"), lin(8, 1)], "bce_with_logits", (10, 2)),
    case("softmax_mse_2layer", [lin(3, 4), act("relu"), lin(4, 3), act("softmax")], "mse", (5, 3)),
    case("log_softmax_mse", [lin(3, 4), act("sigmoid"), lin(4, 3), act("log_softmax")], "mse", (5, 3)),
    case("conv_pool_ce", [
        {"type": "conv2d", "in": 1, "out": 3, "kernel": 3, "stride": 1, "padding": 1},
        act("relu"),
        {"type": "max_pool2d", "kernel": 2, "stride": 2},
        {"type": "conv2d", "in": 3, "out": 4, "kernel": 3, "stride": 2, "padding": 0},
        act("tanh"),
        act("flatten"),
        lin(4, 3),
    ], "cross_entropy", (3, 1, 8, 8)),
    # Appended, so that the cases above keep their random numbers.
    case("gelu_ce_3layer", [lin(4, 6), act("gelu"), lin(6, 5), act("gelu"), lin(5, 3)], "cross_entropy", (6, 4)),
    case("elu_mse_2layer", [lin(3, 6), act("elu"), lin(6, 2)], "mse", (7, 3)),
    case("silu_bce_2layer", [lin(2, 8), act("silu"), lin(8, 1)], "bce_with_logits", (9, 2)),
    # Inputs scaled by 25 so that some pre-activations pass softplus's threshold of 20.
    case("softplus_mse_wide", [lin(3, 5), act("softplus"), lin(5, 2)], "mse", (6, 3), scale=25.0),
    # Pooling and normalisation: both modes of batch norm, with its running statistics.
    case("avg_pool_ce", [
        {"type": "conv2d", "in": 2, "out": 3, "kernel": 3, "stride": 1, "padding": 1},
        act("tanh"),
        {"type": "avg_pool2d", "kernel": 2, "stride": 2},
        {"type": "avg_pool2d", "kernel": 3, "stride": 1},
        act("flatten"),
        lin(18, 3),
    ], "cross_entropy", (3, 2, 9, 10)),
    case("global_avg_pool_ce", [
        {"type": "conv2d", "in": 1, "out": 4, "kernel": 3, "stride": 1, "padding": 0},
        act("relu"),
        {"type": "global_avg_pool2d"},
        lin(4, 3),
    ], "cross_entropy", (4, 1, 6, 7)),
    case("batch_norm1d_train", [lin(3, 6), {"type": "batch_norm1d", "features": 6}, act("relu"),
                                lin(6, 2)], "mse", (8, 3), mode="train"),
    case("batch_norm1d_eval", [lin(3, 6), {"type": "batch_norm1d", "features": 6}, act("tanh"),
                               lin(6, 2)], "mse", (5, 3), mode="eval"),
    *[case(f"batch_norm2d_{mode}", [
        {"type": "conv2d", "in": 2, "out": 3, "kernel": 3, "stride": 1, "padding": 1},
        {"type": "batch_norm2d", "features": 3},
        act("relu"),
        act("flatten"),
        lin(3 * 5 * 4, 3),
    ], "cross_entropy", (4, 2, 5, 4), mode=mode) for mode in ("train", "eval")],
    case("layer_norm_bce", [lin(4, 7), {"type": "layer_norm", "features": 7}, act("gelu"),
                            lin(7, 1)], "bce_with_logits", (6, 4), mode="train"),
    # Skip connections: two residual blocks (the second around the first), a concatenation
    # with the network's input, on vectors and on images.
    case("residual_mlp_ce", [
        lin(3, 5), act("relu"),                      # 0, 1
        lin(5, 5), act("tanh"), lin(5, 5),           # 2, 3, 4
        {"type": "add", "inputs": [4, 1]}, act("relu"),  # 5, 6: relu(x + f(x))
        lin(5, 5),                                   # 7
        {"type": "add", "inputs": [7, 1]},           # 8: around both
        {"type": "concat", "inputs": [8, -1]},       # 9: [h, input]
        lin(8, 3),                                   # 10
    ], "cross_entropy", (6, 3)),
    case("residual_conv_mse", [
        {"type": "conv2d", "in": 2, "out": 3, "kernel": 3, "stride": 1, "padding": 1},
        act("relu"),
        {"type": "conv2d", "in": 3, "out": 3, "kernel": 3, "stride": 1, "padding": 1},
        {"type": "add", "inputs": [2, 1]},
        {"type": "concat", "inputs": [3, -1]},
        act("flatten"),
        lin(5 * 4 * 4, 2),
    ], "mse", (3, 2, 4, 4)),
]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures",
                   "torch_networks.json")
with open(out + ".tmp", "w") as f:
    json.dump({"generator": "scripts/gen_torch_fixtures.py", "torch": torch.__version__,
               "dtype": "float64", "cases": CASES}, f, indent=1)
os.replace(out + ".tmp", out)
print(f"wrote {len(CASES)} cases to {os.path.relpath(out)}", file=sys.stderr)
