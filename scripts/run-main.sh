#!/usr/bin/env bash
# Installs what is missing, then runs the main experiment's quick preset.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift run -c release train --connection mhc --steps 300 --out results/train/mhc-quick --resume
