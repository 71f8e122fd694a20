#!/usr/bin/env bash
# Installs what building newskg needs on a fresh Debian machine: a C++ compiler and
# libclang (bindgen, for the RocksDB backend of Oxigraph). Does nothing when present.
set -euo pipefail
need=()
command -v g++ >/dev/null 2>&1 || need+=(g++)
dpkg -s libclang-dev >/dev/null 2>&1 || need+=(libclang-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
