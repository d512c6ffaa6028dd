#!/usr/bin/env bash
# Serve the published Atlas at / and N live Streamlit replicas under /explore/ through nginx, all on this machine.
# Usage: deploy/serve-site.sh [REPLICAS=1] [PORT=8080] [SITE_DIR=site]   — stop with Ctrl-C (everything started is
# stopped). SITE_DIR is built first if it holds no site (python -m components.publish, live links to /explore); its
# text files get gzip copies when the folder is writable. REPLICAS=0 serves the site alone (/explore/ answers 502).
# nginx listens on 127.0.0.1 (ADDRESS=0.0.0.0 for every interface, as in the container); replicas on 127.0.0.1:8700+i
# (REPLICA_PORT_BASE to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
replicas="${1:-1}"
port="${2:-8080}"
address="${ADDRESS:-127.0.0.1}"
site="$(realpath -m "${3:-site}")"
replica_base="${REPLICA_PORT_BASE:-8700}"
python="${PYTHON:-.venv/bin/python}"
command -v nginx >/dev/null || { echo "nginx is not installed: apt-get install -y nginx" >&2; exit 1; }
[ -f "$site/index.html" ] || "$python" -m components.publish "$site" --live-url /explore
[ -w "$site" ] && bash deploy/precompress.sh "$site"
prefix="$(mktemp -d /tmp/atlas-site-nginx.XXXX)"; mkdir -p "$prefix/tmp"
# as in serve-workshop.sh: nginx's workers (unprivileged when started by root) must write their buffer files
chmod 711 "$prefix"; chmod 1777 "$prefix/tmp"; umask 077
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
upstreams=""
for i in $(seq 1 "$replicas"); do
  replica_port=$((replica_base + i))
  "$python" -m streamlit run app.py --server.headless true --server.port "$replica_port" \
    --server.address 127.0.0.1 --server.baseUrlPath explore --browser.gatherUsageStats false \
    > "$prefix/replica-$i.log" 2>&1 &
  pids+=($!)
  upstreams+="        server 127.0.0.1:${replica_port};"$'\n'
done
# nginx needs a server in an upstream: with no replica, one that is marked down (so /explore/ answers 502 at once)
[ -n "$upstreams" ] || upstreams="        server 127.0.0.1:${replica_base} down;"$'\n'
sed -e "s#__ADDRESS__#$address#; s#__PORT__#$port#; s#__PREFIX__#$prefix#g; s#__SITE__#$site#" deploy/nginx-site.conf.template \
  | awk -v ups="$upstreams" '{ if ($0 ~ /__UPSTREAMS__/) printf "%s", ups; else print }' > "$prefix/nginx.conf"
for i in $(seq 1 "$replicas"); do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$((replica_base + i))/explore/_stcore/health" >/dev/null && break; sleep 0.5
  done
done
# in the foreground (daemon off) as this script's child, so that stopping the script stops it
nginx -e "$prefix/error.log" -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 1 40); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.25; done
echo "Atlas on http://$address:$port/ (the site from $site; $replicas live replica(s) under /explore/; logs in $prefix)"
wait "${pids[@]}"
