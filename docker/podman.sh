#!/usr/bin/env bash
# Container tooling for machines with no Docker engine and no container registry: podman with runc,
# a JRE base image made locally with debootstrap (from the machine's Debian mirror), and podman's
# Docker-compatible API socket, which Testcontainers talks to.
#
#   source docker/podman.sh        # then call the functions below (or: docker/podman.sh <function>)
#   podman_setup                   # install podman + runc + debootstrap, write containers.conf, export CONTAINERS_CONF
#   podman_base_image [NAME]       # make NAME (default localhost/fakemail-base:bookworm-jre17) if missing
#   podman_service_start           # start the API socket; exports DOCKER_HOST and the Testcontainers variables
#   podman_service_stop            # stop the socket started above (not one that was already running)
#
# With a Docker engine none of this is needed: `docker build -t fakemail docker/server` uses the public
# JRE base image named in the Dockerfile.
PODMAN_WORK=${PODMAN_WORK:-/tmp/fakemail-podman}
PODMAN_BASE_IMAGE=${PODMAN_BASE_IMAGE:-localhost/fakemail-base:bookworm-jre17}
PODMAN_SOCKET=${PODMAN_SOCKET:-/run/podman/podman.sock}
PODMAN_DEBIAN_SUITE=${PODMAN_DEBIAN_SUITE:-bookworm}

podman_setup() {
  mkdir -p "$PODMAN_WORK"
  if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null \
      || ! command -v curl >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
      podman runc debootstrap curl >/dev/null
  fi
  # crun rejects hybrid cgroup hosts, and root in a VM may not raise rlimits: runc and modest limits.
  cat > "$PODMAN_WORK/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
CONF
  export CONTAINERS_CONF=$PODMAN_WORK/containers.conf
}

# The Debian mirror apt already uses (deb822 or one-line sources), else the public one.
podman_debian_mirror() {
  local m
  m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [[ -n $m ]] || m=$(awk '$1=="deb"{print ($2 ~ /^\[/) ? $3 : $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${m:-http://deb.debian.org/debian}"
}

podman_base_image() {
  local name=${1:-$PODMAN_BASE_IMAGE} root=$PODMAN_WORK/rootfs mirror
  podman image exists "$name" && return 0
  mirror=$(podman_debian_mirror)
  echo "podman_base_image: making $name with debootstrap from $mirror (a few minutes, once)"
  rm -rf "$root"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
      "$PODMAN_DEBIAN_SUITE" "$root" "$mirror" >"$PODMAN_WORK/debootstrap.log" 2>&1 \
    || { tail -5 "$PODMAN_WORK/debootstrap.log" >&2; return 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/*
  tar --numeric-owner -C "$root" -c . |
    podman import -q --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$name" >/dev/null \
    || return 1
  rm -rf "$root"
}

podman_service_start() {
  mkdir -p "$(dirname "$PODMAN_SOCKET")" "$PODMAN_WORK"
  PODMAN_SERVICE_PID=
  if curl -sf --unix-socket "$PODMAN_SOCKET" http://d/_ping >/dev/null 2>&1; then
    echo "podman_service_start: $PODMAN_SOCKET is already served; using it"
    podman_service_env
    return 0
  fi
  # from /: the service and every conmon it starts keep its working directory, and a deleted one
  # (a removed checkout or worktree) makes each container start fail with "write child: broken pipe"
  (cd / && exec podman system service --time=0 "unix://$PODMAN_SOCKET") >"$PODMAN_WORK/service.log" 2>&1 &
  PODMAN_SERVICE_PID=$!
  local up=
  for _ in $(seq 100); do
    if curl -sf --unix-socket "$PODMAN_SOCKET" http://d/_ping >/dev/null 2>&1; then up=1; break; fi
    kill -0 "$PODMAN_SERVICE_PID" 2>/dev/null || break
    sleep 0.2
  done
  [[ -n $up ]] || { echo "podman_service_start: the API socket did not come up" >&2; cat "$PODMAN_WORK/service.log" >&2; return 1; }
  podman_service_env
}

podman_service_env() {
  export DOCKER_HOST=unix://$PODMAN_SOCKET
  export TESTCONTAINERS_RYUK_DISABLED=true        # Ryuk's image cannot be pulled without a registry
  export TESTCONTAINERS_HOST_OVERRIDE=localhost   # a VM that looks like a container to Testcontainers
}

podman_service_stop() {
  if [[ -n ${PODMAN_SERVICE_PID:-} ]]; then
    kill "$PODMAN_SERVICE_PID" 2>/dev/null || true
    wait "$PODMAN_SERVICE_PID" 2>/dev/null || true
  fi
  PODMAN_SERVICE_PID=
  return 0
}

# Run as a program: docker/podman.sh podman_setup podman_base_image ...
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  for f in "$@"; do "$f"; done
fi
