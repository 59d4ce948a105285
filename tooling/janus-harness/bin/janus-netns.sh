#!/bin/sh
# Run a whole command (a test run, the signaling service, Chromium...) in a private network namespace where Janus' ICE
# works: `lo` up plus an ICE interface holding 127.0.0.2/32 and 198.18.0.1/24 (RFC 2544's test range) with the
# default route. Janus never gathers on `lo`, so it needs that second interface; Chromium gathers on it too. Firefox
# gathers only on the interface of the default route and skips loopback addresses there: without the route and a
# non-loopback address it offers no candidate at all. Nothing inside can reach (or be reached from) the host network.
#   usage (as root): janus-netns.sh <command> [args...]
# Inside, PARLEY_NETNS_ICE_INTERFACE names the interface (startJanus() picks it up).
set -eu
[ "$#" -gt 0 ] || { echo "usage: janus-netns.sh <command> [args...]" >&2; exit 64; }
exec unshare --net -- sh -c '
	set -eu
	ip link set lo up
	# NOTE: some kernels lack the dummy module; a veth pair with both ends inside works the same.
	ip link add pj0 type dummy 2>/dev/null || { ip link add pj0 type veth peer name pj0peer && ip link set pj0peer up; }
	ip addr add 127.0.0.2/32 dev pj0
	ip addr add 198.18.0.1/24 dev pj0
	ip link set pj0 up
	ip route add default dev pj0
	export PARLEY_NETNS_ICE_INTERFACE=pj0
	exec "$@"
' janus-netns "$@"
