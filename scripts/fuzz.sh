#!/usr/bin/env bash
# Fuzzes the REST API against its own OpenAPI document with schemathesis (--checks all), twice: with the fixed seed
# (FUZZ_SEED) and with one drawn for the run (printed; FUZZ_RANDOM_SEED replays it), each on a fresh embedded server
# with real data made by scripts/fuzz-seed.mjs, the fuzzer an admin. Fails on any schemathesis failure, if an
# operation never answered 2xx and is not listed with its reason in scripts/fuzz-unreached.txt
# (scripts/fuzz-reach.mjs), or if fewer than FUZZ_MIN_CASES cases ran; then fuzzes the Bot API's document, sends hostile bodies to every operation and the
# socket (scripts/fuzz-hostile.mjs), and fuzzes the socket's commands (scripts/fuzz-socket.mjs).
#   npm run build && bash scripts/fuzz.sh            (FUZZ_SECONDS=240 by default, half per seed)
# schemathesis comes from PyPI into .services/schemathesis (a virtualenv), pinned.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${FUZZ_SECONDS:-240}"
min_cases="${FUZZ_MIN_CASES:-1000}"
venv="$root/.services/schemathesis"
version="4.32.5"
work="$(mktemp -d /tmp/parley-fuzz.XXXXXX)"
api_pid=""
# FUZZ_KEEP=1 keeps the run's directory (the HAR reports, the server's log, the configuration) to look into.
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true
  if [ -n "${FUZZ_KEEP:-}" ]; then echo "== kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
  echo "== installing schemathesis $version from PyPI into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi

# A fresh embedded server with its people, a bot and real data, for each run (a run removes what it acts on).
start_fresh() {
  if [ -n "$api_pid" ]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
  port="$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")"
  url="http://127.0.0.1:$port"
  echo "== embedded API on $url"
  rm -rf "$work/data"
  # Embedded adapters whatever the shell points at; limits raised so the fuzzer is not just rate limited.
  (cd "$root" && exec env -u MONGO_URL -u REDIS_URL -u AMQP_URL -u S3_BUCKET PORT="$port" HOST=127.0.0.1 PUBLIC_URL="$url" \
    WEB_CLIENT=false LOG_LEVEL=error BCRYPT_ROUNDS=4 DATA_DIR="$work/data" REQUESTS_PER_IP_PER_MINUTE=100000000 \
    SEND_RATE_PER_SECOND=1000000 ADMIN_EMAILS=fuzzer@example.com LOGIN_ATTEMPTS_PER_15_MIN=100000000 \
    LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR=100000000 LOGIN_FAILURES_PER_IP_PER_HOUR=100000000 \
    node apps/api/dist/main.js > "$work/api.log" 2>&1) &
  api_pid=$!
  for _ in $(seq 1 150); do
    curl -fsS "$url/ready" > /dev/null 2>&1 && break
    kill -0 "$api_pid" 2>/dev/null || { cat "$work/api.log" >&2; exit 1; }
    sleep 0.2
  done

  # The fuzzer is an admin (ADMIN_EMAILS), so the staff routes are fuzzed too.
  token="$(curl -fsS -X POST "$url/api/v1/auth/register" -H 'content-type: application/json' \
    -d '{"email":"fuzzer@example.com","username":"fuzzer","password":"correct horse battery"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')"

  # A bot for the Bot API's document (its token fills the {token} of every Bot API path, scripts/schemathesis.toml),
  # owned by a person of its own, made before the REST run: the fuzzer, another person, cannot renew its token
  # (it renews the tokens of the bots it owns), and the REST run spends the sign-ups allowed from this address.
  owner="$(curl -fsS -X POST "$url/api/v1/auth/register" -H 'content-type: application/json' \
    -d '{"email":"bot-owner@example.com","username":"bot_owner","password":"correct horse battery"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')"
  PARLEY_BOT_TOKEN="$(curl -fsS -X POST "$url/api/v1/bots" -H 'content-type: application/json' \
    -H "Authorization: Bearer $owner" -d '{"username":"fuzzer_api_bot"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')"
  export PARLEY_BOT_TOKEN

  # Real data for every operation: the seeding pins each operation's ids in a configuration of this run's own.
  echo "== seeding real data (scripts/fuzz-seed.mjs)"
  node "$root/scripts/fuzz-seed.mjs" "$url" "$token" 'correct horse battery' > "$work/seed.toml"
  cat "$root/scripts/schemathesis.toml" "$work/seed.toml" > "$work/schemathesis.toml"
  curl -fsS "$url/api/openapi.json" > "$work/openapi.json"
}

# ensure_resource_availability is off: it takes a pinned path parameter (scripts/fuzz-seed.mjs) for one a link
# carried, so a 404 for the pinned thing (removed earlier in the run) read as "the thing POST just made is not found".
# Two runs: the fixed seed (FUZZ_SEED), then one drawn for this run (printed, to replay it), each for half the time.
random_seed="${FUZZ_RANDOM_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
total_cases=0
for seed in "${FUZZ_SEED:-20261125}" "$random_seed"; do
  start_fresh
  echo "== schemathesis --checks all for $((seconds / 2))s, seed $seed"
  set +e
  (cd "$work" && "$venv/bin/schemathesis" --config-file "$work/schemathesis.toml" run "$url/api/openapi.json" \
    --checks all --exclude-checks ensure_resource_availability \
    --max-time "$((seconds / 2))" --workers 1 --seed "$seed" --no-color \
    --report har --report-har-path "$work/report-$seed.har" \
    -H "Authorization: Bearer $token" 2>&1 | tee "$work/report.txt" | sed -E 's/^=+ (.*) =+$/-- \1 --/')
  status=${PIPESTATUS[0]}
  set -e
  cases="$(grep -Eo '[0-9]+ generated' "$work/report.txt" | tail -1 | grep -Eo '[0-9]+' || echo 0)"
  total_cases=$((total_cases + cases))
  # (schemathesis's closing "=== N warnings in Ns ===" banner reads like a pytest run of no test: rewritten above)
  echo "== schemathesis (seed $seed): exit $status, $cases test cases"
  if [ "$status" -ne 0 ]; then
    echo "== the server's log (last 40 lines)"; tail -n 40 "$work/api.log"
    kill -0 "$api_pid" 2>/dev/null || echo "(the server process is gone)"
    echo "replay: FUZZ_SEED=$seed bash scripts/fuzz.sh"; exit "$status"
  fi
  # Every operation answered 2xx at least once in this run, or is listed in scripts/fuzz-unreached.txt with why not.
  node "$root/scripts/fuzz-reach.mjs" "$work/openapi.json" "$work/report-$seed.har"
done
echo "== schemathesis: $total_cases test cases over both seeds (at least $min_cases required)"
[ "$total_cases" -ge "$min_cases" ] || { echo "too few test cases: $total_cases" >&2; exit 1; }

bot_seconds="${FUZZ_BOT_SECONDS:-60}"
echo "== schemathesis --checks all on the Bot API (/api/bot-api.json) for ${bot_seconds}s"
set +e
(cd "$work" && "$venv/bin/schemathesis" --config-file "$root/scripts/schemathesis.toml" run "$url/api/bot-api.json" \
  --checks all --max-time "$bot_seconds" --workers 1 --seed "${FUZZ_SEED:-20261125}" --no-color \
  2>&1 | tee "$work/bot-report.txt" | sed -E 's/^=+ (.*) =+$/-- \1 --/')
status=${PIPESTATUS[0]}
set -e
bot_cases="$(grep -Eo '[0-9]+ generated' "$work/bot-report.txt" | tail -1 | grep -Eo '[0-9]+' || echo 0)"
echo "== schemathesis (Bot API): exit $status, $bot_cases test cases"
if [ "$status" -ne 0 ]; then tail -n 40 "$work/api.log"; exit "$status"; fi
[ "$bot_cases" -ge 100 ] || { echo "too few Bot API test cases: $bot_cases" >&2; exit 1; }
# What schemathesis does not generate: bodies nested thousands of levels, prototype keys, NUL, lone surrogates,
# huge numbers, non-objects, to every operation with a body and over the socket (each a 4xx with a code).
node "$root/scripts/fuzz-hostile.mjs" "$url" "$token"
kill -0 "$api_pid" 2>/dev/null || { echo "the server process died" >&2; tail -n 40 "$work/api.log"; exit 1; }
# The socket's commands against the AsyncAPI document, at rate, drawn and broken on purpose (the run's seed).
node "$root/scripts/fuzz-socket.mjs" "$url" "$token" "${FUZZ_SOCKET_SECONDS:-20}" "$random_seed"
kill -0 "$api_pid" 2>/dev/null || { echo "the server process died" >&2; tail -n 40 "$work/api.log"; exit 1; }
