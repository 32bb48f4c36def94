#!/usr/bin/env python3
"""Checks ONNX export and import against other programs (Debian's python3-onnx, python3-opencv
and python3-torch).

    check_onnx.py CLI WORKDIR

Export: a trained MLP (2-D points) and a small CNN (28×28 images) are written with
`gradscope-cli export --to onnx`; ONNX's checker accepts them, and OpenCV's DNN module, an
ONNX runtime that shares no code with Gradscope, computes the outputs `gradscope-cli predict`
prints for the same inputs.

Import: networks built in PyTorch (every activation, dropout, a layer without bias, a CNN with
padding and strides) are exported with torch.onnx.export and read with `gradscope-cli import`;
Gradscope's predictions, loss and gradients equal PyTorch's. Our own export reads back to the
same weights; what Gradscope does not have is refused with the op's name and its place, and
hostile files (truncated, a weight that does not fit, a 2^31-element weight without its
values) with the reason, before anything is allocated.

Exits 77 (a skip for CTest) when one of those packages is missing.
"""
import json
import os
import struct
import subprocess
import sys

try:
    import cv2
    import numpy as np
    import onnx
    import torch
    from torch import nn
except ImportError as e:
    print(f"skipped: {e} (Debian: python3-onnx, python3-opencv, python3-torch)")
    sys.exit(77)

TOLERANCE = 1e-4  # float32 outputs of different summation orders


def run(*args, expect=0):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != expect:
        sys.exit(f"{' '.join(args)} exited {result.returncode}, expected {expect}:\n"
                 f"{result.stdout}\n{result.stderr}")
    return result


def predictions(cli, model, inputs):
    out = run(cli, "predict", "--model", model, "--inputs", inputs, "--json").stdout
    return np.array([json.loads(line)["outputs"] for line in out.splitlines()], dtype=np.float64)


def write_csv(path, x):
    with open(path, "w") as f:
        for row in x:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def write_idx(path, images):
    with open(path, "wb") as f:
        f.write(struct.pack(">BBBB", 0, 0, 8, 3))
        f.write(struct.pack(">III", *images.shape))
        f.write(images.astype(np.uint8).tobytes())


def close(name, ours, theirs, failures):
    error = float(np.abs(ours - theirs).max() / max(1.0, np.abs(theirs).max()))
    if ours.shape != theirs.shape or error > TOLERANCE:
        failures.append(f"{name}: shapes {ours.shape} and {theirs.shape}, largest error {error:.3g}")
    return error


def check_export(cli, work, failures):
    rng = np.random.default_rng(3)
    points = rng.uniform(-1, 1, size=(50, 2)).astype(np.float32)
    write_csv(os.path.join(work, "points.csv"), points)
    images = rng.integers(0, 256, size=(20, 28, 28))
    write_idx(os.path.join(work, "images.idx"), images)
    standardised = ((images.astype(np.float32) / 255 - 0.5) / 0.5).reshape(20, 1, 28, 28)
    mnist_like = os.path.join(os.path.dirname(__file__), "presets", "mnist-cnn-small.json")
    activations = os.path.join(os.path.dirname(__file__), "presets", "moons-activations.json")
    norms = os.path.join(os.path.dirname(__file__), "presets", "moons-norms.json")
    cnn_norms = os.path.join(os.path.dirname(__file__), "presets", "mnist-cnn-norms.json")
    residual = os.path.join(os.path.dirname(__file__), "presets", "moons-residual.json")
    for name, preset, inputs, data in [("spiral MLP", "spiral", "points.csv", points),
                                       ("playground tanh", "playground-spiral", "points.csv", points),
                                       ("GELU ELU SiLU softplus MLP", activations, "points.csv",
                                        points),
                                       ("BatchNorm1d LayerNorm MLP", norms, "points.csv", points),
                                       ("residual MLP", residual, "points.csv", points),
                                       ("CNN", mnist_like, "images.idx", standardised),
                                       ("BatchNorm2d pooling CNN", cnn_norms, "images.idx",
                                        standardised)]:
        model = os.path.join(work, f"{len(failures)}-{abs(hash(name))}.json")
        steps = ["--steps", "3"] if preset in (mnist_like, cnn_norms) else ["--epochs", "2"]
        # The CNN trains on MNIST when it is there; its untrained weights serve otherwise.
        trained = subprocess.run([cli, "train", "--preset", preset, *steps, "--save", model],
                                 capture_output=True, text=True)
        if trained.returncode != 0:
            run(cli, "train", "--preset", "xor", "--steps", "1")  # the CLI itself works
            print(f"{name}: not trained ({trained.stderr.strip()[:80]}); skipped")
            continue
        exported = model.replace(".json", ".onnx")
        run(cli, "export", "--model", model, "--to", "onnx", "--out", exported)
        onnx.checker.check_model(onnx.load(exported))
        net = cv2.dnn.readNetFromONNX(exported)
        net.setInput(data)
        theirs = net.forward().astype(np.float64)
        ours = predictions(cli, model, os.path.join(work, inputs))
        error = close(f"export of {name}: OpenCV against Gradscope", ours, theirs, failures)
        print(f"export of {name}: OpenCV's outputs match Gradscope's (largest error {error:.2g})")
        # And back: the import of our own export holds the same weights. The import reads
        # chains without normalisation so far, and says where it stopped.
        back = model.replace(".json", ".back.json")
        if preset in (norms, cnn_norms, residual):
            refused = run(cli, "import", "--model", exported, "--out", back, expect=1)
            why = "BatchNormalization" if preset != residual else "'Add' is not a layer"
            if why not in refused.stderr:
                failures.append(f"{name}: the import's refusal does not say {why!r}: "
                                f"{refused.stderr}")
            continue
        run(cli, "import", "--model", exported, "--out", back)
        with open(model) as f, open(back) as g:
            original, imported = json.load(f)["parameters"], json.load(g)["parameters"]
        if original != imported:
            failures.append(f"{name}: export then import changed the weights")


def check_gradients(cli, work, name, model, imported, x, failures):
    """Gradscope's gradients of the imported network under cross-entropy equal PyTorch's."""
    with open(imported) as f:
        saved = json.load(f)
    saved["loss"] = "cross_entropy"
    with_loss = imported.replace(".json", ".loss.json")
    with open(with_loss, "w") as f:
        json.dump(saved, f)
    rows = x[:4]
    outputs = model(rows[:1]).shape[1]
    labels = torch.arange(len(rows)) % outputs
    inputs = os.path.join(work, f"grad-{name}-x.csv")
    write_csv(inputs, rows.reshape(len(rows), -1).numpy())
    targets = os.path.join(work, f"grad-{name}-y.csv")
    with open(targets, "w") as f:
        f.write("".join(f"{int(v)}\n" for v in labels))
    ours = json.loads(run(cli, "gradients", "--model", with_loss, "--inputs", inputs,
                          "--targets", targets).stdout)
    model.zero_grad()
    loss = nn.functional.cross_entropy(model(rows), labels)
    loss.backward()
    theirs = [p.grad for p in model.parameters()]
    mine = list(ours["gradients"].values())  # in the network's order, as PyTorch's
    if len(mine) != len(theirs):
        failures.append(f"{name}: {len(mine)} gradients, PyTorch has {len(theirs)}")
        return
    worst = abs(ours["loss"] - float(loss))
    for g, t in zip(mine, theirs):
        ours_g = np.array(g["data"]).reshape(g["shape"])
        worst = max(worst, close(f"{name}: a gradient", ours_g, t.double().numpy(), failures))
    print(f"import of PyTorch's {name}: the loss and every gradient equal PyTorch's "
          f"(largest difference {worst:.2g})")


def hostile_models(work):
    """ONNX files that must be refused: (file, what the message must say)."""
    from onnx import TensorProto, helper
    cases = []

    def model_of(nodes, initializers, input_shape, name):
        graph = helper.make_graph(
            nodes, "hostile", [helper.make_tensor_value_info("x", TensorProto.FLOAT, input_shape)],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], initializers)
        path = os.path.join(work, name)
        onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), path)
        return path

    # A weight of 2^31 elements whose values are not there: refused before any allocation.
    huge = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[65536, 32768])
    cases.append((model_of([helper.make_node("Gemm", ["x", "w"], ["y"], transB=1)], [huge],
                           ["n", 32768], "huge.onnx"), "needs 2147483648 values"))
    # A weight that does not fit the input.
    w = helper.make_tensor("w", TensorProto.FLOAT, [4, 3], [0.5] * 12)
    cases.append((model_of([helper.make_node("Gemm", ["x", "w"], ["y"], transB=1)], [w],
                           ["n", 2], "misfit.onnx"), "layer 0"))
    # An op Gradscope does not have, by name and place.
    cases.append((model_of([helper.make_node("Relu", ["x"], ["h"]),
                            helper.make_node("Erf", ["h"], ["y"])], [], ["n", 2], "erf.onnx"),
                  "node 1 (Erf)"))
    # A file cut short.
    with open(os.path.join(work, "torch-CNN.onnx"), "rb") as f:
        whole = f.read()
    truncated = os.path.join(work, "truncated.onnx")
    with open(truncated, "wb") as f:
        f.write(whole[:len(whole) // 2])
    cases.append((truncated, "truncated.onnx"))
    return cases


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(3, 16), nn.LeakyReLU(0.2), nn.Dropout(0.3),
                                 nn.Linear(16, 12, bias=False), nn.Tanh(), nn.Linear(12, 8),
                                 nn.Sigmoid(), nn.Linear(8, 4), nn.Softmax(dim=1))

    def forward(self, x):
        return self.net(x)


def check_import(cli, work, failures):
    torch.manual_seed(5)
    cnn = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(6, 4, 3, stride=2, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2),
                        nn.Flatten(), nn.Linear(4 * 3 * 3, 10))
    rng = np.random.default_rng(8)
    images = rng.integers(0, 256, size=(12, 28, 28))
    write_idx(os.path.join(work, "import-images.idx"), images)
    x_images = torch.tensor(((images / 255 - 0.5) / 0.5).reshape(12, 1, 28, 28), dtype=torch.float32)
    x_points = torch.tensor(rng.uniform(-2, 2, size=(30, 3)), dtype=torch.float32)
    write_csv(os.path.join(work, "import-points.csv"), x_points.numpy())
    # PyTorch writes GELU as five ops (Div, Erf, Add, Mul, Mul) and SiLU as two (Sigmoid, Mul):
    # each is read back as one layer.
    activations = nn.Sequential(nn.Linear(3, 10), nn.GELU(), nn.Linear(10, 8), nn.ELU(),
                                nn.Linear(8, 8), nn.SiLU(), nn.Linear(8, 6), nn.Softplus(),
                                nn.Linear(6, 4))
    for name, model, x, inputs in [("MLP", Mlp(), x_points, "import-points.csv"),
                                   ("activations MLP", activations, x_points,
                                    "import-points.csv"),
                                   ("CNN", cnn, x_images, "import-images.idx")]:
        model.eval()
        path = os.path.join(work, f"torch-{name}.onnx")
        torch.onnx.export(model, x[:1], path, opset_version=13, input_names=["x"],
                          output_names=["y"], dynamic_axes={"x": {0: "n"}, "y": {0: "n"}})
        imported = os.path.join(work, f"torch-{name}.json")
        run(cli, "import", "--model", path, "--out", imported)
        with torch.no_grad():
            theirs = model(x).double().numpy()
        ours = predictions(cli, imported, os.path.join(work, inputs))
        error = close(f"import of PyTorch's {name}", ours, theirs, failures)
        print(f"import of PyTorch's {name}: Gradscope predicts what PyTorch does "
              f"(largest error {error:.2g})")
        # An .onnx is a model wherever --model is: predict reads it directly too.
        direct = predictions(cli, path, os.path.join(work, inputs))
        close(f"predict --model {name}.onnx", direct, theirs, failures)
        check_gradients(cli, work, name, model, imported, x, failures)

    # What Gradscope does not have: refused with the op's name and where it is.
    unsupported = nn.Sequential(nn.Linear(2, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
    unsupported.eval()
    path = os.path.join(work, "batchnorm.onnx")
    torch.onnx.export(unsupported, torch.zeros(2, 2), path, opset_version=13,
                      do_constant_folding=False, training=torch.onnx.TrainingMode.TRAINING)
    refused = run(cli, "import", "--model", path, "--out", os.path.join(work, "no.json"), expect=1)
    if "BatchNormalization" not in refused.stderr or "node 1" not in refused.stderr:
        failures.append(f"BatchNorm was not refused by name and place: {refused.stderr}")
    if os.path.exists(os.path.join(work, "no.json")):
        failures.append("a refused import wrote its output")
    # An ELU with an α other than Gradscope's 1 is refused, not read as the wrong function.
    elu = nn.Sequential(nn.Linear(2, 4), nn.ELU(alpha=0.5), nn.Linear(4, 2))
    path = os.path.join(work, "elu-alpha.onnx")
    torch.onnx.export(elu, torch.zeros(2, 2), path, opset_version=13)
    refused = run(cli, "import", "--model", path, "--out", os.path.join(work, "no.json"), expect=1)
    if "ELU" not in refused.stderr or "node 1" not in refused.stderr or "0.5" not in refused.stderr:
        failures.append(f"an ELU with alpha 0.5 was not refused by name and place: "
                        f"{refused.stderr}")
    for path, message in hostile_models(work):
        out = os.path.join(work, "no.json")
        refused = run(cli, "import", "--model", path, "--out", out, expect=1)
        if message not in refused.stderr or os.path.exists(out):
            failures.append(f"{os.path.basename(path)} was not refused with '{message}': "
                            f"{refused.stderr}")
    garbage = os.path.join(work, "garbage.onnx")
    with open(garbage, "wb") as f:
        f.write(b"\x08\x07this is not a model" * 10)
    refused = run(cli, "import", "--model", garbage, "--out", os.path.join(work, "no.json"),
                  expect=1)
    if "garbage.onnx" not in refused.stderr:
        failures.append(f"a corrupt file was not refused by name: {refused.stderr}")
    print("BatchNorm, an unknown op, a weight that does not fit, a 2^31-element weight, a "
          "truncated and a corrupt file are refused with the reason")


def main():
    cli, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    failures = []
    check_export(cli, work, failures)
    check_import(cli, work, failures)
    if failures:
        sys.exit("\n".join(failures))


if __name__ == "__main__":
    main()
