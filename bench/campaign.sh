#!/usr/bin/env bash
# Campaign benchmark, in one run on one machine, the packaged service in live mode against a Graph
# API stand-in (WireMock standalone), WHATSAPP_MAX_MESSAGES_PER_SECOND=80 and
# WHATSAPP_CAMPAIGN_MESSAGES_PER_SECOND=60 (the defaults), outbox round every second:
#  A. POST /api/v1/campaigns with 10,000 application ids, three times (the first two cancelled at
#     once): the time of each creation (one transaction: campaign, 10,000 messages, recipients).
#  B. The third campaign drains: its rate from its 600th to its 9,600th message handed to Meta,
#     against the configured 60/s.
#  C. Single sends (one every 250 ms, sequential) before any campaign and while the third drains:
#     their latency, p50 / p95 / max.
#
#   bench/campaign.sh [single-sends]     (default 40 per phase)
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
singles=${1:-40}
work=target/bench-campaign
mkdir -p "$work"
export PGOPTIONS="-c client_min_messages=warning"
psql=(psql -h 127.0.0.1 -U postgres -qAt)
db=ats_bench_campaign
rate=60

. bench/lib/live-service.sh
start_standin
service=""
cleanup() { kill $standin ${service:-} 2>/dev/null || true; }
trap cleanup EXIT

"${psql[@]}" -c "drop database if exists $db with (force)" -c "create database $db"
# shellcheck disable=SC2046 # the settings are words without spaces
env $(service_env 8089 80 1s) WHATSAPP_CAMPAIGN_MESSAGES_PER_SECOND=$rate java -jar target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
service=$!
until curl -sf -o /dev/null http://127.0.0.1:8089/q/health/ready; do
  kill -0 $service 2>/dev/null || { cat "$work/service.log"; exit 1; }
  sleep 0.2
done

# 10,000 candidates with Colombian mobile numbers and an application each; one more for single sends.
"${psql[@]}" -d $db <<'SQL'
insert into candidates (id, full_name, phone)
select md5('c' || n)::uuid, 'Candidata ' || n || ' Bench', '+57310' || lpad((1000000 + n)::text, 7, '0') from generate_series(1, 10000) n;
insert into applications (id, candidate_id, position) select md5('a' || n)::uuid, md5('c' || n)::uuid, 'Backend developer' from generate_series(1, 10000) n;
insert into candidates (id, full_name, phone) values ('00000000-0000-0000-0000-000000000001', 'Single Send', '+573001234567');
insert into applications (id, candidate_id, position) values ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'QA');
SQL
"${psql[@]}" -d $db -c "select json_build_object('name', 'Bench', 'template_name', 'job_opportunity',
  'template_variables', json_build_array('{{candidate.first_name}}', '{{application.position}}'),
  'application_ids', json_agg(id order by id)) from applications where position = 'Backend developer'" >"$work/campaign.json"
token=$(deployment/local/token.sh recruiter)
api() { curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

# Prints one line per send: its latency in ms.
single_sends() {
  for _ in $(seq 1 "$singles"); do
    api -o /dev/null -w '%{time_total}\n' -d '{"application_id":"00000000-0000-0000-0000-000000000002","candidate_id":"00000000-0000-0000-0000-000000000001","template_name":"job_opportunity","template_variables":["Ana","QA"]}' \
      http://127.0.0.1:8089/api/v1/communications/send | awk '{printf "%.1f\n", $1 * 1000}'
    sleep 0.25
  done
}
summary() { sort -n | awk '{a[NR]=$1} END {printf "p50 %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)", a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)], a[NR], NR}'; }

echo "warm-up: 20 single sends"; singles_saved=$singles; singles=20; single_sends >/dev/null; singles=$singles_saved
single_sends >"$work/singles-idle.txt"

creations=()
for run in 1 2 3; do
  answer=$(api -w '\n%{http_code} %{time_total}' -d @"$work/campaign.json" http://127.0.0.1:8089/api/v1/campaigns)
  read -r code seconds <<<"$(tail -1 <<<"$answer")"
  [ "$code" = 202 ] || { echo "campaign creation answered $code: $answer" >&2; exit 1; }
  campaign=$(head -1 <<<"$answer" | sed 's/.*"campaign_id":"\([^"]*\)".*/\1/')
  creations+=("$(awk -v s="$seconds" 'BEGIN {printf "%.0f", s * 1000}')")
  [ $run -lt 3 ] && api -o /dev/null -X POST "http://127.0.0.1:8089/api/v1/campaigns/$campaign/cancel"
done

# B and C: sample the drain of the last campaign while single sends run.
handed() { "${psql[@]}" -d $db -c "select count(*) from communications where campaign_id = '$campaign' and status <> 'pending'"; }
(
  while :; do echo "$(date +%s.%N) $(handed)"; sleep 1; done
) >"$work/drain.txt" &
sampler=$!
sleep 10
single_sends >"$work/singles-draining.txt"
until [ "$(handed)" -ge 10000 ]; do sleep 2; done
kill $sampler; wait $sampler 2>/dev/null || true
drain_rate=$(awk '$2 >= 600 && !t1 {t1=$1; n1=$2} $2 >= 9600 && !t2 {t2=$1; n2=$2} END {printf "%.1f", (n2 - n1) / (t2 - t1)}' "$work/drain.txt")
figures=$(api "http://127.0.0.1:8089/api/v1/campaigns/$campaign")
sent_twice=$("${psql[@]}" -d $db -c "select count(*) from (select application_id from communications where campaign_id = '$campaign' group by 1 having count(*) > 1) twice")

echo
echo "A. campaign of 10,000 created in (ms): ${creations[*]}   (bound: 2000)"
echo "B. drain rate: $drain_rate messages/s, configured $rate/s: $(awk -v r="$drain_rate" -v c=$rate 'BEGIN {printf "%+.1f %%", (r - c) * 100 / c}')   (bound: ±5 %)"
echo "   figures: $(sed 's/.*"total":\([0-9]*\).*"pending":\([0-9]*\),"sent":\([0-9]*\).*"failed":\([0-9]*\).*/total \1, pending \2, sent \3, failed \4/' <<<"$figures"); applications with two messages: $sent_twice"
echo "C. single sends, idle:          $(summary <"$work/singles-idle.txt")"
echo "   single sends, during drain:  $(summary <"$work/singles-draining.txt")"
