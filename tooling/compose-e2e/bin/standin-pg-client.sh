#!/usr/bin/env bash
# Gives the local stand-in of postgres:17-bookworm (../shared/docker-standins) the pg_dump and pg_restore of its
# server's major version, so that the README's backup commands, which run them inside the postgres container, work
# here as they do with the official image. Does nothing when the image already has them (the official image, or a
# stand-in that was given them before). Run as root, before the stack starts (compose exec uses the running image).
#
# The stand-in ships Debian 12's client 15, which refuses to dump a 17 server; Debian 12 has no client 17, Debian 13
# has it (built against Debian 13's glibc). So: Debian 13's postgresql-client-17 and the libraries it needs, glibc
# included, under /opt/pg-client-17, started through that glibc's own loader by two small wrappers.
set -Eeuo pipefail
DOCKER=${DOCKER:-docker}
image=${1:-postgres:17-bookworm}
work=${STANDIN_PG_CLIENT_WORK:-/var/tmp/parley-compose-e2e/pg-client}
log() { echo "standin-pg-client: $*" >&2; }

major() { $DOCKER run --rm --entrypoint "$1" "$image" --version | sed -n 's/.* \([0-9][0-9]*\)\.[0-9].*/\1/p' | head -1; }
server=$(major postgres)
client=$(major pg_dump)
if [ "$server" = "$client" ]; then log "$image: pg_dump $client matches the server"; exit 0; fi
[ "$server" = 17 ] || { log "$image: server $server, pg_dump $client, and only a client 17 is known here"; exit 1; }
log "$image: server 17, pg_dump $client: adding Debian 13's client 17"

mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $2 ~ /\/debian$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || { log "no Debian mirror in apt's sources"; exit 1; }
rm -rf "$work" && mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs" "$work/root" "$work/image/pg-client-17/bin" "$work/image/pg-client-17/lib"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$work/sources.list"
apto=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$work/lists"
  -o Dir::Cache="$work/cache" -o Dir::State::Status=/dev/null -o APT::Architecture=amd64)
apt-get "${apto[@]}" update -qq
packages=$(apt-cache "${apto[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
  --no-enhances --no-pre-depends postgresql-client-17 | grep '^[a-z0-9]' | sort -u)
# Virtual names in the closure have no .deb of their own: their providers are in the list already.
# One download for the whole closure; should a name have no .deb of its own (virtual), one by one.
(cd "$work/debs" && { apt-get "${apto[@]}" download $packages >/dev/null 2>&1 \
  || for p in $packages; do apt-get "${apto[@]}" download "$p" >/dev/null 2>&1 || true; done; })
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root"; done

out=$work/image/pg-client-17
cp "$work/root/usr/lib/postgresql/17/bin/pg_dump" "$work/root/usr/lib/postgresql/17/bin/pg_restore" "$out/bin/"
cp -L "$work"/root/usr/lib/x86_64-linux-gnu/*.so* "$out/lib/" 2>/dev/null || true
cp -L "$work"/root/lib/x86_64-linux-gnu/*.so* "$out/lib/" 2>/dev/null || true
for tool in pg_dump pg_restore; do
  printf '#!/bin/sh\n# Debian 13 pg_%s 17 with its own glibc (tooling/compose-e2e/bin/standin-pg-client.sh).\nexec /opt/pg-client-17/lib/ld-linux-x86-64.so.2 --library-path /opt/pg-client-17/lib /opt/pg-client-17/bin/%s "$@"\n' \
    "${tool#pg_}" "$tool" >"$work/image/$tool"
  chmod 755 "$work/image/$tool"
done
cat >"$work/image/Dockerfile" <<DOCKERFILE
FROM $image
COPY pg-client-17 /opt/pg-client-17
# The stand-in's PATH starts with /usr/lib/postgresql/17/bin.
COPY pg_dump pg_restore /usr/lib/postgresql/17/bin/
LABEL org.parley.standin-pg-client=17
DOCKERFILE
$DOCKER build -q -t "$image" "$work/image" >/dev/null
client=$(major pg_dump)
[ "$client" = 17 ] || { log "$image still has pg_dump $client"; exit 1; }
log "$image: pg_dump and pg_restore 17 added"
