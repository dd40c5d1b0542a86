#!/usr/bin/env bash
# Installs what is missing (Debian packages, and Slurm for the Slurm tests), starts the
# one-node Slurm cluster, then builds and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/local-slurm.sh start
# The safetensors package lets a test load an exported model in Python (skipped without it).
command -v python3 >/dev/null 2>&1 && { python3 -c "import safetensors, numpy" 2>/dev/null \
  || python3 -m pip install -q safetensors numpy >/dev/null 2>&1 \
  || echo "test.sh: could not install safetensors; the Python load test will be skipped"; }
swift build --build-tests
swift test
