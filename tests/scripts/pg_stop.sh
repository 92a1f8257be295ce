#!/usr/bin/env bash
set -uo pipefail
dir=$1
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[[ -f $dir/data/postmaster.pid ]] || exit 0
if [[ $(id -u) -eq 0 ]]; then
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
else
  "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
fi
