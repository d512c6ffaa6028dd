#!/usr/bin/env bash
# Start N Streamlit replicas and nginx in front of them (sticky sessions), all on this machine.
# Usage: deploy/serve-workshop.sh [REPLICAS=2] [PORT=8080]   — stop with Ctrl-C (everything started is stopped).
set -euo pipefail
cd "$(dirname "$0")/.."
replicas="${1:-2}"
port="${2:-8080}"
python="${PYTHON:-.venv/bin/python}"
command -v nginx >/dev/null || { echo "nginx is not installed: apt-get install -y nginx" >&2; exit 1; }
prefix="$(mktemp -d /tmp/atlas-nginx.XXXX)"; mkdir -p "$prefix/tmp"
# nginx's workers run as an unprivileged user when started by root: they must be able to write their buffer files
# (large responses such as the chart library, and uploads), or those requests fail under load
# (the folder itself can be entered but not listed, and the logs are readable by their owner only)
chmod 711 "$prefix"; chmod 1777 "$prefix/tmp"; umask 077
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; nginx -p "$prefix" -c "$prefix/nginx.conf" -s stop 2>/dev/null || true; }
trap cleanup EXIT INT TERM
upstreams=""
for i in $(seq 1 "$replicas"); do
  replica_port=$((8600 + i))
  "$python" -m streamlit run app.py --server.headless true --server.port "$replica_port" \
    --server.address 127.0.0.1 --browser.gatherUsageStats false > "$prefix/replica-$i.log" 2>&1 &
  pids+=($!)
  upstreams+="        server 127.0.0.1:${replica_port};"$'\n'
done
sed -e "s#__PORT__#$port#; s#__PREFIX__#$prefix#g" deploy/nginx.conf.template \
  | awk -v ups="$upstreams" '{ if ($0 ~ /__UPSTREAMS__/) printf "%s", ups; else print }' > "$prefix/nginx.conf"
for i in $(seq 1 "$replicas"); do
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$((8600 + i))/_stcore/health" >/dev/null && break; sleep 0.5; done
done
nginx -p "$prefix" -c "$prefix/nginx.conf"
echo "Atlas on http://127.0.0.1:$port/ ($replicas replicas behind nginx; logs in $prefix)"
wait "${pids[@]}"
