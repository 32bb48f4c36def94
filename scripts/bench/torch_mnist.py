#!/usr/bin/python3
"""PyTorch reference for the MNIST benchmarks: the same networks, data, normalisation and loop as
gradscope-cli. Times each epoch as the loop over mini-batches only (gather, forward, loss,
backward, step) and prints one JSON object per epoch.

    /usr/bin/python3 scripts/bench/torch_mnist.py --model mlp --epochs 1 --threads 1 [--hidden 1024]

A paired run replays one of Gradscope's: the same initial weights (--init, a model file from
gradscope-cli train --save-initial) and the same sample order (--order, from --sample-order).
"""
import argparse
import json
import os
import time

import torch_threads  # noqa: F401  (sets the thread counts before torch loads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402


def load_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["mlp", "mlp-deep", "cnn"], default="mlp")
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--hidden", type=int, default=128, help="the MLP's hidden width (784-H-10)")
    p.add_argument("--optimizer", choices=["sgd", "adam", "momentum"], default="sgd")
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--init", help="start from this Gradscope model file's parameters")
    p.add_argument("--order", help="each epoch's sample order, one line per epoch (Gradscope's --sample-order)")
    p.add_argument("--data", default=os.path.join(os.environ.get("GRADSCOPE_DATA", os.path.expanduser("~/.local/share/gradscope")), "mnist"))
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    def images(name):
        x = torch.from_numpy(load_idx(os.path.join(a.data, name)).astype(np.float32) / 255.0)
        return ((x - 0.5) / 0.5).unsqueeze(1)

    xtr, ytr = images("train-images-idx3-ubyte"), torch.from_numpy(load_idx(os.path.join(a.data, "train-labels-idx1-ubyte")).astype(np.int64))
    xte, yte = images("t10k-images-idx3-ubyte"), torch.from_numpy(load_idx(os.path.join(a.data, "t10k-labels-idx1-ubyte")).astype(np.int64))

    if a.model == "mlp":
        model = nn.Sequential(nn.Flatten(), nn.Linear(784, a.hidden), nn.ReLU(), nn.Linear(a.hidden, 10))
    elif a.model == "mlp-deep":
        model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    else:
        model = nn.Sequential(nn.Conv2d(1, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(8, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Flatten(), nn.Linear(784, 10))
    if a.init:
        with open(a.init) as f:
            params = json.load(f)["parameters"]
        model.load_state_dict({k: torch.tensor(v["data"], dtype=torch.float32).reshape(v["shape"])
                               for k, v in params.items()})
    orders = []
    if a.order:
        with open(a.order) as f:
            orders = [torch.tensor([int(i) for i in line.split()]) for line in f if line.strip()]
    if a.optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    elif a.optimizer == "momentum":
        opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=0.9)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=a.lr)
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(a.seed)
    for epoch in range(1, a.epochs + 1):
        order = orders[epoch - 1] if orders else torch.randperm(len(xtr), generator=g)
        start = time.perf_counter()
        total, count = 0.0, 0
        for i in range(0, len(xtr), a.batch):
            idx = order[i:i + a.batch]
            xb, yb = xtr[idx], ytr[idx]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
            count += len(idx)
        seconds = time.perf_counter() - start
        with torch.no_grad():
            out = model(xte)
            test_loss = loss_fn(out, yte).item()
            acc = (out.argmax(1) == yte).float().mean().item()
        print(json.dumps({"epoch": epoch, "train_loss": total / count, "test_loss": test_loss,
                          "accuracy": acc, "seconds": seconds, "samples_per_s": count / seconds}), flush=True)


if __name__ == "__main__":
    main()
