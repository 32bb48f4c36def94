#!/usr/bin/python3
"""PyTorch reference for gradscope-bench-toy: optimizer steps per second on a 2-8-8-2 tanh
network (cross-entropy, 500 points, batch 10, SGD), or 2-8-8-1 tanh/MSE on 250 points.

    /usr/bin/python3 scripts/bench/torch_toy.py ce 20000 --threads 1
"""
import argparse
import json
import time

import torch_threads  # noqa: F401  (sets the thread counts before torch loads)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("loss", choices=["ce", "mse"])
p.add_argument("steps", type=int)
p.add_argument("--threads", type=int, default=1)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)
n = 250 if a.loss == "mse" else 500
x = torch.randn(n, 2)
if a.loss == "mse":
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1), nn.Tanh())
    y = torch.sign(torch.randn(n, 1))
    loss_fn = nn.MSELoss()
    lr = 0.015
else:
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 2))
    y = torch.randint(0, 2, (n,))
    loss_fn = nn.CrossEntropyLoss()
    lr = 0.03
opt = torch.optim.SGD(model.parameters(), lr=lr)


def run(steps):
    done = 0
    while done < steps:
        order = torch.randperm(n)
        for i in range(0, n, 10):
            idx = order[i:i + 10]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            done += 1
            if done == steps:
                return


run(500)
start = time.perf_counter()
run(a.steps)
seconds = time.perf_counter() - start
print(json.dumps({"network": "2-8-8-1 tanh mse" if a.loss == "mse" else "2-8-8-2 tanh ce",
                  "steps": a.steps, "seconds": seconds, "steps_per_s": a.steps / seconds}))
