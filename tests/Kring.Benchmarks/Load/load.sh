#!/usr/bin/env bash
# The load benchmark: 500 concurrent users for 60 s against the embedded default (one process, SQLite, the Stein demo,
# plus 100 volunteers signed up through the API), driven by wrk from Debian's packages with the request mix in mix.lua. It prints wrk's figures: throughput, latency
# percentiles and every response by operation and status. A benchmark, not a test: it asserts nothing.
#
#   bash tests/Kring.Benchmarks/Load/load.sh [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../../.."
connections="${1:-500}"
seconds="${2:-60}"
port="${KRING_LOAD_PORT:-5180}"
base="http://127.0.0.1:$port"

if ! command -v wrk > /dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk
fi
# 500 sockets for wrk and as many for the server.
ulimit -n 65536 2> /dev/null || true

data="$(mktemp -d)"
log="$data/web.log"
dotnet build src/Kring.Web -c Release -nologo -clp:ErrorsOnly > /dev/null
ASPNETCORE_ENVIRONMENT=Production dotnet src/Kring.Web/bin/Release/net10.0/Kring.Web.dll \
  --urls "$base" --contentRoot "$PWD/src/Kring.Web" --Kring:Demo=true --Kring:DataDirectory="$data" --Kring:Security:SignIn:PermitLimit=10000 \
  --Kring:Limits:WritesPerMinute=1000000 > "$log" 2>&1 &
web=$!
mkdir -p artifacts/load
trap 'kill $web 2> /dev/null; wait $web 2> /dev/null; cp "$log" artifacts/load/web.log; rm -rf "$data"' EXIT

for _ in $(seq 1 180); do
  curl -fs "$base/health/ready" > /dev/null 2>&1 && break
  kill -0 $web 2> /dev/null || { cat "$log"; exit 1; }
  sleep 1
done
curl -fs "$base/health/ready" > /dev/null || { echo "the web did not become ready"; tail -50 "$log"; exit 1; }

token() {
  curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"kring-demo\"}" "$base/api/v1/session" |
    sed -E 's/.*"token":"([^"]+)".*/\1/'
}
export KRING_TOKEN_CONTACT="$(token dorp-elsloo)"
export KRING_TOKEN_CONSULTANT="$(token consulent)"

# The volunteers: the coordinator signs up $volunteers of them through the API, spread over the villages, and each
# activates their account once: signs in with the activation code and chooses a password (the sign-in limit per address
# is raised above for this, since all of them come from one address; the per-user write rate is raised too, since one
# consultant token files every request of the mix).
volunteers="${KRING_LOAD_VOLUNTEERS:-100}"
coordinator="$(token coordinator)"
villages=(elsloo stein urmond berg-aan-de-maas meers catsop nattenhoven nieuwdorp kerensheide maasband)
export KRING_VOLUNTEER_TOKENS="$data/volunteer-tokens"
for i in $(seq 1 "$volunteers"); do
  created="$(curl -fs -H "Authorization: Bearer $coordinator" -H 'Content-Type: application/json' \
    -d "{\"userName\":\"last-$i\",\"displayName\":\"Lasttest $i\",\"village\":\"${villages[$((i % ${#villages[@]}))]}\",\"kinds\":[\"buddy\",\"respite\"],\"skills\":[\"dementia\",\"mobility\",\"parkinson\"],\"maxKm\":15}" \
    "$base/api/v1/partners/piw/volunteers")"
  id="$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<< "$created")"
  code="$(sed -E 's/.*"activationCode":"([^"]+)".*/\1/' <<< "$created")"
  activating="$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"last-$i\",\"password\":\"$code\"}" "$base/api/v1/session" |
    sed -E 's/.*"token":"([^"]+)".*/\1/')"
  session="$(curl -fs -X PUT -H "Authorization: Bearer $activating" -H 'Content-Type: application/json' \
    -d "{\"currentPassword\":\"$code\",\"newPassword\":\"Belasting-proef-$i-Maas\"}" "$base/api/v1/me/password")"
  echo "$id $(sed -E 's/.*"token":"([^"]+)".*/\1/' <<< "$session")" >> "$KRING_VOLUNTEER_TOKENS"
done
echo "signed up and signed in $(wc -l < "$KRING_VOLUNTEER_TOKENS") volunteers"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up: 50 connections for 10 s"
wrk -t2 -c50 -d10s --timeout 10s -s tests/Kring.Benchmarks/Load/mix.lua "$base" > /dev/null
echo "run: $connections connections for $seconds s"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s tests/Kring.Benchmarks/Load/mix.lua "$base"
echo "web process at the end: $(ps -o rss= -p $web | awk '{printf "%.0f MiB resident", $1/1024}')"
echo "warnings and errors in its log (artifacts/load/web.log), by category:"
grep -E '^(fail|crit|warn):' "$log" | sort | uniq -c | sort -rn | head -10 || true
