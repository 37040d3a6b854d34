#!/usr/bin/env bash
# Send benchmark, in one run on one machine:
#  A. POST /api/v1/communications/send under load (wrk) in live mode against a Graph API stand-in
#     (WireMock standalone), beside wrk posting the same Graph request to the stand-in directly:
#     sends per second, and the latency the service adds over the stand-in's own.
#  B. Pacing: due messages drained by the outbox with WHATSAPP_MAX_MESSAGES_PER_SECOND=80 and
#     =1000; the achieved rate from the first to the last send must be within 5 % of the limit.
#
#   bench/send.sh [connections] [seconds]     (defaults 16 and 15)
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres); installs wrk with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-16}
seconds=${2:-15}
work=target/bench-send
mkdir -p "$work"
export PGOPTIONS="-c client_min_messages=warning"
psql=(psql -h 127.0.0.1 -U postgres -qAt)
db=ats_bench_send

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
. bench/lib/live-service.sh
start_standin
service=""
cleanup() { kill $standin ${service:-} 2>/dev/null || true; }
trap cleanup EXIT

start_service() {
  local limit=$1 interval=$2
  # shellcheck disable=SC2046 # the settings are words without spaces
  env $(service_env 8089 "$limit" "$interval") java -jar target/quarkus-app/quarkus-run.jar >"$work/service-$limit.log" 2>&1 &
  service=$!
  until curl -sf -o /dev/null http://127.0.0.1:8089/q/health/ready; do
    kill -0 $service 2>/dev/null || { cat "$work/service-$limit.log"; exit 1; }
    sleep 0.2
  done
}
stop_service() { kill $service; wait $service 2>/dev/null || true; service=""; }

"${psql[@]}" -c "drop database if exists $db with (force)" -c "create database $db"

# --- A. Throughput and added latency (pacing out of the way) --------------------------------------
start_service 1000000 1h
"${psql[@]}" -d $db <<'SQL'
insert into candidates (id, full_name, phone) values ('00000000-0000-0000-0000-000000000001', 'Bench', '+573001234567');
insert into applications (id, candidate_id, position) values ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'Bench');
SQL
token=$(deployment/local/token.sh recruiter)
cat > "$work/send.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"application_id":"00000000-0000-0000-0000-000000000002","candidate_id":"00000000-0000-0000-0000-000000000001","template_name":"job_opportunity","template_variables":["Ana","QA"]}'
done = function(summary, latency, requests) io.write(string.format("non2xx %d\n", summary.errors.status)) end
LUA
cat > "$work/graph.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-token"
wrk.body = '{"messaging_product":"whatsapp","recipient_type":"individual","to":"+573001234567","type":"template","template":{"name":"job_opportunity","language":{"code":"es"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"QA"}]}]},"biz_opaque_callback_data":"00000000-0000-0000-0000-000000000003"}'
done = function(summary, latency, requests) io.write(string.format("non2xx %d\n", summary.errors.status)) end
LUA
echo "warm-up: 10 s of sends"
wrk -t2 -c$connections -d10s -s "$work/send.lua" http://127.0.0.1:8089/api/v1/communications/send >/dev/null
wrk -t1 -c1 -d${seconds}s --latency -s "$work/send.lua" http://127.0.0.1:8089/api/v1/communications/send >"$work/wrk-send-1.txt"
wrk -t1 -c1 -d${seconds}s --latency -s "$work/graph.lua" http://127.0.0.1:8091/v21.0/PHONE_NUMBER_ID/messages >"$work/wrk-graph-1.txt"
wrk -t2 -c$connections -d${seconds}s --latency -s "$work/send.lua" http://127.0.0.1:8089/api/v1/communications/send >"$work/wrk-send.txt"
wrk -t2 -c$connections -d${seconds}s --latency -s "$work/graph.lua" http://127.0.0.1:8091/v21.0/PHONE_NUMBER_ID/messages >"$work/wrk-graph.txt"
stop_service

field() { awk -v k="$2" '/Latency Distribution/ {f=1} f && $1==k {print $2}' "$1"; }
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.3f", v/1000; else if (v ~ /ms$/) printf "%.3f", v+0; else printf "%.3f", v*1000 }'; }
send_rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-send.txt")
graph_rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-graph.txt")
s50=$(to_ms "$(field "$work/wrk-send.txt" 50%)"); s99=$(to_ms "$(field "$work/wrk-send.txt" 99%)")
g50=$(to_ms "$(field "$work/wrk-graph.txt" 50%)"); g99=$(to_ms "$(field "$work/wrk-graph.txt" 99%)")
sent=$("${psql[@]}" -d $db -c "select count(*) from communications where status = 'sent'")
other=$("${psql[@]}" -d $db -c "select count(*) from communications where status <> 'sent'")

# --- B. Pacing: the outbox drains due messages at the configured rate -----------------------------
pace() {
  local limit=$1 count=$2
  # 3 s of warm-up messages at the limit go first (older next_attempt_at), so the measured ones are
  # sent by a warmed-up JVM; only the measured ones are counted.
  "${psql[@]}" -d $db -c "insert into communications (communication_id, application_id, candidate_id, direction, message_type,
        template_id, variables, recipient_phone, status, next_attempt_at)
      select gen_random_uuid(), '00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'outbound',
             'reminder', 'job_opportunity', jsonb_build_object('language', 'es', 'body', jsonb_build_array('Ana', label)),
             '+573001234567', 'pending', due
        from (select 'warm-up $limit' as label, now() - interval '1 minute' as due from generate_series(1, $((3 * limit)))
              union all
              select 'pacing $limit', now() from generate_series(1, $count)) rows"
  start_service "$limit" 1s
  until [ "$("${psql[@]}" -d $db -c "select count(*) from communications where status = 'pending'")" = 0 ]; do sleep 0.5; done
  stop_service
  "${psql[@]}" -d $db -F ' ' -c "select count(*), extract(epoch from max(sent_at) - min(sent_at)),
        (select max(n) from (select count(*) n from communications where variables->'body'->>1 = 'pacing $limit'
                               group by date_trunc('second', sent_at)) per_second)
      from communications where variables->'body'->>1 = 'pacing $limit' and status = 'sent'"
}
read -r n80 span80 peak80 <<<"$(pace 80 1200)"
read -r n1000 span1000 peak1000 <<<"$(pace 1000 12000)"

u50=$(to_ms "$(field "$work/wrk-send-1.txt" 50%)"); u99=$(to_ms "$(field "$work/wrk-send-1.txt" 99%)")
v50=$(to_ms "$(field "$work/wrk-graph-1.txt" 50%)"); v99=$(to_ms "$(field "$work/wrk-graph-1.txt" 99%)")
echo
echo "A1. one connection (no queueing): latency of a send through the service and of the stand-in alone, ${seconds} s each"
printf '   %-40s %9s %9s\n' "" "p50_ms" "p99_ms"
printf '   %-40s %9s %9s\n' "POST /api/v1/communications/send" "$u50" "$u99"
printf '   %-40s %9s %9s\n' "Graph stand-in alone (same request)" "$v50" "$v99"
awk -v a="$u50" -v b="$v50" -v c="$u99" -v d="$v99" 'BEGIN {printf "   latency the service adds: p50 %+.2f ms, p99 %+.2f ms\n", a-b, c-d}'
echo "A2. sends through the service vs the stand-in alone, $connections connections, ${seconds} s each (2 cores shared by wrk, service, PostgreSQL and WireMock)"
printf '   %-40s %9s %9s %9s\n' "" "req/s" "p50_ms" "p99_ms"
printf '   %-40s %9.0f %9s %9s\n' "POST /api/v1/communications/send" "$send_rate" "$s50" "$s99"
printf '   %-40s %9.0f %9s %9s\n' "Graph stand-in alone (same request)" "$graph_rate" "$g50" "$g99"
echo "   non-2xx answers: $(awk '/^non2xx/ {print $2}' "$work/wrk-send.txt"); stored sent: $sent, other statuses: $other"
echo "B. pacing (outbox draining due messages after 3 s of warm-up sends; rate = (n-1) / time from first to last measured send)"
for pair in "80 $n80 $span80 $peak80" "1000 $n1000 $span1000 $peak1000"; do
  read -r limit n span peak <<<"$pair"
  awk -v l="$limit" -v n="$n" -v s="$span" -v p="$peak" \
    'BEGIN {r=(n-1)/s; printf "   limit %5d/s: %6d sent in %6.2f s = %7.1f/s (%+.1f %% of the limit; busiest calendar second %d)\n", l, n, s, r, 100*(r-l)/l, p}'
done
