#!/usr/bin/env bash
# Builds the fakemail image from docker/server (the build context) after `mvn package`.
#
#   docker/build-image.sh [TAG]       # default TAG: localhost/fakemail:latest
#
# Uses podman when it is installed, else docker. BASE_IMAGE (environment) picks the JRE base; with
# podman and no BASE_IMAGE, the locally made base (docker/podman.sh podman_base_image) is used when
# it exists, else the Dockerfile's public default.
set -euo pipefail
cd "$(dirname "$0")/.."
TAG=${1:-localhost/fakemail:latest}
JAR=docker/server/target/fakemail-server.jar
LOCAL_BASE=localhost/fakemail-base:bookworm-jre17

if [[ ! -f $JAR ]]; then
  echo "build-image: $JAR is missing; run 'mvn package' (or 'mvn -pl docker/server -am package') first" >&2
  exit 1
fi

args=()
if command -v podman >/dev/null; then
  engine=podman
  # the runtime settings podman_setup wrote (runc), should a RUN step ever need a container
  conf=${PODMAN_WORK:-/tmp/fakemail-podman}/containers.conf
  if [[ -z ${CONTAINERS_CONF:-} && -f $conf ]]; then export CONTAINERS_CONF=$conf; fi
  # OCI images drop HEALTHCHECK: keep the Docker format.
  args+=(--format docker)
  if [[ -z ${BASE_IMAGE:-} ]] && podman image exists "$LOCAL_BASE"; then
    BASE_IMAGE=$LOCAL_BASE
  fi
elif command -v docker >/dev/null; then
  engine=docker
else
  echo "build-image: neither podman nor docker is installed" >&2
  exit 1
fi
[[ -n ${BASE_IMAGE:-} ]] && args+=(--build-arg "BASE_IMAGE=$BASE_IMAGE")

echo "build-image: $engine build ${args[*]} -t $TAG docker/server"
"$engine" build "${args[@]}" -t "$TAG" docker/server
"$engine" image inspect --format '{{.Id}} {{.Size}} bytes' "$TAG"
