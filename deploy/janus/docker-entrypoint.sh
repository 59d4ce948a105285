#!/bin/sh
# Render the configuration from the environment (fails on missing or default secrets), then run Janus in the foreground.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)

# In a container Janus only sees its private address; without the public one in its candidates browsers send media
# nowhere and calls stay silent. Also accepts coturn's TURN_EXTERNAL_IP form "public/private" (compose falls back
# to it): the private part is dropped, Janus wants the public address(es) only.
mapping=$(printf '%s' "${JANUS_NAT_1_1_MAPPING:-}" | sed 's#/[^,]*##g')
case "$mapping" in
	'') echo "janus: set JANUS_NAT_1_1_MAPPING (with docker compose: or TURN_EXTERNAL_IP) to this server's public IP address" >&2; exit 64 ;;
	*[!0-9A-Fa-f.:,]*) echo "janus: JANUS_NAT_1_1_MAPPING must be IP addresses, comma-separated (got '$mapping')" >&2; exit 64 ;;
esac
export JANUS_NAT_1_1_MAPPING="$mapping"

# render-config.sh defaults to the amd64 library path; find the package's own on other architectures (arm64).
if [ -z "${JANUS_LIB_DIR:-}" ]; then
	for dir in /usr/lib/*/janus; do [ -d "$dir/plugins" ] && { export JANUS_LIB_DIR="$dir"; break; }; done
fi

config=$(mktemp -d /tmp/janus-config.XXXXXX)
"$here/render-config.sh" "$config"
exec janus -C "$config/janus.jcfg" -F "$config" "$@"
