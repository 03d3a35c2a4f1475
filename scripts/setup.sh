#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine with Node 20 and npm: the Debian packages the
# browser and WebGPU tests need, pnpm pinned by package.json, the locked
# dependencies, and a build of every package. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

log() { printf '[setup] %s\n' "$*" >&2; }

# Debian's chromium brings SwiftShader (a software Vulkan/WebGPU adapter) for the
# browser tests and for Dawn in Node; libvulkan1 is the loader Dawn opens.
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -e /usr/lib/x86_64-linux-gnu/libvulkan.so.1 ] || ldconfig -p 2>/dev/null | grep -q libvulkan.so.1 || need_apt+=(libvulkan1)
# redis-server: apps/examples' queue tests and `altclip bench-index` start their own on a free loopback port.
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  log "installing Debian packages: ${need_apt[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  log "installing pnpm $pnpm_version with npm"
  npm install -g "pnpm@$pnpm_version" >/dev/null 2>&1
fi

log "installing locked dependencies"
pnpm install --frozen-lockfile >&2
log "building every package"
pnpm build >&2
