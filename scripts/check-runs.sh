#!/bin/bash
# The 9 short check runs of a refactoring that must not change a number (docs/design.md, "Bit-identity
# of a refactoring"): every connection flavour trained briefly with one `train` binary into a folder.
#
#   bash scripts/check-runs.sh TRAIN_BINARY OUT_FOLDER        # train the 9 runs
#   bash scripts/check-runs.sh --compare OLD_FOLDER NEW_FOLDER  # byte-compare them (timings aside)
set -euo pipefail
if [ "${1:-}" = "--compare" ]; then
  old=$2; new=$3; bad=0
  for run in "$old"/*/; do
    r=$(basename "$run")
    for f in gains.csv mappings.csv hres.json final-eval.csv model.safetensors; do
      [ -e "$old/$r/$f" ] || continue
      cmp -s "$old/$r/$f" "$new/$r/$f" || { echo "$r/$f differs"; bad=1; }
    done
    # metrics.csv without the step_seconds column
    strip() { python3 -c 'import csv,sys
rows=list(csv.reader(open(sys.argv[1]))); i=rows[0].index("step_seconds")
print("\n".join(",".join(c for j,c in enumerate(r) if j!=i) for r in rows))' "$1"; }
    [ "$(strip "$old/$r/metrics.csv")" = "$(strip "$new/$r/metrics.csv")" ] || { echo "$r/metrics.csv differs"; bad=1; }
  done
  [ $bad = 0 ] && echo "check runs: all $(ls -d "$old"/*/ | wc -l) byte-identical (timings aside)"
  exit $bad
fi
train=$1; out=$2
small="--width 32 --layers 2 --heads 2 --seq 32 --batch 4 --steps 30 --eval-every 10 --eval-batches 2 --final-eval-windows 64"
run() { name=$1; shift; [ -e "$out/$name/summary.json" ] || "$train" $small "$@" --out "$out/$name" > /dev/null; }
run residual --connection residual
run hc --connection hc
run hc-static --connection hc --static --learn pre,res
run hc-recompute --connection hc --recompute 1
run mhc --connection mhc
run mhc-recompute-collapse --connection mhc --recompute 1 --collapse learned --stream-init copies
run mhc-birkhoff --connection mhc --manifold birkhoff --init identity
run mhc-deepseek --connection mhc --manifold deepseek-v4 --streams 2
run mhc-none --connection mhc --manifold none --learn post,res
echo "check runs: 9 in $out"
