#!/usr/bin/env bash
# Installs what is missing (Debian packages, and Slurm for the Slurm tests), starts the
# one-node Slurm cluster, then builds and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/local-slurm.sh start
swift build --build-tests
swift test
