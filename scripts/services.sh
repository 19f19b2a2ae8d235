#!/usr/bin/env bash
# Local servers for Parley's integration tests and for trying the real adapters, on loopback only:
#   scripts/services.sh up | down | status | env | stop NAME | start NAME   (NAME: redis, rabbitmq, mongo, postgres, s3)
# Installs what is missing (Debian packages, a Go build of FerretDB, s3rver from npm), then starts:
#   MongoDB wire protocol  FerretDB v1.24.2 on PostgreSQL             127.0.0.1:27017
#   PostgreSQL             Debian postgresql (FerretDB's backend)     127.0.0.1:5433 (its own cluster,
#                          not the Debian service's)
# PARLEY_FERRETDB_BACKEND=sqlite runs FerretDB on its SQLite backend instead (no PostgreSQL).
#   Redis                  redis-server                              127.0.0.1:6379
#   RabbitMQ               rabbitmq-server                           127.0.0.1:5672
#   S3                     s3rver (npm)                              127.0.0.1:4569
# Idempotent: running `up` again leaves running servers alone. `env` prints the URLs to export.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${PARLEY_SERVICES_DIR:-$ROOT/.services}"
FERRET_VERSION="v1.24.2"
FERRET_BACKEND="${PARLEY_FERRETDB_BACKEND:-pg}"
MONGO_PORT=27017 PG_PORT=5433 REDIS_PORT=6379 AMQP_PORT=5672 S3_PORT=4569
mkdir -p "$DIR/logs"

log() { printf '[services] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # port name seconds
  for _ in $(seq 1 "$3"); do listening "$1" && return 0; sleep 1; done
  log "$2 did not start; see $DIR/logs"; return 1
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$DIR/logs/apt.log" 2>&1
}

# FerretDB from the Go module proxy. Built via `go mod vendor` because the module lacks the generated
# build/version/version.txt that its binary needs; we write it, then build from the vendor tree.
ferretdb_bin() {
  local bin="$DIR/bin/ferretdb"
  if [ ! -x "$bin" ]; then
    log "building FerretDB $FERRET_VERSION with $(go version | cut -d' ' -f3) (a minute or two)"
    local build="$DIR/ferretdb-build"
    rm -rf "$build" && mkdir -p "$build" "$DIR/bin"
    (
      cd "$build"
      go mod init parley/ferretdb-build >/dev/null 2>&1
      go get -tool "github.com/FerretDB/FerretDB/cmd/ferretdb@$FERRET_VERSION" >"$DIR/logs/ferretdb-build.log" 2>&1
      printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/FerretDB/FerretDB/cmd/ferretdb"\n' > tools.go
      go mod vendor >>"$DIR/logs/ferretdb-build.log" 2>&1
      echo "$FERRET_VERSION" > vendor/github.com/FerretDB/FerretDB/build/version/version.txt
      go build -mod=vendor -o "$bin" github.com/FerretDB/FerretDB/cmd/ferretdb >>"$DIR/logs/ferretdb-build.log" 2>&1
    )
  fi
  echo "$bin"
}

# A dedicated PostgreSQL cluster for FerretDB, with its data under /tmp (the postgres user must own it and
# reach it; the repository may sit in a directory it cannot enter). Reused across starts, like FerretDB data.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
up_postgres() {
  listening $PG_PORT && return 0
  apt_install postgresql
  local bin data
  bin="$(pg_bin)"
  data="/tmp/parley-pg-$(echo "$DIR" | md5sum | cut -c1-8)"
  echo "$data" > "$DIR/pg.dir"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data" && chmod 700 "$data"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust >"$DIR/logs/initdb.log" 2>&1
  fi
  log "starting PostgreSQL on $PG_PORT"
  as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=250" start >/dev/null
  as_pg "$bin/psql" -h 127.0.0.1 -p $PG_PORT -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ferretdb'" | grep -q 1 ||
    as_pg "$bin/createdb" -h 127.0.0.1 -p $PG_PORT -U postgres ferretdb
}

up_mongo() {
  listening $MONGO_PORT && return 0
  local bin; bin="$(ferretdb_bin)"
  mkdir -p "$DIR/ferretdb-data"
  # FerretDB's PostgreSQL pool defaults to 50 connections, and some of its operations take a second
  # connection while holding one: with 50 operations in flight it deadlocks. A larger pool (and clients
  # that cap their own pools, see connectMongo) keeps it far from that.
  local backend=(--handler=pg --postgresql-url="postgres://postgres@127.0.0.1:$PG_PORT/ferretdb?pool_max_conns=180")
  if [ "$FERRET_BACKEND" = sqlite ]; then
    backend=(--handler=sqlite --sqlite-url="file:$DIR/ferretdb-data/")
  else
    up_postgres
  fi
  log "starting FerretDB ($FERRET_BACKEND backend) on $MONGO_PORT"
  nohup "$bin" "${backend[@]}" --listen-addr="127.0.0.1:$MONGO_PORT" \
    --telemetry=disable --log-level=warn --state-dir="$DIR/ferretdb-data" >"$DIR/logs/ferretdb.log" 2>&1 &
  echo $! > "$DIR/ferretdb.pid"
  wait_for $MONGO_PORT FerretDB 60
}

up_redis() {
  listening $REDIS_PORT && return 0
  apt_install redis-server
  log "starting Redis on $REDIS_PORT"
  redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$DIR/redis.pid" --logfile "$DIR/logs/redis.log"
  wait_for $REDIS_PORT Redis 30
}

# A dedicated RabbitMQ node (parley@localhost) with fresh state in a new directory on every start, so no
# queues left over from earlier runs slow its boot; the Debian service's own node is not used.
RABBIT_NODE="parley@localhost"
up_rabbitmq() {
  listening $AMQP_PORT && return 0
  apt_install rabbitmq-server
  local state
  if [ -n "${RABBIT_KEEP_STATE:-}" ] && [ -f "$DIR/rabbitmq.dir" ] && [ -d "$(cat "$DIR/rabbitmq.dir")" ]; then
    state="$(cat "$DIR/rabbitmq.dir")" # a restart (`start rabbitmq`) keeps its durable queues and messages
  else
    state="$(mktemp -d /tmp/parley-rabbitmq.XXXXXX)"
    chmod 755 "$state"
    mkdir -p "$state/mnesia" "$state/log"
    chown -R rabbitmq:rabbitmq "$state" 2>/dev/null || true
    echo "$state" > "$DIR/rabbitmq.dir"
  fi
  log "starting RabbitMQ ($RABBIT_NODE) on $AMQP_PORT"
  RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$AMQP_PORT \
    RABBITMQ_DIST_PORT=25673 RABBITMQ_MNESIA_BASE="$state/mnesia" RABBITMQ_LOG_BASE="$state/log" \
    RABBITMQ_PID_FILE="$state/pid" RABBITMQ_ENABLED_PLUGINS_FILE="$state/enabled_plugins" \
    rabbitmq-server -detached >"$DIR/logs/rabbitmq.log" 2>&1 || true
  wait_for $AMQP_PORT RabbitMQ 120
}

up_s3() {
  listening $S3_PORT && return 0
  [ -x "$ROOT/node_modules/.bin/s3rver" ] || (cd "$ROOT" && npm ci --no-audit --no-fund >/dev/null)
  # One data directory whichever checkout starts it (like PostgreSQL's), so a restart keeps the buckets.
  local data="${PARLEY_S3_DIR:-/tmp/parley-s3-data}"
  mkdir -p "$data"
  log "starting s3rver on $S3_PORT"
  nohup "$ROOT/node_modules/.bin/s3rver" --directory "$data" --address 127.0.0.1 --port $S3_PORT --silent \
    >"$DIR/logs/s3rver.log" 2>&1 &
  echo $! > "$DIR/s3rver.pid"
  wait_for $S3_PORT s3rver 30
}

print_env() {
  cat <<EOV
export MONGO_URL=mongodb://127.0.0.1:$MONGO_PORT/parley
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT
export AMQP_URL=amqp://guest:guest@127.0.0.1:$AMQP_PORT
export S3_ENDPOINT=http://127.0.0.1:$S3_PORT
export S3_BUCKET=parley
export S3_ACCESS_KEY_ID=S3RVER
export S3_SECRET_ACCESS_KEY=S3RVER
export S3_FORCE_PATH_STYLE=true
export S3_REGION=us-east-1
export RABBITMQ_NODENAME=$RABBIT_NODE
EOV
}

status() {
  for svc in "FerretDB:$MONGO_PORT" "PostgreSQL:$PG_PORT" "Redis:$REDIS_PORT" "RabbitMQ:$AMQP_PORT" "s3rver:$S3_PORT"; do
    if listening "${svc#*:}"; then echo "${svc%%:*} up on ${svc#*:}"; else echo "${svc%%:*} down"; fi
  done
}

down() {
  for pidfile in "$DIR/ferretdb.pid" "$DIR/s3rver.pid" "$DIR/redis.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  if [ -f "$DIR/pg.dir" ] && [ -n "$(pg_bin)" ]; then as_pg "$(pg_bin)/pg_ctl" -D "$(cat "$DIR/pg.dir")" -m fast stop >/dev/null 2>&1 || true; fi
  command -v rabbitmqctl >/dev/null && RABBITMQ_NODENAME="$RABBIT_NODE" as_root rabbitmqctl stop >/dev/null 2>&1 || true
  if [ -f "$DIR/rabbitmq.dir" ]; then rm -rf "$(cat "$DIR/rabbitmq.dir")" "$DIR/rabbitmq.dir"; fi
  status
}

# Stops one service (fault tests take a server away and bring it back): redis, rabbitmq, mongo (FerretDB;
# its PostgreSQL stays), postgres, s3. Waits until its port is closed.
stop_one() {
  local port
  case "${1:-}" in
    redis) port=$REDIS_PORT ;;
    mongo) port=$MONGO_PORT ;;
    s3) port=$S3_PORT ;;
    postgres) port=$PG_PORT ;;
    rabbitmq) port=$AMQP_PORT ;;
    *) echo "usage: $0 stop|start redis|rabbitmq|mongo|postgres|s3" >&2; exit 2 ;;
  esac
  case "$1" in
    postgres) as_pg "$(pg_bin)/pg_ctl" -D "$(cat "$DIR/pg.dir")" -m fast stop >/dev/null 2>&1 || true ;;
    rabbitmq) RABBITMQ_NODENAME="$RABBIT_NODE" as_root rabbitmqctl stop >/dev/null 2>&1 || true ;;
    # Whoever started it (this checkout or another): the process listening on the port, until it is gone
    # (a server that closes its listener first may still be serving open connections).
    *) local pids; pids="$(lsof -t -iTCP:"$port" -sTCP:LISTEN 2>/dev/null || true)"
       for pid in $pids; do kill "$pid" 2>/dev/null || true; done
       for pid in $pids; do for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; done ;;
  esac
  rm -f "$DIR/$([ "$1" = mongo ] && echo ferretdb || { [ "$1" = s3 ] && echo s3rver || echo "$1"; }).pid"
  for _ in $(seq 1 100); do listening "$port" || { log "$1 stopped"; return 0; }; sleep 0.1; done
  echo "$1 did not stop" >&2; exit 1
}

start_one() {
  case "${1:-}" in
    redis) up_redis ;;
    mongo) up_mongo ;;
    s3) up_s3 ;;
    postgres) up_postgres ;;
    rabbitmq) RABBIT_KEEP_STATE=1 up_rabbitmq ;;
    *) echo "usage: $0 stop|start redis|rabbitmq|mongo|postgres|s3" >&2; exit 2 ;;
  esac
}

case "${1:-}" in
  stop) stop_one "${2:-}" ;;
  start) start_one "${2:-}" ;;
  up)
    # Debian packages first, one apt run (dpkg takes a lock), then start everything side by side.
    pkgs=(redis-server rabbitmq-server); [ "$FERRET_BACKEND" = sqlite ] || pkgs+=(postgresql)
    listening $REDIS_PORT && listening $AMQP_PORT && listening $PG_PORT || apt_install "${pkgs[@]}"
    up_redis & r=$!
    up_rabbitmq & q=$!
    up_mongo
    wait $r
    wait $q
    up_s3
    status ;;
  down) down ;;
  status) status ;;
  env) print_env ;;
  *) echo "usage: $0 up|down|status|env|stop NAME|start NAME" >&2; exit 2 ;;
esac
