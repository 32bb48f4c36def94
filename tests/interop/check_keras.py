#!/usr/bin/env python3
"""Checks `gradscope-cli export --to keras` in TensorFlow.js (scripts/fetch-tfjs.sh).

    check_keras.py CLI WORKDIR

A trained MLP (2-D points) and a CNN (28×28 images, padding, strides, flatten) are exported;
TensorFlow.js loads each model.json as tf.loadLayersModel does and, given the same inputs in
Keras's channels-last layout, computes the outputs `gradscope-cli predict` prints. The Keras
script must be valid Python whose layers are model.json's, in order (TensorFlow itself is not
packaged for Debian 12, so the script is not run here).

Exits 77 (a skip for CTest) without node or TensorFlow.js.
"""
import ast
import json
import os
import py_compile
import shutil
import struct
import subprocess
import sys

import numpy as np

TFJS = os.environ.get("GRADSCOPE_TFJS", os.path.expanduser("~/.cache/gradscope/tfjs"))
RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_tfjs.js")


def run(*args, env=None):
    result = subprocess.run(args, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class RecordingLayer:
    def __init__(self, name):
        self.name, self.given = name, []

    def set_weights(self, weights):
        self.given = [w.shape for w in weights]


def check_load_weights(name, tree, model_dir):
    function = next(node for node in tree.body
                    if isinstance(node, ast.FunctionDef) and node.name == "load_weights")
    namespace = {"np": np, "json": json, "os": os, "MODEL": model_dir}
    exec(compile(ast.Module(body=[function], type_ignores=[]), "load_weights", "exec"),
         namespace)
    with open(os.path.join(model_dir, "model.json")) as f:
        model = json.load(f)
    layers = [RecordingLayer(layer["config"]["name"])
              for layer in model["modelTopology"]["config"]["layers"]]
    namespace["load_weights"](type("Model", (), {"layers": layers})())
    expected = {}
    for spec in model["weightsManifest"][0]["weights"]:
        expected.setdefault(spec["name"].split("/")[0], []).append(tuple(spec["shape"]))
    given = {layer.name: layer.given for layer in layers if layer.given}
    if given != expected:
        return [f"{name}: load_weights() sets {given}, model.json holds {expected}"]
    return []


def main():
    cli, work = sys.argv[1], sys.argv[2]
    modules = os.path.join(TFJS, "node_modules")
    if not shutil.which("node") or not os.path.isdir(os.path.join(modules, "@tensorflow")):
        print(f"skipped: no node or no TensorFlow.js in {modules} (scripts/fetch-tfjs.sh)")
        sys.exit(77)
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, NODE_PATH=modules)
    rng = np.random.default_rng(4)
    points = rng.uniform(-1, 1, size=(40, 2)).astype(np.float32)
    with open(os.path.join(work, "points.csv"), "w") as f:
        for row in points:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    images = rng.integers(0, 256, size=(10, 28, 28))
    with open(os.path.join(work, "images.idx"), "wb") as f:
        f.write(struct.pack(">BBBBIII", 0, 0, 8, 3, *images.shape))
        f.write(images.astype(np.uint8).tobytes())
    hwc = ((images.astype(np.float32) / 255 - 0.5) / 0.5)[..., None]  # channels-last
    cnn = os.path.join(os.path.dirname(os.path.abspath(__file__)), "presets",
                       "mnist-cnn-small.json")
    failures = []
    for name, preset, inputs, data in [
            ("MLP", "moons", "points.csv", points),
            ("leaky MLP", os.path.join(os.path.dirname(cnn), "moons-bce-l1l2.json"), "points.csv",
             points),
            ("GELU ELU SiLU softplus MLP", os.path.join(os.path.dirname(cnn),
                                                        "moons-activations.json"),
             "points.csv", points),
            ("BatchNorm1d LayerNorm MLP", os.path.join(os.path.dirname(cnn), "moons-norms.json"),
             "points.csv", points),
            ("residual MLP", os.path.join(os.path.dirname(cnn), "moons-residual.json"),
             "points.csv", points),
            ("CNN", cnn, "images.idx", hwc),
            ("BatchNorm2d pooling CNN", os.path.join(os.path.dirname(cnn), "mnist-cnn-norms.json"),
             "images.idx", hwc),
            # Norms after a Flatten: their γ, β and statistics in Keras's order of features.
            ("flattened norms CNN", os.path.join(os.path.dirname(cnn),
                                                 "mnist-cnn-flat-norms.json"),
             "images.idx", hwc)]:
        model = os.path.join(work, name.replace(" ", "-") + ".json")
        trained = subprocess.run([cli, "train", "--preset", preset, "--steps", "5", "--save",
                                  model], capture_output=True, text=True)
        if trained.returncode != 0:
            print(f"{name}: not trained ({trained.stderr.strip()[:100]}); skipped")
            continue
        script = os.path.join(work, name.replace(" ", "-"), "exported.py")
        run(cli, "export", "--model", model, "--to", "keras", "--out", script)
        model_json = os.path.join(os.path.dirname(script), "exported.tfjs", "model.json")
        with open(os.path.join(work, "inputs.json"), "w") as f:
            json.dump({"shape": list(data.shape), "data": data.reshape(-1).tolist()}, f)
        theirs = np.array(json.loads(run("node", RUNNER, model_json,
                                         os.path.join(work, "inputs.json"), env=env)))
        out = run(cli, "predict", "--model", model, "--inputs", os.path.join(work, inputs),
                  "--json")
        ours = np.array([json.loads(line)["outputs"] for line in out.splitlines()])
        error = float(np.abs(ours - theirs).max()) if ours.shape == theirs.shape else float("inf")
        if error > 1e-4:
            failures.append(f"{name}: TensorFlow.js and Gradscope differ by {error:.3g} "
                            f"(shapes {theirs.shape}, {ours.shape})")
        # The script: valid Python (py_compile), building model.json's layers in order.
        py_compile.compile(script, cfile=os.path.join(work, "compiled.pyc"), doraise=True)
        with open(script) as f:
            tree = ast.parse(f.read())
        made = [node.keywords[-1].value.value for node in ast.walk(tree)
                if isinstance(node, ast.Call) and node.keywords and
                node.keywords[-1].arg == "name"]
        with open(model_json) as f:
            listed = [layer["config"]["name"]
                      for layer in json.load(f)["modelTopology"]["config"]["layers"]]
        if made != listed:
            failures.append(f"{name}: the script builds {made}, model.json lists {listed}")
        # Its load_weights(), run without TensorFlow on layers that record what they are given,
        # hands every weight of model.json to its layer, in the manifest's order.
        failures += check_load_weights(name, tree, os.path.dirname(model_json))
        print(f"Keras export of the {name}: TensorFlow.js computes Gradscope's outputs "
              f"(largest difference {error:.2g}); the script builds the same {len(made)} layers")
    if failures:
        sys.exit("\n".join(failures))


if __name__ == "__main__":
    main()
