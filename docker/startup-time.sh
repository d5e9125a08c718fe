#!/usr/bin/env bash
# Start-to-healthy of the standalone jar and of the image: from the launch until GET /health answers
# {"status":"UP"} (every listener bound), the median of N runs. Printed, never asserted.
#
#   docker/startup-time.sh jar [N]            # the jar with the image's JVM flags, without and with an AppCDS archive
#   docker/startup-time.sh image TAG [N]      # `podman run` (or docker) of TAG until healthy
#
# Needs curl and python3 (free ports); `mvn -pl docker/server -am package` first for the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=docker/server/target/fakemail-server.jar
FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)

free_ports() { python3 -c 'import socket,sys
ss=[socket.socket() for _ in range(int(sys.argv[1]))]
[s.bind(("127.0.0.1",0)) for s in ss]; print(" ".join(str(s.getsockname()[1]) for s in ss))' "$1"; }

now_ms() { date +%s%3N; }

# wait_up PORT PID: polls /health every 10 ms (at most 30 s); prints nothing, fails if the process died
wait_up() {
  for _ in $(seq 3000); do
    if curl -s -m 1 "http://127.0.0.1:$1/health" 2>/dev/null | grep -q '"UP"'; then return 0; fi
    [[ -z ${2:-} ]] || kill -0 "$2" 2>/dev/null || return 1
    sleep 0.01
  done
  return 1
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

run_jar() { # extra JVM args...
  local p; read -ra p <<<"$(free_ports 8)"
  local t0; t0=$(now_ms)
  java "${FLAGS[@]}" "$@" -jar "$JAR" --smtp-port "${p[0]}" --submission-port "${p[1]}" --smtps-port "${p[2]}" \
    --pop3-port "${p[3]}" --pop3s-port "${p[4]}" --imap-port "${p[5]}" --imaps-port "${p[6]}" --http-port "${p[7]}" \
    --log-level warn >/dev/null 2>&1 &
  local pid=$!
  wait_up "${p[7]}" "$pid" || { echo "the jar did not come up" >&2; return 1; }
  echo $(( $(now_ms) - t0 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

case ${1:-} in
  jar)
    n=${2:-11}
    [[ -f $JAR ]] || { echo "missing $JAR: mvn -pl docker/server -am package -DskipTests" >&2; exit 2; }
    jsa=$(mktemp -d)/fakemail.jsa
    # the archive, as the Dockerfile makes it, on free ports
    read -ra p <<<"$(free_ports 1)"
    FAKEMAIL_HTTP_PORT=${p[0]} FAKEMAIL_SMTP_PORT=0 FAKEMAIL_SUBMISSION_PORT=0 FAKEMAIL_SMTPS_PORT=0 FAKEMAIL_POP3_PORT=0 \
      FAKEMAIL_POP3S_PORT=0 FAKEMAIL_IMAP_PORT=0 FAKEMAIL_IMAPS_PORT=0 bash docker/server/cds-archive.sh "$JAR" "$jsa" >/dev/null
    for _ in $(seq "$n"); do run_jar; done >"$jsa.off"
    for _ in $(seq "$n"); do run_jar -XX:SharedArchiveFile="$jsa"; done >"$jsa.on"
    echo "jar start to healthy, median of $n (ms): without AppCDS $(median <"$jsa.off"), with AppCDS $(median <"$jsa.on") ($(du -k "$jsa" | cut -f1) KiB archive)"
    echo "  without: $(tr '\n' ' ' <"$jsa.off")"
    echo "  with:    $(tr '\n' ' ' <"$jsa.on")"
    rm -rf "$(dirname "$jsa")"
    ;;
  image)
    tag=${2:?image TAG}; n=${3:-7}
    engine=docker; command -v podman >/dev/null && engine=podman
    out=$(mktemp)
    for _ in $(seq "$n"); do
      read -ra p <<<"$(free_ports 1)"
      t0=$(now_ms)
      cid=$("$engine" run -d --rm -p "127.0.0.1:${p[0]}:8025" "$tag")
      wait_up "${p[0]}" || { echo "the container did not come up" >&2; "$engine" logs "$cid" >&2; "$engine" rm -f "$cid" >/dev/null; exit 1; }
      echo $(( $(now_ms) - t0 )) >>"$out"
      "$engine" rm -f -t 2 "$cid" >/dev/null
    done
    echo "image $tag: run to healthy, median of $n (ms): $(median <"$out")   runs: $(tr '\n' ' ' <"$out")"
    rm -f "$out"
    ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
