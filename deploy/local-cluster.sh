#!/usr/bin/env bash
# A local Kring cluster on loopback: PostgreSQL, 3 silos and the web front end at http://127.0.0.1:5080, with the same
# demo data and accounts as the embedded default. The silos and the web speak mutual TLS with the cluster certificate
# $state/cluster.pfx, made on the first `up`. When Debian's `prometheus` package is installed, Prometheus scrapes the
# silos' and the web's /metrics and evaluates deploy/prometheus/alerts.yml, at http://127.0.0.1:9090.
#
#   deploy/local-cluster.sh up       build, start everything, wait until the web (and Prometheus) answers
#   deploy/local-cluster.sh status   one line per process: "silo-N PID" (and postgres, web, prometheus)
#   deploy/local-cluster.sh down     stop everything (data is kept in the state directory)
#   deploy/local-cluster.sh destroy  stop everything and delete the state directory
#
# Settings (environment): KRING_CLUSTER_DIR (state, default /tmp/kring-cluster), KRING_SILOS (default 3),
# KRING_PG_PORT (default 55432), KRING_WEB_PORT (default 5080), KRING_PROMETHEUS_PORT (default 9090).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state="${KRING_CLUSTER_DIR:-/tmp/kring-cluster}"
silos="${KRING_SILOS:-3}"
pg_port="${KRING_PG_PORT:-55432}"
web_port="${KRING_WEB_PORT:-5080}"
prom_port="${KRING_PROMETHEUS_PORT:-9090}"
prometheus=/usr/bin/prometheus
out="$root/artifacts/cluster"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
connection="Host=127.0.0.1;Port=$pg_port;Username=kring;Database=kring;Pooling=true;Timeout=5;Command Timeout=15"

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

postgres_up() {
  [ -n "$pg_bin" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
  mkdir -p "$state/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$state/pg"
  if [ ! -f "$state/pg/data/PG_VERSION" ]; then
    as_postgres "$pg_bin/initdb" -D "$state/pg/data" -A trust -U kring >/dev/null
  fi
  if ! as_postgres "$pg_bin/pg_ctl" -D "$state/pg/data" status >/dev/null 2>&1; then
    as_postgres "$pg_bin/pg_ctl" -D "$state/pg/data" -o "-p $pg_port -k $state/pg -c listen_addresses=127.0.0.1" -l "$state/pg/log" -w start >/dev/null
  fi
  as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U kring -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='kring'" | grep -q 1 \
    || as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U kring kring
}

start() { # name, pidfile, command...
  local name="$1"; shift
  if [ -f "$state/$name.pid" ] && kill -0 "$(cat "$state/$name.pid")" 2>/dev/null; then return; fi
  nohup "$@" >"$state/$name.log" 2>&1 &
  echo $! >"$state/$name.pid"
}

wait_for() { # url, seconds
  for _ in $(seq 1 "$2"); do curl -fs -o /dev/null "$1" && return 0; sleep 1; done
  echo "Timed out waiting for $1" >&2; return 1
}

# deploy/prometheus/prometheus.yml for this cluster: $silos silos, the web on $web_port, the rules of this checkout.
prometheus_config() {
  local targets="" n
  for n in $(seq 1 "$silos"); do targets+="${targets:+, }\"127.0.0.1:$((5090 + n))\""; done
  cat <<EOF
global:
  scrape_interval: 15s
  evaluation_interval: 15s

rule_files:
  - $root/deploy/prometheus/alerts.yml

scrape_configs:
  - job_name: kring-silo
    metrics_path: /metrics
    static_configs:
      - targets: [$targets]
  - job_name: kring-web
    metrics_path: /metrics
    static_configs:
      - targets: ["127.0.0.1:$web_port"]
EOF
}

prometheus_up() {
  if [ ! -x "$prometheus" ]; then
    echo "Prometheus is not installed ($prometheus), so the cluster runs without it: apt-get install -y prometheus" >&2
    return 0
  fi
  mkdir -p "$state/prometheus"
  prometheus_config >"$state/prometheus.yml"
  if [ -f "$state/prometheus.pid" ] && kill -0 "$(cat "$state/prometheus.pid")" 2>/dev/null; then
    # One left running by an earlier `up` rereads the config, which may name another number of silos.
    kill -HUP "$(cat "$state/prometheus.pid")"
  elif curl -fs -o /dev/null "http://127.0.0.1:$prom_port/-/ready"; then
    # Another Prometheus has the port (Debian's package starts its own service on 9090 where systemd runs).
    echo "Port $prom_port is taken by another Prometheus, so the cluster runs without its own: set KRING_PROMETHEUS_PORT" >&2
    return 0
  fi
  start prometheus "$prometheus" --config.file="$state/prometheus.yml" --storage.tsdb.path="$state/prometheus" \
    --web.listen-address="127.0.0.1:$prom_port"
  wait_for "http://127.0.0.1:$prom_port/-/ready" 60
  echo "Prometheus runs at http://127.0.0.1:$prom_port (alerts: http://127.0.0.1:$prom_port/alerts)"
}

up() {
  mkdir -p "$state"
  postgres_up
  dotnet build "$root/src/Kring.Web/Kring.Web.csproj" -c Release -o "$out" -nologo -clp:ErrorsOnly >/dev/null
  dotnet build "$root/src/Kring.Silo/Kring.Silo.csproj" -c Release -o "$out" -nologo -clp:ErrorsOnly >/dev/null
  # The cluster certificate every silo and the web show each other (mutual TLS); made once, kept with the state.
  dotnet "$out/Kring.Silo.dll" cluster-certificate "$state/cluster.pfx" >/dev/null
  export Kring__Demo=true Kring__PublicUrl="http://127.0.0.1:$web_port" Kring__Mode=Cluster Kring__PostgreSql="$connection" Kring__ClusterId=kring-local Kring__DataDirectory="$state/web"
  export Kring__ClusterTls__CertificatePath="$state/cluster.pfx"
  for n in $(seq 1 "$silos"); do
    Kring__SiloPort=$((11110 + n)) Kring__GatewayPort=$((30000 + n)) \
      start "silo-$n" dotnet "$out/Kring.Silo.dll" --urls "http://127.0.0.1:$((5090 + n))"
  done
  for n in $(seq 1 "$silos"); do wait_for "http://127.0.0.1:$((5090 + n))/health/ready" 120; done
  start web dotnet "$out/Kring.Web.dll" --urls "http://127.0.0.1:$web_port" --contentRoot "$root/src/Kring.Web"
  wait_for "http://127.0.0.1:$web_port/health/ready" 120
  echo "Kring runs at http://127.0.0.1:$web_port ($silos silos, PostgreSQL on port $pg_port, state in $state)"
  prometheus_up
}

status() {
  for pidfile in "$state"/silo-*.pid "$state"/web.pid "$state"/prometheus.pid; do
    [ -f "$pidfile" ] || continue
    local pid; pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then echo "$(basename "$pidfile" .pid) $pid"; else echo "$(basename "$pidfile" .pid) stopped"; fi
  done
  if [ -n "$pg_bin" ] && [ -f "$state/pg/data/postmaster.pid" ]; then echo "postgres $(head -n 1 "$state/pg/data/postmaster.pid")"; fi
}

down() {
  # SIGTERM, then wait: a silo leaving gracefully writes its departure to the membership table, so PostgreSQL must
  # stay up until the silos are gone. One that has not ended after 30 s is killed.
  local pids=()
  for pidfile in "$state"/prometheus.pid "$state"/web.pid "$state"/silo-*.pid; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null && pids+=("$pid")
    rm -f "$pidfile"
  done
  for _ in $(seq 1 60); do
    local running=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && running=1; done
    [ "$running" -eq 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [ -n "$pg_bin" ] && [ -f "$state/pg/data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$state/pg/data" -m fast stop >/dev/null || true
  fi
}

case "${1:-}" in
  up) up ;;
  status) status ;;
  down) down ;;
  destroy) down; rm -rf "$state" ;;
  *) echo "usage: $0 up|status|down|destroy" >&2; exit 2 ;;
esac
