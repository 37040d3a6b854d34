#!/usr/bin/env bash
# Server-Sent Events under webhook load: bench/webhook.sh (statuses and replies as Meta sends them,
# wrk, beside pgbench) without SSE clients, then with 200 following one candidate each, then with
# 200 following every event; the webhook rate and p99 of each, and what the clients received.
#
#   bench/events.sh [connections] [seconds] [messages]     (defaults 32, 15 and 60000)
set -euo pipefail
cd "$(dirname "$0")/.."
args=("${1:-32}" "${2:-15}" "${3:-60000}")
echo "=== no SSE client"
SSE_CLIENTS=0 bench/webhook.sh "${args[@]}" | grep -v '^$'
echo "=== 200 SSE clients, one candidate each"
SSE_CLIENTS=200 bench/webhook.sh "${args[@]}" | grep -v '^$'
echo "=== 200 SSE clients, every event"
SSE_CLIENTS=200 SSE_UNFILTERED=1 bench/webhook.sh "${args[@]}" | grep -v '^$'
