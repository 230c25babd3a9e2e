#!/usr/bin/env bash
# Deletes JetStream streams by name, speaking the NATS protocol over bash's /dev/tcp (no nats CLI
# needed): a request to $JS.API.STREAM.DELETE.<name>. For the benchmark scripts' clean-up.
#
#   scripts/nats-delete-stream.sh nats://127.0.0.1:4222 NAME...
set -euo pipefail
URL=${1:?give the NATS URL (nats://HOST:PORT)}
shift
HOSTPORT=${URL#nats://}
HOST=${HOSTPORT%:*}
PORT=${HOSTPORT##*:}
for name in "$@"; do
  exec 3<>"/dev/tcp/$HOST/$PORT"
  printf 'CONNECT {"verbose":false}\r\nSUB _INBOX.delete 1\r\nPUB $JS.API.STREAM.DELETE.%s _INBOX.delete 0\r\n\r\nPING\r\n' "$name" >&3
  if timeout 2 cat <&3 | grep -q '"success":true'; then echo "deleted stream $name"; else echo "stream $name: not deleted"; fi
  exec 3>&-
done
