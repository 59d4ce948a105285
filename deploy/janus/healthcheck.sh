#!/bin/bash
# Docker healthcheck: Janus answers an `info` request on its Janus API WebSocket (port JANUS_WS_PORT).
# More than an open port: the WebSocket transport is up, and Janus loads transports only after its plugins.
# `info` is answered before the api_secret check, so no secret is needed here (nor visible in `docker inspect`).
# bash for /dev/tcp: the image has no curl or WebSocket client.
set -euo pipefail

port=${JANUS_WS_PORT:-8188}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: cGFybGV5LWhlYWx0aGNoZWNrIQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: janus-protocol\r\n\r\n' >&3
IFS=$' \r' read -r -t 5 _ status _ <&3 || true
[ "${status:-}" = 101 ] || { echo "janus-healthcheck: WebSocket upgrade refused (HTTP ${status:-no answer})" >&2; exit 1; }
while IFS=$'\r' read -r -t 5 header <&3 && [ -n "$header" ]; do :; done

# One text frame. Client frames must be masked; an all-zero mask leaves the payload as it is.
payload='{"janus":"info","transaction":"healthcheck"}'
printf "\\x81\\x$(printf %02x $((0x80 | ${#payload})))\\x00\\x00\\x00\\x00%s" "$payload" >&3
# The reply opens with {"janus": "server_info", ...: reading up to the first "}" is enough.
reply=
read -r -t 5 -d '}' reply <&3 || true
case "$reply" in *'"server_info"'*) exit 0 ;; esac
echo "janus-healthcheck: no server_info answer on port $port" >&2
exit 1
