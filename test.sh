#!/usr/bin/env bash
# Runs Monitor's whole test suite: unit and integration tests over Monitor.sln.
# Usage: ./test.sh [extra dotnet test arguments], e.g. ./test.sh --filter Category=Unit
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '==> %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK is not installed (dotnet not on PATH); see global.json for the version"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- Docker engine for the container-based integration tests (Testcontainers) -------------------------------
# Skipped when only unit tests are asked for (--filter Category=Unit) or MONITOR_SKIP_DOCKER=1.
needs_docker=1
case " $* " in *"Category=Unit"*) needs_docker=0 ;; esac
[ "${MONITOR_SKIP_DOCKER:-0}" = "1" ] && needs_docker=0

is_root() { [ "$(id -u)" = "0" ]; }
apt_updated=0
apt_install() {
  is_root && command -v apt-get >/dev/null 2>&1 || fail "cannot install $* (needs root on Debian/Ubuntu)"
  export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
  if [ "$apt_updated" = "0" ]; then apt-get update -qq >/dev/null || fail "apt-get update failed"; apt_updated=1; fi
  apt-get install -y -qq "$@" >/dev/null || fail "apt-get install $* failed"
}
engine_up() { docker info >/dev/null 2>&1; }

ensure_engine() {
  if engine_up; then step "Docker engine: running"; return; fi
  if ! command -v dockerd >/dev/null 2>&1; then
    is_root && command -v apt-get >/dev/null 2>&1 || fail "no Docker engine running and cannot install one (needs root on Debian/Ubuntu); start Docker and retry"
    step "Docker engine: not installed; installing docker.io from Debian packages"
    apt_install docker.io
  fi
  if ! engine_up; then
    is_root || fail "dockerd is installed but not running, and starting it needs root"
    step "Docker engine: starting dockerd in the background (log: /tmp/monitor-dockerd.log)"
    (setsid dockerd >/tmp/monitor-dockerd.log 2>&1 &)
    for _ in $(seq 1 60); do engine_up && break; sleep 1; done
    engine_up || fail "dockerd did not come up within 60 s (see /tmp/monitor-dockerd.log)"
  fi
  step "Docker engine: running"
}

# The machine's own Debian mirror, as apt is configured (deb822 .sources or one-line .list format).
debian_mirror() {
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}';
    grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}'; } \
    | grep -v -e security -e updates | head -n 1
}

ensure_base_image() {
  local image="debian:bookworm-slim"
  if docker image inspect "$image" >/dev/null 2>&1; then step "Base image $image: present"; return; fi
  step "Base image $image: pulling"
  if timeout 60 docker pull -q "$image" >/dev/null 2>&1; then return; fi
  step "Base image $image: no registry reachable; building it with debootstrap (about a minute)"
  is_root || fail "building $image with debootstrap needs root"
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  local mirror="${MONITOR_DEBIAN_MIRROR:-$(debian_mirror)}"
  [ -n "$mirror" ] || fail "no Debian mirror found in /etc/apt/sources.list*; set MONITOR_DEBIAN_MIRROR"
  local dir; dir=$(mktemp -d /tmp/monitor-rootfs.XXXXXX)
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >/tmp/monitor-debootstrap.log 2>&1 \
    || fail "debootstrap failed (see /tmp/monitor-debootstrap.log)"
  tar -C "$dir" -c . | docker import - "$image" >/dev/null || fail "docker import of the debootstrap tree failed"
  rm -rf "$dir"
  step "Base image $image: built locally"
}

if [ "$needs_docker" = "1" ]; then
  ensure_engine
  ensure_base_image
  # Engine 20.10 speaks API 1.41; there is no Ryuk image without a registry; reach mapped ports on loopback.
  api=$(docker version --format '{{.Server.APIVersion}}' 2>/dev/null || true)
  [ -n "$api" ] && export DOCKER_API_VERSION="${DOCKER_API_VERSION:-$api}"
  export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
  if [ -f /.dockerenv ]; then export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}"; fi
  step "Testcontainers: DOCKER_API_VERSION=${DOCKER_API_VERSION:-default} TESTCONTAINERS_RYUK_DISABLED=$TESTCONTAINERS_RYUK_DISABLED TESTCONTAINERS_HOST_OVERRIDE=${TESTCONTAINERS_HOST_OVERRIDE:-unset}"
  export MONITOR_DOCKER_TESTS=1
  # The image tests publish the service as a native executable (Native AOT), which links with the C toolchain.
  if command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; then
    step "C toolchain for the native build: present ($(command -v clang || command -v gcc))"
  elif is_root && command -v apt-get >/dev/null 2>&1; then
    step "C toolchain for the native build: installing Debian's gcc"
    apt_install gcc libc6-dev
  else
    step "C toolchain for the native build: neither clang nor gcc found and cannot install one; the image tests will fail"
  fi
else
  step "Docker: skipped (unit tests only)"
fi

# --- Chromium for the digest rendering test (tests/Monitor.Tests/Rendering, Integration) --------------------------
# Debian's chromium renders the sample digest headless; installed when missing and root. Skipped for unit tests only.
case " $* " in
  *"Category=Unit"*) step "Chromium: skipped (unit tests only)" ;;
  *)
    if [ -x "${MONITOR_CHROMIUM:-/usr/bin/chromium}" ] && fc-list 2>/dev/null | grep -qi "wqy\|noto.*cjk"; then
      step "Chromium: present (${MONITOR_CHROMIUM:-/usr/bin/chromium}), with a CJK font"
    elif is_root && command -v apt-get >/dev/null 2>&1; then
      step "Chromium: installing Debian's chromium and a CJK font for the rendering test"
      apt_install chromium fonts-wqy-microhei
    else
      step "Chromium: not installed and cannot install it (needs root on Debian); the rendering test will fail"
    fi
    ;;
esac

results="TestResults"
rm -rf "$results"

step "Building Monitor.sln (Release)"
dotnet build Monitor.sln -c Release -nologo -v quiet || fail "build failed (see the compiler errors above)"

step "Running tests"
status=0
dotnet test Monitor.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

# The shipped native build runs the 256-bit vector paths (x86-64-v3); on a machine with AVX-512 the JIT takes the
# 512-bit ones. Text scanning, matching and signatures are tested once more on the paths the image runs.
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  step "Running Monitor.Core's tests again with AVX-512 off (the vector paths of the native build)"
  DOTNET_EnableAVX512F=0 dotnet test tests/Monitor.Core.Tests -c Release --no-build -nologo \
    --logger "trx;LogFilePrefix=avx2" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=$?
fi

# One closing line over every test assembly, from the TRX reports.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); t=$(get total); e=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo
echo "Test summary: ${passed} passed, ${failed} failed, ${skipped} skipped"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ]; then
  fail "dotnet test exited with $status"
fi
if [ "$passed" -eq 0 ]; then
  fail "no test ran"
fi
