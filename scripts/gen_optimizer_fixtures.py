#!/usr/bin/python3
"""Generates tests/fixtures/torch_optimizers.json: a small network trained for several steps by
each torch.optim optimizer (float64), with the parameters after every step, and the learning
rates of the schedulers over a few epochs. tests/engine/tst_optimizers.cpp replays them.

    /usr/bin/python3 scripts/gen_optimizer_fixtures.py
"""
import json
import math
import os

import torch
import torch.nn as nn

torch.manual_seed(4)
torch.set_default_dtype(torch.float64)
STEPS = 6


def tensor_json(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


x = torch.randn(5, 3)
labels = torch.tensor([0, 1, 1, 0, 1])


def trace(name, make, options):
    torch.manual_seed(5)
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
    initial = {k: tensor_json(v) for k, v in model.state_dict().items()}
    opt = make(model.parameters())
    steps = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), labels)
        loss.backward()
        opt.step()
        steps.append({"loss": float(loss),
                      "parameters": {k: tensor_json(v) for k, v in model.state_dict().items()}})
    return {"name": name, "options": options, "initial": initial, "steps": steps}


O = torch.optim
CASES = [
    trace("sgd", lambda p: O.SGD(p, lr=0.1), {"kind": "sgd", "lr": 0.1}),
    trace("sgd_weight_decay", lambda p: O.SGD(p, lr=0.1, weight_decay=0.01),
          {"kind": "sgd", "lr": 0.1, "weight_decay": 0.01}),
    trace("momentum", lambda p: O.SGD(p, lr=0.1, momentum=0.9),
          {"kind": "sgd", "lr": 0.1, "momentum": 0.9}),
    trace("momentum_dampening", lambda p: O.SGD(p, lr=0.1, momentum=0.9, dampening=0.1),
          {"kind": "sgd", "lr": 0.1, "momentum": 0.9, "dampening": 0.1}),
    trace("nesterov", lambda p: O.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3),
          {"kind": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 1e-3}),
    trace("adam", lambda p: O.Adam(p, lr=0.01), {"kind": "adam", "lr": 0.01}),
    trace("adam_betas_decay", lambda p: O.Adam(p, lr=0.01, betas=(0.8, 0.99), weight_decay=0.01),
          {"kind": "adam", "lr": 0.01, "beta1": 0.8, "beta2": 0.99, "weight_decay": 0.01}),
    trace("adamw", lambda p: O.AdamW(p, lr=0.01, weight_decay=0.1),
          {"kind": "adamw", "lr": 0.01, "weight_decay": 0.1}),
    trace("rmsprop", lambda p: O.RMSprop(p, lr=0.01), {"kind": "rmsprop", "lr": 0.01}),
    trace("rmsprop_centered_momentum",
          lambda p: O.RMSprop(p, lr=0.01, centered=True, momentum=0.5, weight_decay=0.01),
          {"kind": "rmsprop", "lr": 0.01, "centered": True, "momentum": 0.5, "weight_decay": 0.01}),
    trace("adagrad", lambda p: O.Adagrad(p, lr=0.1), {"kind": "adagrad", "lr": 0.1}),
    trace("adagrad_decay",
          lambda p: O.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.01,
                              initial_accumulator_value=0.1),
          {"kind": "adagrad", "lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.01,
           "initial_accumulator": 0.1}),
    trace("adamax", lambda p: O.Adamax(p, lr=0.02), {"kind": "adamax", "lr": 0.02}),
    trace("adamax_betas_decay",
          lambda p: O.Adamax(p, lr=0.02, betas=(0.8, 0.99), eps=1e-3, weight_decay=0.01),
          {"kind": "adamax", "lr": 0.02, "beta1": 0.8, "beta2": 0.99, "eps": 1e-3,
           "weight_decay": 0.01}),
]


def schedule(name, make, options, epochs=12):
    p = [nn.Parameter(torch.zeros(1))]
    opt = O.SGD(p, lr=0.5)
    sched = make(opt)
    rates = []
    for _ in range(epochs):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return {"name": name, "options": options, "base": 0.5, "rates": rates}


S = O.lr_scheduler
SCHEDULES = [
    schedule("step", lambda o: S.StepLR(o, step_size=3, gamma=0.5),
             {"kind": "step", "step_size": 3, "gamma": 0.5}),
    schedule("exponential", lambda o: S.ExponentialLR(o, gamma=0.9),
             {"kind": "exponential", "gamma": 0.9}),
    schedule("cosine", lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.01),
             {"kind": "cosine", "max_epochs": 10, "min_lr": 0.01}, epochs=10),
]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures",
                   "torch_optimizers.json")
with open(out + ".tmp", "w") as f:
    json.dump({"generator": "scripts/gen_optimizer_fixtures.py", "torch": torch.__version__,
               "input": tensor_json(x), "labels": [int(v) for v in labels],
               "optimizers": CASES, "schedules": SCHEDULES}, f, indent=1)
os.replace(out + ".tmp", out)
