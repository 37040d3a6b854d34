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
mkdir -p "$work/wiremock/mappings"
export PGOPTIONS="-c client_min_messages=warning"
psql=(psql -h 127.0.0.1 -U postgres -qAt)
db=ats_bench_pacing

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests
wiremock_version=3.13.2
wiremock=$HOME/.m2/repository/org/wiremock/wiremock-standalone/$wiremock_version/wiremock-standalone-$wiremock_version.jar
[ -f "$wiremock" ] || ./mvnw -B -q -ntp dependency:get -Dartifact=org.wiremock:wiremock-standalone:$wiremock_version

cat > "$work/wiremock/mappings/graph.json" <<'JSON'
{ "mappings": [
  { "request": { "method": "POST", "urlPath": "/v21.0/PHONE_NUMBER_ID/messages" },
    "response": { "status": 200, "headers": { "Content-Type": "application/json" }, "transformers": ["response-template"],
      "body": "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+573001234567\",\"wa_id\":\"573001234567\"}],\"messages\":[{\"id\":\"wamid.{{randomValue length=32 type='ALPHANUMERIC'}}\"}]}" } },
  { "request": { "method": "GET", "urlPath": "/v21.0/WABA_ID/message_templates" },
    "response": { "status": 200, "headers": { "Content-Type": "application/json" },
      "body": "{\"data\":[{\"name\":\"job_opportunity\",\"language\":\"es\",\"status\":\"APPROVED\",\"category\":\"UTILITY\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hola {{1}}, ¿te interesa {{2}}?\"}]}]}" } }
] }
JSON
java -Xmx512m -jar "$wiremock" --port 8091 --root-dir "$work/wiremock" --disable-request-logging --no-request-journal \
  --container-threads 64 --async-response-enabled true >"$work/wiremock.log" 2>&1 &
standin=$!
services=()
cleanup() { kill $standin "${services[@]}" 2>/dev/null || true; }
trap cleanup EXIT

public_key=$(openssl pkey -in src/test/resources/local-signing-key.pem -pubout | grep -v -- ----- | tr -d '\n')
start_services() {
  local n=$1
  for i in $(seq 1 "$n"); do
    QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=$((8100 + i)) \
      QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db \
      QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused \
      QUARKUS_OIDC_PUBLIC_KEY="$public_key" QUARKUS_OIDC_TOKEN_ISSUER=https://ats.local/issuer \
      WHATSAPP_MOCK_MODE=false WHATSAPP_GRAPH_URL=http://127.0.0.1:8091 WHATSAPP_PHONE_NUMBER_ID=PHONE_NUMBER_ID \
      WHATSAPP_BUSINESS_ACCOUNT_ID=WABA_ID WHATSAPP_ACCESS_TOKEN=bench-token WHATSAPP_APP_SECRET=bench-secret \
      WHATSAPP_MAX_MESSAGES_PER_SECOND=$limit WHATSAPP_OUTBOX_INTERVAL=1s \
      java -Xmx512m -jar target/quarkus-app/quarkus-run.jar >"$work/service-$n-$i.log" 2>&1 &
    services+=($!)
  done
  for i in $(seq 1 "$n"); do
    until curl -sf -o /dev/null http://127.0.0.1:$((8100 + i))/q/health/ready; do sleep 0.2; done
  done
}
stop_services() { kill "${services[@]}"; wait "${services[@]}" 2>/dev/null || true; services=(); }

"${psql[@]}" -c "drop database if exists $db with (force)" -c "create database $db"
until curl -sf -o /dev/null http://127.0.0.1:8091/__admin/health; do sleep 0.2; done
start_services 1
stop_services
"${psql[@]}" -d $db <<'SQL'
insert into candidates (id, full_name, phone) values ('00000000-0000-0000-0000-000000000001', 'Bench', '+573001234567');
insert into applications (id, candidate_id, position) values ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'Bench');
SQL

# One measurement: n instances drain 3 s of warm-up messages, then $count measured ones.
pace() {
  local n=$1 label="pacing $1 $2"
  "${psql[@]}" -d $db -c "insert into communications (communication_id, application_id, candidate_id, direction, message_type,
        template_id, variables, recipient_phone, status, next_attempt_at, give_up_at)
      select gen_random_uuid(), '00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'outbound',
             'reminder', 'job_opportunity', jsonb_build_object('language', 'es', 'body', jsonb_build_array('Ana', label)),
             '+573001234567', 'pending', due, now() + interval '1 day'
        from (select 'warm-up' as label, now() - interval '1 minute' as due from generate_series(1, $((3 * limit)))
              union all
              select '$label', now() from generate_series(1, $count)) rows"
  start_services "$n"
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
