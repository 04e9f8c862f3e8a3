#!/usr/bin/env bash
# Start PostgreSQL and Redis on 127.0.0.1 when they are down, then prove both answer.
set -euo pipefail

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "PostgreSQL is down: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "Redis is down: starting it"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi

for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p 5432 && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    exit 0
  fi
  sleep 1
done
echo "PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) did not come up: the tests need both." >&2
exit 1
