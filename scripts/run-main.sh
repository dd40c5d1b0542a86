#!/usr/bin/env bash
# Installs what is missing, then runs the main experiment's quick preset:
# residual vs HC vs mHC (results/stability/, plots/stability-*.png, results/stability/summary.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift run -c release stability --preset quick "$@"
