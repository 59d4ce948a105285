#!/bin/sh
# Renders /etc/coturn/turnserver.conf.template from the environment and starts coturn in the foreground.
# NOTE: rendered into /tmp because the coturn image runs as an unprivileged user; the file holds the
# shared secret, so it is created readable by that user only.
set -eu

: "${TURN_SECRET:?TURN_SECRET must be set (the same value as the signaling service)}"
: "${TURN_REALM:?TURN_REALM must be set (usually the public host name)}"
export TURN_PORT="${TURN_PORT:-3478}" TURN_TLS_PORT="${TURN_TLS_PORT:-5349}"
export TURN_MIN_PORT="${TURN_MIN_PORT:-49160}" TURN_MAX_PORT="${TURN_MAX_PORT:-49200}"
export TURN_USER_QUOTA="${TURN_USER_QUOTA:-12}" TURN_TOTAL_QUOTA="${TURN_TOTAL_QUOTA:-1200}"

# The paths can be moved for tests (tooling/coturn-harness runs this very script outside a container).
template="${COTURN_TEMPLATE:-/etc/coturn/turnserver.conf.template}"
config="${COTURN_CONFIG:-/tmp/turnserver.conf}"
certs="${COTURN_CERTS_DIR:-/etc/coturn/certs}"
umask 077

# Replace ${NAME} left to right (comment lines are copied as they are); a placeholder without a variable
# stops the start, so a typo never becomes a silently empty setting.
awk '/^[[:space:]]*#/ { print; next }
{
  out = ""; line = $0
  while (match(line, /\$\{[A-Z0-9_]+\}/)) {
    name = substr(line, RSTART + 2, RLENGTH - 3)
    if (!(name in ENVIRON)) { print "turnserver.conf.template: " name " is not set" > "/dev/stderr"; exit 2 }
    out = out substr(line, 1, RSTART - 1) ENVIRON[name]
    line = substr(line, RSTART + RLENGTH)
  }
  print out line
}' "$template" > "$config"

if [ -n "${TURN_EXTERNAL_IP:-}" ]; then
  echo "external-ip=${TURN_EXTERNAL_IP}" >> "$config"
fi
if [ -f "$certs/fullchain.pem" ] && [ -f "$certs/privkey.pem" ]; then
  printf 'cert=%s\npkey=%s\n' "$certs/fullchain.pem" "$certs/privkey.pem" >> "$config"
else
  echo "coturn: no certificate in $certs (fullchain.pem + privkey.pem): TURN over TLS is off" >&2
  printf 'no-tls\nno-dtls\n' >> "$config"
fi
for ip in $(echo "${TURN_ALLOWED_PEER_IPS:-}" | tr ',' ' '); do
  echo "allowed-peer-ip=${ip}" >> "$config"
done

exec turnserver -c "$config" "$@"
