#!/usr/bin/env bash
# Pacing across replicas, in one run on one machine: 1, 2 and 3 service processes (live mode, one
# database, one Graph API stand-in) drain the same backlog with WHATSAPP_MAX_MESSAGES_PER_SECOND set
# to the limit; the achieved rate for the sender as a whole must stay within 5 % of it, whatever the
# number of replicas. Each round measures 1, 2 and 3 instances after 3 s of warm-up messages;
# rounds repeat because the machine is noisy.
#
#   bench/pacing.sh [limit] [messages] [rounds]     (defaults 80, 1600, 3)
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-80}
count=${2:-1600}
rounds=${3:-3}
work=target/bench-pacing
mkdir -p "$work"
export PGOPTIONS="-c client_min_messages=warning"
psql=(psql -h 127.0.0.1 -U postgres -qAt)
db=ats_bench_pacing

. bench/lib/live-service.sh
start_standin
services=()
cleanup() { kill $standin "${services[@]}" 2>/dev/null || true; }
trap cleanup EXIT

start_services() {
  local n=$1
  for i in $(seq 1 "$n"); do
    # shellcheck disable=SC2046 # the settings are words without spaces
    env $(service_env $((8100 + i)) "$limit" 1s) java -Xmx512m -jar target/quarkus-app/quarkus-run.jar >"$work/service-$n-$i.log" 2>&1 &
    services+=($!)
  done
  for i in $(seq 1 "$n"); do
    until curl -sf -o /dev/null http://127.0.0.1:$((8100 + i))/q/health/ready; do sleep 0.2; done
  done
}
stop_services() { kill "${services[@]}"; wait "${services[@]}" 2>/dev/null || true; services=(); }

"${psql[@]}" -c "drop database if exists $db with (force)" -c "create database $db"
start_services 1
stop_services
"${psql[@]}" -d $db <<'SQL'
insert into candidates (id, full_name, phone) values ('00000000-0000-0000-0000-000000000001', 'Bench', '+573001234567');
insert into applications (id, candidate_id, position) values ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'Bench');
SQL

# One measurement: once n instances are ready, they drain 3 s of warm-up messages, then $count measured ones.
pace() {
  local n=$1 label="pacing $1 $2"
  # Every instance is up before the backlog appears, so no start-up competes with the sends.
  start_services "$n"
  "${psql[@]}" -d $db -c "insert into communications (communication_id, application_id, candidate_id, direction, message_type,
        template_id, variables, recipient_phone, status, next_attempt_at, give_up_at)
      select gen_random_uuid(), '00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'outbound',
             'reminder', 'job_opportunity', jsonb_build_object('language', 'es', 'body', jsonb_build_array('Ana', label)),
             '+573001234567', 'pending', due, now() + interval '1 day'
        from (select 'warm-up' as label, now() - interval '1 minute' as due from generate_series(1, $((3 * limit)))
              union all
              select '$label', now() from generate_series(1, $count)) rows"
  until [ "$("${psql[@]}" -d $db -c "select count(*) from communications where status = 'pending'")" = 0 ]; do sleep 0.5; done
  stop_services
  "${psql[@]}" -d $db -F ' ' -c "select count(*), extract(epoch from max(sent_at) - min(sent_at)),
        (select max(k) from (select count(*) k from communications where variables->'body'->>1 = '$label'
                               group by date_trunc('second', sent_at)) per_second),
        (select count(*) from communications where variables->'body'->>1 = '$label' and status <> 'sent')
      from communications where variables->'body'->>1 = '$label' and status = 'sent'"
}

echo "limit $limit/s, $count measured messages per run; rate = (n-1) / time from first to last measured send (sent_at)"
printf '%-6s %-9s %7s %9s %9s %9s %8s %8s\n' round instances sent seconds rate "vs_limit" busiest unsent
for round in $(seq 1 "$rounds"); do
  for n in 1 2 3; do
    read -r sent span peak unsent <<<"$(pace "$n" "$round")"
    awk -v r="$round" -v i="$n" -v n="$sent" -v s="$span" -v p="$peak" -v u="$unsent" -v l="$limit" \
      'BEGIN {rate=(n-1)/s; printf "%-6d %-9d %7d %9.2f %9.1f %+8.1f%% %8d %8d\n", r, i, n, s, rate, 100*(rate-l)/l, p, u}'
  done
done
