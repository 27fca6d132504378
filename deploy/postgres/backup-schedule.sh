#!/bin/sh
# The backup runner beside PostgreSQL (compose service `backup`, the StatefulSet's `backup`
# container): same data folder and socket, pgBackRest's settings from /etc/pgbackrest and its
# secrets from the environment. Creates the stanza once, then backs up every day at
# BACKUP_AT_UTC: a full backup on Sundays, a differential one otherwise (the first one is full
# whatever the day). pgBackRest expires what falls out of retention after each backup.
set -eu
at="${BACKUP_AT_UTC:-01:30}"
until pg_isready -q -h /var/run/postgresql; do sleep 2; done
pgbackrest --stanza=crisis stanza-create
while :; do
  now=$(date -u +%s)
  next=$(date -u -d "$(date -u +%F) $at" +%s)
  [ "$next" -gt "$now" ] || next=$((next + 86400))
  sleep $((next - now))
  if [ "$(date -u +%u)" = 7 ]; then type=full; else type=diff; fi
  # A failed night is logged and tried again the next; the orchestrator's log alerting sees it.
  pgbackrest --stanza=crisis --type="$type" backup || echo "pgBackRest $type backup failed" >&2
done
