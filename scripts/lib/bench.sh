# Shared by the benchmark scripts (scripts/bench): a scratch folder removed on exit, a number
# out of a JSON line, the median of numbers one per line, and the wide MLP's preset. Sourced.

# $out: a scratch folder, removed when the script exits.
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# field NAME: the number after "NAME": on each line of standard input.
field() { sed -E "s/.*\"$1\": ?([0-9.eE+-]+).*/\1/"; }

# median: of the numbers on standard input, one per line.
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# wide_preset FILE: mnist-mlp with 1024 hidden units instead of 128, written to FILE.
wide_preset() {
    sed 's/"out": 128}/"out": 1024}/; s/"in": 128,/"in": 1024,/' \
        "$GRADSCOPE_ROOT/resources/presets/mnist-mlp.json" >"$1"
}
