#!/usr/bin/env bash
# Installs, from Debian's packages, the programs the tests use outside the JVM, and starts the services
# among them on 127.0.0.1. Idempotent: what is already installed or running is left as it is.
set -euo pipefail

# Debian packages the tests need beyond the JDK, Maven and Node.js the machine provides: PostgreSQL and
# Redis for the scale-out providers' tests, Chromium for the web page's browser tests, OpenSSL for the
# certificates of the TLS tests.
PACKAGES=(postgresql redis-server chromium openssl)

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    echo "installing ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Services, on 127.0.0.1 only. Everything below is idempotent: a running service is left as it is.
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

# PostgreSQL, for im-storage-postgres's tests. Debian's cluster tools run the server as the postgres user
# (it refuses to run as root), listening on localhost. The database and role are the ones the tests look
# for by default (see im-storage-postgres's PostgresTestDatabase): jdbc:postgresql://127.0.0.1:5432/parley_test,
# user parley, password parley; test credentials for a loopback-only server.
pg_test_db=parley_test
pg_test_user=parley
pg_test_password=parley
if ! pg_lsclusters --no-header 2>/dev/null | grep -q .; then
    pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    echo "creating PostgreSQL $pg_version cluster main"
    as_root pg_createcluster "$pg_version" main
fi
pg_lsclusters --no-header | while read -r version cluster port status _; do
    if [[ $status != online* ]]; then
        echo "starting PostgreSQL $version/$cluster on port $port"
        as_root pg_ctlcluster "$version" "$cluster" start
    fi
done
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
done
pg_isready -h 127.0.0.1 -p 5432
as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<SQL
SELECT 'CREATE ROLE $pg_test_user LOGIN PASSWORD ''$pg_test_password'''
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$pg_test_user') \gexec
SELECT 'CREATE DATABASE $pg_test_db OWNER $pg_test_user'
    WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$pg_test_db') \gexec
SQL

# Redis, for the cluster provider's tests: Debian's init script runs it as the redis user on 127.0.0.1:6379.
if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
    echo "starting Redis on 127.0.0.1:6379"
    as_root service redis-server start \
        || as_root redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no
    for _ in $(seq 1 30); do
        redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && break
        sleep 1
    done
fi
redis-cli -h 127.0.0.1 -p 6379 ping
