#!/bin/sh
# Render Parley's Janus configuration from JANUS_* environment variables into a folder.
#   usage: render-config.sh <output-dir>
# The one renderer: the Docker entrypoint and the test harness (tooling/janus-harness) both call it.
# Secrets are required and never defaulted (Debian's packaged admin_secret is public knowledge).
set -eu

out=${1:?usage: render-config.sh <output-dir>}
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
templates=${JANUS_TEMPLATES_DIR:-$here/templates}

fail() { echo "render-config: $*" >&2; exit 64; }

# Values land inside quoted libconfig strings: refuse anything that could end the string or the line.
check_value() {
	case "$2" in
		*'"'* | *'\'* | *'
'*) fail "$1 must not contain quotes, backslashes or newlines" ;;
	esac
}
require_secret() {
	eval "v=\${$1:-}"
	[ -n "$v" ] || fail "$1 is required"
	[ ${#v} -ge 16 ] || fail "$1 must be at least 16 characters"
	case "$v" in janusoverlord | janusrocks | supersecret | adminpwd) fail "$1 uses a well-known default" ;; esac
}
require_number() {
	eval "v=\${$1:-}"
	case "$v" in '' | *[!0-9]*) fail "$1 must be a whole number (got '$v')" ;; esac
}

require_secret JANUS_API_SECRET
require_secret JANUS_ADMIN_SECRET
require_secret JANUS_ROOM_ADMIN_KEY

: "${JANUS_CONFIG_DIR:=$out}"
: "${JANUS_LIB_DIR:=/usr/lib/x86_64-linux-gnu/janus}"
: "${JANUS_DEBUG_LEVEL:=4}"
: "${JANUS_EVENT_LOOPS:=}"
: "${JANUS_SERVER_NAME:=parley-janus}"
: "${JANUS_SESSION_TIMEOUT:=60}"
: "${JANUS_RTP_PORT_RANGE:=20000-40000}"
: "${JANUS_SLOWLINK_THRESHOLD:=4}"
: "${JANUS_STUN_SERVER:=}"
: "${JANUS_STUN_PORT:=3478}"
: "${JANUS_NAT_1_1_MAPPING:=}"
: "${JANUS_KEEP_PRIVATE_HOST:=false}"
: "${JANUS_ICE_LITE:=}"
: "${JANUS_TURN_SERVER:=}"
: "${JANUS_TURN_PORT:=3478}"
: "${JANUS_TURN_TYPE:=udp}"
: "${JANUS_TURN_USER:=}"
: "${JANUS_TURN_PASSWORD:=}"
: "${JANUS_TURN_REST_API:=}"
: "${JANUS_TURN_REST_API_KEY:=}"
: "${JANUS_ICE_ENFORCE_LIST:=}"
: "${JANUS_ICE_IGNORE_LIST:=vmnet}"
: "${JANUS_WS_UNIX:=}"
: "${JANUS_WS_PORT:=8188}"
: "${JANUS_WS_IP:=}"
: "${JANUS_WS_ACL:=}"
: "${JANUS_ADMIN_WS:=true}"
: "${JANUS_ADMIN_WS_UNIX:=}"
: "${JANUS_ADMIN_WS_PORT:=7188}"
: "${JANUS_ADMIN_WS_IP:=127.0.0.1}"
: "${JANUS_DTLS_CERT:=}"
: "${JANUS_DTLS_KEY:=}"

# A UNIX socket replaces the TCP listener (the test harness reaches Janus inside a network namespace this way).
[ -z "$JANUS_WS_UNIX" ] || JANUS_WS_PORT=
[ -z "$JANUS_ADMIN_WS_UNIX" ] || { JANUS_ADMIN_WS_PORT=; JANUS_ADMIN_WS_IP=; }
[ -z "$JANUS_WS_UNIX$JANUS_ADMIN_WS_UNIX" ] || JANUS_WS_ACL=

for n in JANUS_DEBUG_LEVEL JANUS_SESSION_TIMEOUT JANUS_SLOWLINK_THRESHOLD JANUS_STUN_PORT JANUS_TURN_PORT; do require_number "$n"; done
[ -z "$JANUS_WS_PORT" ] || require_number JANUS_WS_PORT
[ -z "$JANUS_EVENT_LOOPS" ] || require_number JANUS_EVENT_LOOPS
[ -z "$JANUS_ADMIN_WS_PORT" ] || require_number JANUS_ADMIN_WS_PORT
case "$JANUS_RTP_PORT_RANGE" in *[!0-9-]* | *-*-*) fail "JANUS_RTP_PORT_RANGE must look like 20000-40000" ;; [0-9]*-[0-9]*) ;; *) fail "JANUS_RTP_PORT_RANGE must look like 20000-40000" ;; esac
case "$JANUS_TURN_TYPE" in udp | tcp | tls) ;; *) fail "JANUS_TURN_TYPE must be udp, tcp or tls" ;; esac
case "$JANUS_KEEP_PRIVATE_HOST$JANUS_ADMIN_WS" in *[!a-z]*) fail "booleans must be true or false" ;; esac
case "$JANUS_ICE_LITE" in '' | true | false) ;; *) fail "JANUS_ICE_LITE must be true or false" ;; esac
[ -z "$JANUS_TURN_SERVER" ] || [ -z "$JANUS_TURN_REST_API" ] || fail "set JANUS_TURN_SERVER or JANUS_TURN_REST_API, not both"
[ -n "$JANUS_WS_PORT$JANUS_WS_UNIX" ] || fail "set JANUS_WS_PORT or JANUS_WS_UNIX"

vars=
for name in JANUS_API_SECRET JANUS_ADMIN_SECRET JANUS_ROOM_ADMIN_KEY JANUS_CONFIG_DIR JANUS_LIB_DIR JANUS_DEBUG_LEVEL JANUS_EVENT_LOOPS \
	JANUS_SERVER_NAME JANUS_SESSION_TIMEOUT JANUS_RTP_PORT_RANGE JANUS_SLOWLINK_THRESHOLD JANUS_STUN_SERVER JANUS_STUN_PORT \
	JANUS_NAT_1_1_MAPPING JANUS_KEEP_PRIVATE_HOST JANUS_ICE_LITE JANUS_TURN_SERVER JANUS_TURN_PORT JANUS_TURN_TYPE JANUS_TURN_USER \
	JANUS_TURN_PASSWORD JANUS_TURN_REST_API JANUS_TURN_REST_API_KEY JANUS_ICE_ENFORCE_LIST JANUS_ICE_IGNORE_LIST \
	JANUS_WS_UNIX JANUS_WS_PORT JANUS_WS_IP JANUS_WS_ACL JANUS_ADMIN_WS JANUS_ADMIN_WS_UNIX JANUS_ADMIN_WS_PORT \
	JANUS_ADMIN_WS_IP JANUS_DTLS_CERT JANUS_DTLS_KEY; do
	eval "value=\${$name:-}"
	check_value "$name" "$value"
	export "$name=$value"
	vars="$vars \${$name}"
done

render() {
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in
			'#?'*)
				name=${line#'#?'}
				name=${name%%[!A-Z0-9_]*}
				eval "value=\${$name:-}"
				[ -n "$value" ] || continue
				line=${line#"#?$name"}
				;;
		esac
		printf '%s\n' "$line"
	done <"$1" | envsubst "$vars" >"$2"
}

mkdir -p "$out"
umask 077
for template in "$templates"/*.jcfg; do
	render "$template" "$out/$(basename "$template")"
done
