#!/usr/bin/env bash
# regress.sh FUZZER CORPUS WORK SECONDS [libFuzzer options...]: runs every input of the
# checked-in CORPUS, then fuzzes from them for SECONDS. New inputs go to WORK/new (in the build
# folder), never into the corpus; a crash fails the test and its input is WORK/crash-*.
set -euo pipefail
fuzzer=$1 corpus=$2 work=$3 seconds=$4
shift 4
mkdir -p "$work/new"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/" "$@" "$work/new" "$corpus"
