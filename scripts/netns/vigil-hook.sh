#!/bin/bash
# failover.py's hook for Vigil (see vigilnet.py, "bench hooks"); the topology's state directory
# comes in VIGILNET_STATE.
exec python3 "$(dirname "$0")/vigilnet.py" "$1" --state "${VIGILNET_STATE:?}" "${@:2}"
