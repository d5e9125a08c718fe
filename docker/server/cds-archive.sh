#!/usr/bin/env bash
# Makes the image's AppCDS archive (a Dockerfile RUN step): starts the server once with
# -XX:ArchiveClassesAtExit, waits until GET /health answers UP (every listener bound), stops it with
# SIGTERM (the JVM writes the archive as it exits) and checks the archive is there.
#
#   cds-archive.sh JAR ARCHIVE
#
# Uses the ENTRYPOINT's JVM flags; an archive made with other flags or another JVM is not used (the JVM
# then starts without it).
set -euo pipefail
jar=$1 jsa=$2
java -XX:ArchiveClassesAtExit="$jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" --log-level warn &
pid=$!
up=
for _ in $(seq 600); do
  if (exec 3<>/dev/tcp/127.0.0.1/8025 && printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && grep -q '"UP"' <&3) 2>/dev/null; then
    up=1
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || true
[[ -n $up ]] || { echo "cds-archive: the server did not become healthy" >&2; exit 1; }
[[ -s $jsa ]] || { echo "cds-archive: no archive at $jsa" >&2; exit 1; }
chmod 444 "$jsa"
echo "cds-archive: $(du -k "$jsa" | cut -f1) KiB at $jsa"
