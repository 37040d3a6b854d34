#!/usr/bin/env bash
# Funnel benchmark: GET /api/v1/analytics/funnel on 1,000,000 communications, the packaged service
# (prod profile, mock mode) on its own database, every request sequential after a warm-up, each
# filter mix timed from the client (curl) and, beside it, the same two statements in psql (EXPLAIN ANALYZE).
# The data: 600,000 first contacts over 180 days (20 positions, 10 templates, 100 campaigns; sent,
# delivered, read, replied with an interest, failed), 100,000 of them with a reminder sent (a fifth
# of those answered), 300,000 replies from candidates.
#
#   bench/funnel.sh [requests-per-mix]     (default 100)
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-100}
work=target/bench-funnel
mkdir -p "$work"
export PGOPTIONS="-c client_min_messages=warning"
psql=(psql -h 127.0.0.1 -U postgres -qAt)
db=ats_bench_funnel
# Kept between runs (it takes minutes to build); rebuilt when this version changes.
dataset=3
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests

public_key=$(openssl pkey -in src/test/resources/local-signing-key.pem -pubout | grep -v -- ----- | tr -d '\n')
service_env=(QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=8089
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused
  QUARKUS_OIDC_PUBLIC_KEY="$public_key" QUARKUS_OIDC_TOKEN_ISSUER=https://ats.local/issuer WHATSAPP_MOCK_MODE=true)

if [ "$("${psql[@]}" -c "select count(*) from pg_database where datname = '$db'")" = 0 ] \
   || [ "$("${psql[@]}" -d $db -c "select count(*) >= 1000000 from communications" 2>/dev/null)" != t ] \
   || [ "$("${psql[@]}" -d $db -c "select version from bench_dataset" 2>/dev/null)" != "$dataset" ]; then
  echo "building the data set (1,000,000 communications)…"
  "${psql[@]}" -c "drop database if exists $db with (force)" -c "create database $db"
  env "${service_env[@]}" DATABASE_MIGRATE_AND_EXIT=true java -jar target/quarkus-app/quarkus-run.jar >"$work/migrate.log" 2>&1
  "${psql[@]}" -d $db <<'SQL'
insert into candidates (id, full_name, phone)
select md5('c' || n)::uuid, 'Candidate ' || n, '+57310' || lpad(n::text, 7, '0') from generate_series(1, 50000) n;
insert into applications (id, candidate_id, position, status)
select md5('a' || n)::uuid, md5('c' || (1 + n % 50000))::uuid, 'Position ' || (n % 20), 'contacted' from generate_series(1, 100000) n;
insert into campaigns (id, name, template_name, language, template_variables, total, created_at)
select md5('k' || n)::uuid, 'Campaign ' || n, 'template_' || (n % 10), 'es', '[]', 6000, now() - make_interval(days => n)
  from generate_series(1, 100) n;
-- 600,000 first contacts; status by n: 5 % failed, then sent / delivered / read / replied.
insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id, status,
                            interest_status, sent_at, reply_received_at, created_at, campaign_id, whatsapp_message_id)
select md5('m' || n)::uuid, md5('a' || (1 + n % 100000))::uuid, md5('c' || (1 + (1 + n % 100000) % 50000))::uuid,
       'outbound', 'initial', 'template_' || (n % 10), s.status,
       case when s.status = 'replied' then (array['interested', 'not_interested', 'question', 'unknown'])[1 + n % 4] end,
       case when s.status <> 'failed' then t.created + interval '5 seconds' end,
       case when s.status = 'replied' then t.created + make_interval(secs => 60 + n % 7200) end,
       t.created, case when n % 2 = 0 then md5('k' || (1 + n % 100))::uuid end, 'wamid.M' || n
  from generate_series(1, 600000) n,
       lateral (select now() - make_interval(secs => (n * 25.92)::int) as created) t,
       lateral (select case when n % 20 = 0 then 'failed' when n % 20 < 6 then 'sent' when n % 20 < 10 then 'delivered'
                            when n % 20 < 15 then 'read' else 'replied' end as status) s;
-- 100,000 reminders sent for first contacts left read or delivered; a fifth of them answered.
insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id, status,
                            interest_status, sent_at, reply_received_at, created_at, whatsapp_message_id)
select md5('r' || m.communication_id)::uuid, m.application_id, m.candidate_id, 'outbound', 'reminder', 'reminder_template',
       case when row_number() over () % 5 = 0 then 'replied' else 'read' end,
       case when row_number() over () % 5 = 0 then 'interested' end,
       m.created_at + interval '2 days', case when row_number() over () % 5 = 0 then m.created_at + interval '2 days 1 hour' end,
       m.created_at + interval '2 days', 'wamid.R' || m.communication_id
  from (select * from communications where message_type = 'initial' and status in ('read', 'delivered') limit 100000) m;
insert into reminders (id, initial_id, campaign_id, application_id, candidate_id, template_name, language, parameters, content, due_at,
                       status, communication_id)
select md5('x' || r.communication_id)::uuid, i.communication_id, i.campaign_id, r.application_id, r.candidate_id, 'reminder_template',
       'es', '[]', 'Hola', r.created_at, 'sent', r.communication_id
  from communications r join communications i on md5('r' || i.communication_id)::uuid = r.communication_id
 where r.message_type = 'reminder';
-- A reply to a reminder marks its initial replied too (as the webhook does).
update communications i set status = 'replied', interest_status = r.interest_status, reply_received_at = r.reply_received_at
  from reminders rem join communications r on r.communication_id = rem.communication_id
 where i.communication_id = rem.initial_id and r.status = 'replied';
-- 300,000 replies.
insert into communications (communication_id, application_id, candidate_id, direction, message_type, status, content, sent_at,
                            created_at, whatsapp_message_id, interest_status)
select md5('i' || n)::uuid, md5('a' || (1 + n % 100000))::uuid, md5('c' || (1 + (1 + n % 100000) % 50000))::uuid, 'inbound', 'reply',
       'delivered', 'Sí', now() - make_interval(secs => n * 50), now() - make_interval(secs => n * 50), 'wamid.I' || n, 'interested'
  from generate_series(1, 300000) n;
SQL
  "${psql[@]}" -d $db -c "create table bench_dataset as select $dataset as version" -c "vacuum analyze"
fi
echo "communications: $("${psql[@]}" -d $db -c "select count(*) from communications")"

env "${service_env[@]}" java -jar target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
until curl -sf -o /dev/null http://127.0.0.1:8089/q/health/ready; do
  kill -0 $service 2>/dev/null || { cat "$work/service.log"; exit 1; }
  sleep 0.2
done
token=$(deployment/local/token.sh recruiter)
campaign=$("${psql[@]}" -d $db -c "select id from campaigns where name = 'Campaign 7'")
since=$(date -u -d '30 days ago' +%Y-%m-%d)
mixes=("" "since=$since" "position=Position%203" "template_name=template_4" "campaign_id=$campaign"
  "position=Position%203&template_name=template_4&since=$since")
echo "probe: $(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:8089/api/v1/analytics/funnel")"
summary() { sort -n | awk '{a[NR]=$1} END {printf "p50 %6.1f  p95 %6.1f  max %6.1f", a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)], a[NR]}'; }
printf '%-62s %-40s %s\n' "filters" "service, ms (client side)" "SQL alone, ms: counts + median (EXPLAIN ANALYZE, medians of 5)"
for mix in "${mixes[@]}"; do
  url="http://127.0.0.1:8089/api/v1/analytics/funnel?$mix"
  for _ in $(seq 1 10); do curl -s -o /dev/null -H "Authorization: Bearer $token" "$url"; done
  for _ in $(seq 1 "$requests"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url" | awk '{printf "%.2f\n", $1 * 1000}'
  done >"$work/times.txt"
  printf '%-62s %-40s ' "${mix:-(none)}" "$(summary <"$work/times.txt")"
  # The same two statements in psql, for reference.
  where="true"
  case $mix in *since=*) where="$where and m.created_at >= '$since'";; esac
  case $mix in *position=*) where="$where and m.application_id in (select id from applications where position = 'Position 3')";; esac
  case $mix in *template_name=*) where="$where and m.template_id = 'template_4'";; esac
  case $mix in *campaign_id=*) where="$where and m.campaign_id = '$campaign'";; esac
  repo=src/main/java/com/atsplatform/communications/analytics/FunnelRepository.java
  first="m.direction = 'outbound' and m.message_type = 'initial'"
  statement() { sed -n "/private static final String $1 = \"\"\"/,/\"\"\";/p" $repo | sed '1d;$d' | sed "0,/%s/s//$first/" | sed "s/%s/$where/"; }
  for name in COUNTS MEDIAN; do
    sql=$(statement $name)
    for _ in 1 2 3 4 5; do "${psql[@]}" -d $db -c "explain (analyze, format json) $sql" | grep -o '"Execution Time": [0-9.]*' | awk '{print $3}'; done \
      | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[3]}'
    if [ $name = COUNTS ]; then printf ' + '; fi
  done
  echo
done
