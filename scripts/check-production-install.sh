#!/usr/bin/env bash
# Installs the production dependency set (what the Dockerfile keeps: npm ci --omit=dev) of the built tree
# in a temporary directory and starts the API and the worker from it, on the real services when their
# URLs are set (eval "$(scripts/services.sh env)"), else embedded. Fails if either does not come up,
# e.g. because a package imports something it does not declare.
#   npm run build && bash scripts/check-production-install.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/parley-prod-install.XXXXXX)"
api_pid=""; worker_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true
  [ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for app in apps/api apps/worker; do
  [ -f "$root/$app/dist/main.js" ] || { echo "build first (npm run build): $app/dist/main.js is missing" >&2; exit 1; }
done

echo "== production install in $work"
# The tree the image copies, with the build output and without anything installed or generated locally.
tar -C "$root" --exclude=node_modules --exclude=.git --exclude=.services --exclude=.data --exclude='*.tsbuildinfo' -cf - . | tar -C "$work" -xf -
(cd "$work" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
for dev in typescript vitest tsx @cucumber/cucumber; do
  [ ! -e "$work/node_modules/$dev" ] || { echo "dev dependency $dev was installed: not a production set" >&2; exit 1; }
done

port="$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")"
secret="production-install-check-$(date +%s%N)"
common=(NODE_ENV=production "JWT_SECRET=${secret}-jwt-0123456789abcdef" "BLOB_URL_SECRET=${secret}-blob-0123456789abcdef"
  CORS_ORIGINS=http://localhost LOG_LEVEL=warn "DATA_DIR=$work/.data" "REDIS_PREFIX=parley-prod-check:" "AMQP_PREFIX=parley-prod-check")
if [ -n "${MONGO_URL:-}" ]; then common+=("MONGO_URL=${MONGO_URL%/*}/parley_prod_check"); fi

echo "== API from the production install (port $port; adapters from the environment)"
(cd "$work" && exec env "${common[@]}" PORT="$port" PUBLIC_URL="http://127.0.0.1:$port" node apps/api/dist/main.js > "$work/api.log" 2>&1) &
api_pid=$!
ready=""
for _ in $(seq 1 150); do
  if ! kill -0 "$api_pid" 2>/dev/null; then break; fi
  if curl -fsS "http://127.0.0.1:$port/ready" > /dev/null 2>&1; then ready=1; break; fi
  sleep 0.2
done
if [ -z "$ready" ]; then echo "the API did not become ready:" >&2; cat "$work/api.log" >&2; exit 1; fi
curl -fsS "http://127.0.0.1:$port/ready"; echo

echo "== worker from the production install"
(cd "$work" && exec env "${common[@]}" node apps/worker/dist/main.js > "$work/worker.log" 2>&1) &
worker_pid=$!
started=""
for _ in $(seq 1 150); do
  if ! kill -0 "$worker_pid" 2>/dev/null; then break; fi
  if grep -q "Parley worker consuming" "$work/worker.log"; then started=1; break; fi
  sleep 0.2
done
if [ -z "$started" ]; then echo "the worker did not start:" >&2; cat "$work/worker.log" >&2; exit 1; fi
head -2 "$work/worker.log"
echo "== production install: API and worker start"
