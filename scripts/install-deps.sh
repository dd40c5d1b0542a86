#!/usr/bin/env bash
# Installs what the toolkit needs from Debian, only if missing:
#   libopenblas-dev (BLAS), pkg-config (finds it), zlib1g-dev (reads the gzip image files),
#   gnuplot-nox (figures), fortunes (default corpus), dataset-fashion-mnist (the vision experiment's images).
set -euo pipefail
need=()
dpkg -s libopenblas-dev >/dev/null 2>&1 || need+=(libopenblas-dev)
dpkg -s pkg-config >/dev/null 2>&1 || need+=(pkg-config)
dpkg -s zlib1g-dev >/dev/null 2>&1 || need+=(zlib1g-dev)
command -v gnuplot >/dev/null 2>&1 || need+=(gnuplot-nox)
[ -d /usr/share/games/fortunes ] || need+=(fortunes)
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
if [ ${#need[@]} -gt 0 ]; then
  echo "install-deps: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || { echo "install-deps: swift not found; install Swift 6 from swift.org" >&2; exit 1; }
