#!/usr/bin/env bash
# Measures expanse-http-echo (release build) against nginx serving a static
# file of the same 150-byte body, both on 127.0.0.1, with wrk.
#
# Usage: bench/http-echo/run.sh [DURATION_SECONDS]   (default 10, at most 60)
# Needs wrk and nginx (Debian nginx-light) on PATH or in /usr/sbin. Starts
# and stops both servers itself; temporary files go to a mktemp directory
# that is removed on exit.
set -euo pipefail

duration="${1:-10}"
if ! [[ "$duration" =~ ^[0-9]+$ ]] || (( duration < 1 || duration > 60 )); then
    echo "usage: $0 [DURATION_SECONDS from 1 to 60]" >&2
    exit 64
fi

repo="$(cd "$(dirname "$0")/../.." && pwd)"
expanse_port=18480
nginx_port=18481
work="$(mktemp -d)"
# nginx workers run as nobody when started by root, so they need to read the directory.
chmod 755 "$work"
pids=()

cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

echo "building expanse-http-echo (release)"
(cd "$repo" && swift build -c release --product expanse-http-echo >/dev/null)
echo_bin="$repo/.build/release/expanse-http-echo"

# The same 150 bytes the echo handler returns.
printf '%s' '{"model_name":"expanse","model_version":"1","id":"bench","outputs":[{"name":"score","shape":[1],"datatype":"FP32","data":[0.0123]}],"padding":"xxxxx"}' >"$work/score.json"

cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    default_type application/json;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$nginx_port;
        location = /score { alias $work/score.json; }
    }
}
CONF

wait_for_port() {
    for _ in $(seq 1 50); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "server on port $1 did not start" >&2
    exit 1
}

run_wrk() {
    # wrk stops by itself after the duration; timeout is a second bound.
    timeout $((duration + 15)) wrk -t2 -c64 -d"${duration}s" "http://127.0.0.1:$1/score"
}

"$echo_bin" --port "$expanse_port" 2>"$work/expanse.log" &
pids+=($!)
"$nginx_bin" -c "$work/nginx.conf" -p "$work" 2>>"$work/error.log" &
pids+=($!)
wait_for_port "$expanse_port"
wait_for_port "$nginx_port"

echo "== expanse-http-echo on 127.0.0.1:$expanse_port"
expanse_output="$(run_wrk "$expanse_port")"
echo "$expanse_output"
echo "== nginx on 127.0.0.1:$nginx_port"
nginx_output="$(run_wrk "$nginx_port")"
echo "$nginx_output"

expanse_rps="$(awk '/Requests\/sec/ {print $2}' <<<"$expanse_output")"
nginx_rps="$(awk '/Requests\/sec/ {print $2}' <<<"$nginx_output")"
awk -v e="$expanse_rps" -v n="$nginx_rps" 'BEGIN { printf "expanse %.0f req/s, nginx %.0f req/s, ratio %.1f %%\n", e, n, 100 * e / n }'
