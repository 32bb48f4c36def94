#!/usr/bin/env bash
# Test accuracy of Gradscope and PyTorch after 1, 3 and 5 epochs of mnist-mlp (SGD 0.1, batch
# 64) over SEEDS seeds, and after 1 epoch of mnist-cnn (SGD 0.05, momentum 0.9) over CNN_SEEDS
# seeds: mean, standard deviation and standard error of the mean, and the gap. For
# docs/benchmarks.md.
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

for s in $(seq "$seeds"); do
    "$cli" train --preset mnist-mlp --epochs 5 --seed "$s" --json | sed "s/^/ours mlp $s /" >>"$out/runs"
    "${torch[@]}" --model mlp --epochs 5 --seed "$s" | sed "s/^/torch mlp $s /" >>"$out/runs"
done
for s in $(seq "$cnn_seeds"); do
    "$cli" train --preset mnist-cnn --epochs 1 --seed "$s" --json | sed "s/^/ours cnn $s /" >>"$out/runs"
    "${torch[@]}" --model cnn --epochs 1 --seed "$s" --optimizer momentum --lr 0.05 | sed "s/^/torch cnn $s /" >>"$out/runs"
done

/usr/bin/python3 - "$out/runs" <<'PY'
import json, math, sys, collections
acc = collections.defaultdict(list)
for line in open(sys.argv[1]):
    engine, model, seed, js = line.split(" ", 3)
    r = json.loads(js)
    acc[(model, r["epoch"], engine)].append(100 * r["accuracy"])
def stats(v):
    m = sum(v) / len(v)
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else 0
    return m, sd, sd / math.sqrt(len(v))
print("| network, epochs | seeds | Gradscope % (mean ± sd) | PyTorch % (mean ± sd) | gap (± its s.e.) |")
print("|---|---|---|---|---|")
for model, epoch in sorted({(k[0], k[1]) for k in acc}, key=lambda k: (k[0] != "mlp", k[1])):
    o, t = acc[(model, epoch, "ours")], acc[(model, epoch, "torch")]
    if not o or not t or epoch not in (1, 3, 5):
        continue
    (mo, so, eo), (mt, st, et) = stats(o), stats(t)
    print(f"| mnist-{model}, {epoch} | {len(o)} | {mo:.2f} ± {so:.2f} | {mt:.2f} ± {st:.2f} | "
          f"{mo - mt:+.2f} ± {math.hypot(eo, et):.2f} |")
PY
