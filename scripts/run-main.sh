#!/usr/bin/env bash
# Installs what is missing, then runs the main experiment's quick preset from scratch: residual vs
# HC vs mHC at the reference model, 3 seeds each (9 runs, side by side on every core), trained into
# local/results/stability/, figures in local/plots/stability-*.png, and the headline printed at the
# end. (results/ and plots/ hold the committed runs that the README shows.) Re-running skips
# finished runs and resumes interrupted ones; `--stress` adds the 81-run stress sweep.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift run -c release stability --preset quick --results local/results --plots local/plots "$@"
