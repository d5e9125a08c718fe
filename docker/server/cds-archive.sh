#!/usr/bin/env bash
# Makes the image's AppCDS archive (a Dockerfile RUN step): starts the server once with
# -XX:DumpLoadedClassList, waits until GET /health answers UP (every listener bound) and one API call
# is answered, stops it with SIGTERM, then dumps a static archive of the listed classes
# (-Xshare:dump) and checks it is there.
#
#   cds-archive.sh JAR ARCHIVE
#
# A static archive rather than a dynamic one (-XX:ArchiveClassesAtExit): only a static one holds
# classes compiled for Java 5, such as picocli's (JDK 17 skips them in a dynamic archive: "Old class
# has been linked"), which otherwise are read from the jar and checked by the old verifier at every
# start, on the critical path.
# Uses the ENTRYPOINT's JVM flags; an archive made with other flags or another JVM is not used (the JVM
# then starts without it). Ports: the program's environment variables (FAKEMAIL_HTTP_PORT, ...), so
# that it can run beside another server.
set -euo pipefail
jar=$1 jsa=$2
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
http=${FAKEMAIL_HTTP_PORT:-8025}
list=$(mktemp)
trap 'rm -f "$list"' EXIT
java -XX:DumpLoadedClassList="$list" "${flags[@]}" -jar "$jar" --log-level warn &
pid=$!
# get PATH: answers when the body has WANT
get() {
  (exec 3<>"/dev/tcp/127.0.0.1/$http" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3 && grep -q "$2" <&3) 2>/dev/null
}
up=
for _ in $(seq 600); do
  if get /health '"UP"'; then
    up=1
    get /api/v1/messages '\[' || true # the first API answer's classes too
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || true
[[ -n $up ]] || { echo "cds-archive: the server did not become healthy" >&2; exit 1; }
java -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$jsa" "${flags[@]}" -cp "$jar" >"$list.log" 2>&1 \
  || { tail -20 "$list.log" >&2; rm -f "$list.log"; exit 1; }
rm -f "$list.log"
[[ -s $jsa ]] || { echo "cds-archive: no archive at $jsa" >&2; exit 1; }
chmod 444 "$jsa"
echo "cds-archive: $(du -k "$jsa" | cut -f1) KiB at $jsa"
