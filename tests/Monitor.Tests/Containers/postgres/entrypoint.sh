#!/bin/sh
set -e
VERSION=$(ls /usr/lib/postgresql)
exec runuser -u postgres -- /usr/lib/postgresql/$VERSION/bin/postgres \
  -D /var/lib/postgresql/$VERSION/main -c config_file=/etc/postgresql/$VERSION/main/postgresql.conf
