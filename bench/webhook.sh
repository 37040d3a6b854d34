#!/usr/bin/env bash
# Webhook benchmark: signed status webhooks for existing messages posted under load by wrk,
# beside pgbench running the service's own status UPDATE on the same database, at the same
# concurrency, in the same run (one after the other, so they do not compete for the 2 cores).
# Prints both rates, their ratio and the service's latency percentiles.
#
#   bench/webhook.sh [connections] [seconds]     (defaults 32 and 20)
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres); installs wrk with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-32}
seconds=${2:-20}
messages=20000
payloads=4000
work=target/bench-webhook
mkdir -p "$work"
export PGOPTIONS="-c client_min_messages=warning"
psql=(psql -h 127.0.0.1 -U postgres -qAt)

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests

"${psql[@]}" -c "drop database if exists ats_bench_webhook with (force)" -c "create database ats_bench_webhook"
secret=bench-app-secret
QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=8089 \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/ats_bench_webhook \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/ats_bench_webhook \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused \
  QUARKUS_OIDC_PUBLIC_KEY="$(openssl pkey -in src/test/resources/local-signing-key.pem -pubout | grep -v -- ----- | tr -d '\n')" \
  QUARKUS_OIDC_TOKEN_ISSUER=https://ats.local/issuer \
  WHATSAPP_MOCK_MODE=true WHATSAPP_APP_SECRET=$secret WHATSAPP_WEBHOOK_VERIFY_TOKEN=bench \
  java -jar target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
until curl -sf -o /dev/null http://127.0.0.1:8089/q/health/ready; do
  kill -0 $service 2>/dev/null || { cat "$work/service.log"; exit 1; }
  sleep 0.2
done

# The messages the statuses are about: one candidate and application, $messages outbound messages.
"${psql[@]}" -d ats_bench_webhook <<SQL
insert into candidates (id, full_name, phone) values ('00000000-0000-0000-0000-000000000001', 'Bench', '+573001234567');
insert into applications (id, candidate_id, position) values ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'Bench');
insert into communications (communication_id, application_id, candidate_id, direction, message_type, recipient_phone,
                            whatsapp_message_id, status, sent_at)
select gen_random_uuid(), '00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'outbound', 'initial',
       '+573001234567', 'wamid.BENCH' || i, 'sent', now()
  from generate_series(1, $messages) i;
analyze communications;
SQL

# Signed bodies, one delivered status each, for wrk to cycle through.
python3 - "$work/payloads.tsv" "$secret" "$payloads" "$messages" <<'PY'
import hashlib, hmac, json, random, sys
path, secret, count, messages = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3]), int(sys.argv[4])
with open(path, "w") as out:
    for i in range(count):
        body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "WABA_ID", "changes": [{"field": "messages",
            "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550001111", "phone_number_id": "PHONE_NUMBER_ID"},
                      "statuses": [{"id": "wamid.BENCH%d" % random.randint(1, messages), "status": "delivered",
                                    "timestamp": "1764064710", "recipient_id": "573001234567"}]}}]}]}, separators=(",", ":"))
        out.write("sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest() + "\t" + body + "\n")
PY
cat > "$work/post.lua" <<LUA
local signatures, bodies, n, i = {}, {}, 0, 0
for line in io.lines("$work/payloads.tsv") do
  local tab = line:find("\t")
  n = n + 1
  signatures[n] = line:sub(1, tab - 1)
  bodies[n] = line:sub(tab + 1)
end
request = function()
  i = i % n + 1
  return wrk.format("POST", "/webhook/whatsapp",
    { ["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = signatures[i] }, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
LUA

# The service's own status statement (WebhookStore.APPLY_STATUS), in a transaction as the service runs it.
cat > "$work/update.sql" <<'SQL'
\set id random(1, 20000)
begin;
with target as (
    select communication_id from communications
     where direction = 'outbound'
       and (whatsapp_message_id = 'wamid.BENCH' || :id or (whatsapp_message_id is null and communication_id = null))
     order by (whatsapp_message_id = 'wamid.BENCH' || :id) desc nulls last limit 1)
update communications c set
    whatsapp_message_id = coalesce(c.whatsapp_message_id, 'wamid.BENCH' || :id),
    status = case when array_position(array['pending','sent','failed','delivered','read','replied']::text[], 'delivered')
                     > array_position(array['pending','sent','failed','delivered','read','replied']::text[], c.status)
                  then 'delivered' else c.status end,
    delivered_at = coalesce(c.delivered_at, now()),
    updated_at = now()
  from target where c.communication_id = target.communication_id
returning c.candidate_id;
commit;
SQL

threads=2
echo "warm-up: 10 s of webhooks"
wrk -t$threads -c$connections -d10s -s "$work/post.lua" http://127.0.0.1:8089 >/dev/null
wrk -t$threads -c$connections -d${seconds}s --latency -s "$work/post.lua" http://127.0.0.1:8089 >"$work/wrk.txt"
pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$connections" -j $threads -T "$seconds" -f "$work/update.sql" ats_bench_webhook \
  >"$work/pgbench.txt" 2>&1

service_rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
pg_rate=$(awk '/^tps/ {print $3; exit}' "$work/pgbench.txt")
p50=$(awk '/Latency Distribution/ {f=1} f && $1=="50%" {print $2}' "$work/wrk.txt")
p99=$(awk '/Latency Distribution/ {f=1} f && $1=="99%" {print $2}' "$work/wrk.txt")
non2xx=$(awk '/^non2xx/ {print $2}' "$work/wrk.txt")
echo "connections: $connections, ${seconds} s each, $messages messages, 2 cores shared by load generator, service and PostgreSQL"
printf 'service  (signed status webhooks, wrk):  %10.0f req/s   p50 %s   p99 %s   non-2xx %s\n' "$service_rate" "$p50" "$p99" "$non2xx"
printf 'pgbench  (the same UPDATE, prepared):    %10.0f tx/s\n' "$pg_rate"
awk -v s="$service_rate" -v p="$pg_rate" 'BEGIN {printf "ratio service/pgbench: %.2f\n", s / p}'
