#!/usr/bin/env bash
# Webhook benchmark: signed webhooks as Meta sends them, posted under load by wrk, beside pgbench
# running the equivalent single-row statement on the same database at the same concurrency, in
# the same run (one after the other, so they do not compete for the 2 cores).
#
#   1. statuses: for each of $messages outbound messages Meta's sent, delivered and read (sent and
#      delivered with conversation and pricing), one status per delivery, a message's three
#      interleaved with other messages' (sent of message n, delivered of n-50, read of n-100);
#      pgbench runs the single-row status UPDATE a service without group commit would run per
#      status (it writes every time);
#   2. inbound: text replies quoting those messages, from 2,000 candidates (classified, linked,
#      moving applications); pgbench runs the single-row INSERT of the reply.
# Each after a 10 s warm-up on messages of its own. Prints the service's rate, p50/p99, non-2xx
# answers and the database's write transactions per second during the run, pgbench's rate and the ratio.
#
# With SSE_CLIENTS=N, N Server-Sent Events clients (bench/lib/SseClients.java) follow one candidate
# each (as recruiters on candidates' pages; SSE_UNFILTERED=1: every event) during both runs, and
# their figures are printed at the end; bench/events.sh compares with and without them.
#
#   bench/webhook.sh [connections] [seconds] [messages]     (defaults 32, 20 and 150000)
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres); installs wrk with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-32}
seconds=${2:-20}
messages=${3:-150000}
warmup=20000
candidates=2000
threads=$(( connections < 2 ? connections : 2 ))
db=ats_bench_webhook
work=target/bench-webhook
mkdir -p "$work"
export PGOPTIONS="-c client_min_messages=warning"
psql=(psql -h 127.0.0.1 -U postgres -qAt)

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests

"${psql[@]}" -c "drop database if exists $db with (force)" -c "create database $db"
secret=bench-app-secret
QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=8089 \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db \
  \
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

# Rows (candidates, applications, outbound messages already answered by Meta: sent, with their
# wamid) and the signed bodies wrk cycles through; ids are shared by both.
python3 - "$work" "$secret" "$messages" "$warmup" "$candidates" <<'PY'
import hashlib, hmac, json, sys, uuid
work, secret, messages, warmup, candidates = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
total = warmup + messages
cand = [(str(uuid.UUID(int=i + 1)), "57300%07d" % i) for i in range(candidates)]
app = [str(uuid.UUID(int=10**9 + i)) for i in range(candidates)]
comm = [str(uuid.uuid4()) for _ in range(total)]
with open(work + "/candidates.csv", "w") as out:
    for i, (cid, phone) in enumerate(cand):
        out.write("%s,Bench %d,+%s\n" % (cid, i, phone))
with open(work + "/applications.csv", "w") as out:
    for i, aid in enumerate(app):
        out.write("%s,%s,Bench\n" % (aid, cand[i][0]))
with open(work + "/communications.csv", "w") as out:
    for n in range(total):
        k = n % candidates
        out.write("%s,%s,%s,outbound,initial,+%s,wamid.BENCH%d,sent,2026-11-25 10:00:00+00\n" % (comm[n], app[k], cand[k][0], cand[k][1], n))

def envelope(value):
    value = dict({"messaging_product": "whatsapp",
                  "metadata": {"display_phone_number": "15550001111", "phone_number_id": "PHONE_NUMBER_ID"}}, **value)
    return json.dumps({"object": "whatsapp_business_account",
                       "entry": [{"id": "WABA_ID", "changes": [{"value": value, "field": "messages"}]}]}, separators=(",", ":"))

def status(n, name, offset):
    s = {"id": "wamid.BENCH%d" % n, "status": name, "timestamp": str(1764064700 + offset), "recipient_id": cand[n % candidates][1]}
    if name == "sent":
        s["biz_opaque_callback_data"] = comm[n]
    if name != "read":
        s["conversation"] = {"id": "CONVERSATION_%d" % (n % candidates), "expiration_timestamp": "1764151100",
                             "origin": {"type": "marketing"}}
        s["pricing"] = {"billable": True, "pricing_model": "PMP", "category": "marketing", "type": "regular"}
    return envelope({"statuses": [s]})

replies = ["Sí, me interesa", "No gracias, ya tengo trabajo", "¿Cuál es el salario?", "Yes I'm interested", "ok"]
def reply(n, seq):
    k = n % candidates
    return envelope({"contacts": [{"profile": {"name": "Bench %d" % k}, "wa_id": cand[k][1]}],
                     "messages": [{"context": {"from": "15550001111", "id": "wamid.BENCH%d" % n}, "from": cand[k][1],
                                   "id": "wamid.REPLY%d" % seq, "timestamp": str(1764064800 + seq), "type": "text",
                                   "text": {"body": replies[seq % len(replies)]}}]})

def write(name, bodies):
    with open(work + "/" + name + ".tsv", "w") as out:
        for body in bodies:
            out.write("sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest() + "\t" + body + "\n")

def statuses(first, count):
    for t in range(count + 100):
        for name, lag in (("sent", 0), ("delivered", 50), ("read", 100)):
            n = t - lag
            if 0 <= n < count:
                yield status(first + n, name, t)

write("status-warmup", statuses(messages, warmup))
write("status-run", statuses(0, messages))
write("reply-warmup", (reply(messages + i, 10**7 + i) for i in range(warmup)))
write("reply-run", (reply(i, i) for i in range(messages)))
PY
"${psql[@]}" -d $db <<SQL
\copy candidates (id, full_name, phone) from '$work/candidates.csv' csv
\copy applications (id, candidate_id, position) from '$work/applications.csv' csv
\copy communications (communication_id, application_id, candidate_id, direction, message_type, recipient_phone, whatsapp_message_id, status, sent_at) from '$work/communications.csv' csv
vacuum analyze;
SQL

# Each wrk thread takes every other body of the file, in order, then starts again (after which a
# status changes nothing, so the run reports whether it got that far).
cat > "$work/post.lua" <<'LUA'
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
local signatures, bodies, n, i, wrapped = {}, {}, 0, 0, 0
function init(args)
  local threads, line = tonumber(args[2]), 0
  for text in io.lines(args[1]) do
    if line % threads == id then
      local tab = text:find("\t")
      n = n + 1
      signatures[n] = text:sub(1, tab - 1)
      bodies[n] = text:sub(tab + 1)
    end
    line = line + 1
  end
end
function request()
  i = i + 1
  if i > n then i, wrapped = 1, wrapped + 1 end
  return wrk.format("POST", "/webhook/whatsapp",
    { ["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = signatures[i] }, bodies[i])
end
function done(summary, latency, requests)
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
LUA

# What the service would run per status without group commit: one always-writing UPDATE.
cat > "$work/status.sql" <<SQL
\set n random(0, $messages - 1)
\set s random(1, 3)
update communications c set
    status = case when array_position(array['pending','sent','failed','delivered','read','replied']::text[], (array['sent','delivered','read'])[:s])
                     > array_position(array['pending','sent','failed','delivered','read','replied']::text[], c.status)
                  then (array['sent','delivered','read'])[:s] else c.status end,
    delivered_at = case when :s = 2 then coalesce(c.delivered_at, now()) else c.delivered_at end,
    read_at = case when :s = 3 then coalesce(c.read_at, now()) else c.read_at end,
    response_metadata = case when :s = 3 then c.response_metadata else coalesce(c.response_metadata, '{}'::jsonb)
        || '{"pricing":{"billable": true,"pricing_model":"PMP","category":"marketing","type":"regular"},"conversation":{"id":"CONVERSATION_1","expiration_timestamp":"1764151100","origin":{"type":"marketing"}}}'::jsonb end,
    updated_at = now()
 where c.whatsapp_message_id = 'wamid.BENCH' || :n and c.direction = 'outbound'
returning c.communication_id, c.candidate_id, c.application_id, c.message_type;
SQL
# The reply's own row, as one INSERT.
cat > "$work/reply.sql" <<SQL
\set n random(0, $messages - 1)
insert into communications (communication_id, application_id, candidate_id, channel, direction, message_type, content,
                            recipient_phone, whatsapp_message_id, status, sent_at, interest_status, response_metadata, meta_time)
values (gen_random_uuid(), '00000000-0000-0000-0000-00003b9aca00', '00000000-0000-0000-0000-000000000001', 'whatsapp', 'inbound',
        'reply', 'Sí, me interesa', '+573000000000', 'wamid.PG' || :client_id || '.' || nextval('pg_bench_seq'), 'delivered', now(),
        'interested', '{"type":"text"}'::jsonb, true)
on conflict (whatsapp_message_id) do nothing
returning communication_id;
SQL
"${psql[@]}" -d $db -c "create sequence pg_bench_seq"

# Transaction ids handed out so far: every transaction that writes or locks a row takes one.
xids() {
  "${psql[@]}" -d $db -c "select pg_snapshot_xmax(pg_current_snapshot())"
}

# run NAME: warm-up, the measured wrk run, then pgbench; prints one block of figures.
run() {
  local name=$1 script=$2
  wrk -t$threads -c$connections -d10s -s "$work/post.lua" http://127.0.0.1:8089 -- "$work/$name-warmup.tsv" $threads >/dev/null
  local before after cpu_before cpu_after
  before=$(xids)
  cpu_before=$(cpu)
  wrk -t$threads -c$connections -d${seconds}s --latency -s "$work/post.lua" http://127.0.0.1:8089 -- "$work/$name-run.tsv" $threads \
    >"$work/$name-wrk.txt"
  cpu_after=$(cpu)
  after=$(xids)
  pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$connections" -j $threads -T "$seconds" -f "$work/$script" $db \
    >"$work/$name-pgbench.txt" 2>&1
  local rate pg p50 p99 non2xx requests
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/$name-wrk.txt")
  requests=$(awk '/requests in/ {print $1}' "$work/$name-wrk.txt")
  pg=$(awk '/^tps/ {print $3; exit}' "$work/$name-pgbench.txt")
  p50=$(awk '/Latency Distribution/ {f=1} f && $1=="50%" {print $2}' "$work/$name-wrk.txt")
  p99=$(awk '/Latency Distribution/ {f=1} f && $1=="99%" {print $2}' "$work/$name-wrk.txt")
  non2xx=$(awk '/^non2xx/ {print $2}' "$work/$name-wrk.txt")
  printf '%-8s service: %7.0f req/s  p50 %-8s p99 %-8s non-2xx %s  (%s requests; database: %.0f write transactions/s)\n' \
    "$name" "$rate" "$p50" "$p99" "$non2xx" "$requests" "$(echo "($after - $before) / $seconds" | bc -l)"
  printf '%-8s pgbench: %7.0f tx/s   ratio service/pgbench: %.2f\n' "$name" "$pg" "$(echo "$rate / $pg" | bc -l)"
  # CPU time is what a request costs the service whatever else the machine does (throughput drifts 2x here).
  printf '%-8s service CPU: %.1f ms per 1,000 requests\n' "$name" "$(echo "($cpu_after - $cpu_before) * 1000 / $(getconf CLK_TCK) * 1000 / $requests" | bc -l)"
}

# The service's CPU time so far (user + system), in clock ticks.
cpu() {
  awk '{print $14 + $15}' "/proc/$service/stat"
}

sse=""
if [ "${SSE_CLIENTS:-0}" -gt 0 ]; then
  if [ "${SSE_UNFILTERED:-0}" = 1 ]; then echo "" >"$work/sse-filters.txt"
  else head -n "$SSE_CLIENTS" "$work/candidates.csv" | cut -d, -f1 | sed 's/^/?candidate_id=/' >"$work/sse-filters.txt"; fi
  /usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/lib/SseClients.java http://127.0.0.1:8089/api/v1/events \
    "$(deployment/local/token.sh recruiter)" "$SSE_CLIENTS" "$work/sse-filters.txt" >"$work/sse.txt" 2>&1 &
  sse=$!
  trap 'kill $service ${sse:-} 2>/dev/null || true' EXIT
  sleep 5
  echo "SSE clients: $SSE_CLIENTS$([ "${SSE_UNFILTERED:-0}" = 1 ] && echo ", unfiltered" || echo ", one candidate each")"
fi
echo "connections: $connections, ${seconds} s each, $messages messages (3 statuses each), $candidates candidates;" \
  "2 cores shared by wrk, service and PostgreSQL"
run status status.sql
run reply reply.sql
if [ -n "$sse" ]; then
  kill $sse; wait $sse 2>/dev/null || true
  cat "$work/sse.txt"
fi
