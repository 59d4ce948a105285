#!/bin/sh
# Render the configuration from the environment (fails on missing or default secrets), then run Janus in the foreground.
set -eu
config=$(mktemp -d /tmp/janus-config.XXXXXX)
/opt/parley-janus/render-config.sh "$config"
exec janus -C "$config/janus.jcfg" -F "$config" "$@"
