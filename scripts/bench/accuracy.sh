#!/usr/bin/env bash
# Test accuracy of Gradscope and PyTorch after 1, 3 and 5 epochs of mnist-mlp (SGD 0.1, batch
# 64) over SEEDS seeds, and after 1 epoch of mnist-cnn (SGD 0.05, momentum 0.9) over CNN_SEEDS
# seeds, for docs/benchmarks.md. Two comparisons:
#
#   paired: PyTorch replays each Gradscope run from the same initial weights
#           (gradscope-cli train --save-initial) in the same sample order (--sample-order),
#           so the two differ only in floating-point rounding: the gap is the engines' own.
#   free:   PyTorch with its own initialisation and shuffle for the same seed number: the two
#           engines' spreads over seeds, and the gap between their means (± its standard error).
#
#   scripts/bench/accuracy.sh [SEEDS] [CNN_SEEDS]     (default 20 and 4)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seeds="${1:-20}"
cnn_seeds="${2:-4}"
source "$root/scripts/lib/common.sh"
gs_ensure_packages python3-torch libopenblas0-pthread
gs_build "$root/build" Release
cli="$root/build/app/gradscope-cli"
torch=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$root/scripts/bench/torch_mnist.py" --threads 2)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

run() { # model preset epochs seed [torch options...]
    local model="$1" preset="$2" epochs="$3" s="$4"
    shift 4
    "$cli" train --preset "$preset" --epochs "$epochs" --seed "$s" --json \
        --save-initial "$out/init.json" --sample-order "$out/order" | sed "s/^/ours $model $s /" >>"$out/runs"
    "${torch[@]}" --model "$model" --epochs "$epochs" --seed "$s" "$@" \
        --init "$out/init.json" --order "$out/order" | sed "s/^/paired $model $s /" >>"$out/runs"
    "${torch[@]}" --model "$model" --epochs "$epochs" --seed "$s" "$@" | sed "s/^/torch $model $s /" >>"$out/runs"
}
for s in $(seq "$seeds"); do
    run mlp mnist-mlp 5 "$s"
done
for s in $(seq "$cnn_seeds"); do
    run cnn mnist-cnn 1 "$s" --optimizer momentum --lr 0.05
done

/usr/bin/python3 - "$out/runs" <<'PY'
import json, math, sys, collections
acc = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    engine, model, seed, js = line.split(" ", 3)
    r = json.loads(js)
    acc[(model, r["epoch"], engine)][int(seed)] = 100 * r["accuracy"]
def stats(v):
    m = sum(v) / len(v)
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else 0
    return m, sd, sd / math.sqrt(len(v))
keys = sorted({(k[0], k[1]) for k in acc if k[1] in (1, 3, 5)}, key=lambda k: (k[0] != "mlp", k[1]))
print("Paired (PyTorch from Gradscope's initial weights, in its sample order):\n")
print("| network, epochs | seeds | Gradscope % (mean) | PyTorch % (mean) | gap per seed: mean ± sd | largest gap |")
print("|---|---|---|---|---|---|")
for model, epoch in keys:
    o, p = acc[(model, epoch, "ours")], acc[(model, epoch, "paired")]
    seeds = sorted(set(o) & set(p))
    d = [o[s] - p[s] for s in seeds]
    md, sd, _ = stats(d)
    print(f"| mnist-{model}, {epoch} | {len(seeds)} | {stats([o[s] for s in seeds])[0]:.2f} | "
          f"{stats([p[s] for s in seeds])[0]:.2f} | {md:+.3f} ± {sd:.3f} | {max(d, key=abs):+.2f} |")
print("\nFree (each engine with its own initialisation and shuffle):\n")
print("| network, epochs | seeds | Gradscope % (mean ± sd) | PyTorch % (mean ± sd) | gap (± its s.e.) |")
print("|---|---|---|---|---|")
for model, epoch in keys:
    o, t = list(acc[(model, epoch, "ours")].values()), list(acc[(model, epoch, "torch")].values())
    (mo, so, eo), (mt, st, et) = stats(o), stats(t)
    print(f"| mnist-{model}, {epoch} | {len(o)} | {mo:.2f} ± {so:.2f} | {mt:.2f} ± {st:.2f} | "
          f"{mo - mt:+.2f} ± {math.hypot(eo, et):.2f} |")
PY
