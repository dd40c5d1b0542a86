#!/usr/bin/env bash
# Installs what is missing, then runs the main experiment's quick preset from scratch:
# residual vs HC vs mHC, trained into local/results/stability/, figures in local/plots/stability-*.png
# and local/results/stability/summary.md. (results/ and plots/ hold the committed reference run
# that the README shows.) Re-running skips finished runs and resumes interrupted ones.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift run -c release stability --preset quick --results local/results --plots local/plots "$@"
