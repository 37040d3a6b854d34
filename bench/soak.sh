#!/usr/bin/env bash
# Soak: mixed traffic at a steady rate against the packaged service (prod profile, mock mode) for
# a few minutes: sends, Meta's status webhooks for them (delivered, read), candidates' replies,
# and reads of the lists. Every 10 s: the heap after a full GC (jcmd), the RSS, and the database
# connections of the service. At the end: answers by code, messages lost (a 201 without its row, a
# reply without its row, a status not applied), and the slope of heap and RSS over the run after
# the first minute (MiB per minute; flat is ~0).
#
#   bench/soak.sh [seconds] [requests-per-second]     (defaults 300 and 40)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
rate=${2:-40}
db=ats_bench_soak
work=target/bench-soak
mkdir -p "$work"
export PGOPTIONS="-c client_min_messages=warning"
psql=(psql -h 127.0.0.1 -U postgres -qAt)
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests

"${psql[@]}" -c "drop database if exists $db with (force)" -c "create database $db"
secret=soak-app-secret
QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=8097 \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused \
  QUARKUS_OIDC_PUBLIC_KEY="$(openssl pkey -in src/test/resources/local-signing-key.pem -pubout | grep -v -- ----- | tr -d '\n')" \
  QUARKUS_OIDC_TOKEN_ISSUER=https://ats.local/issuer \
  WHATSAPP_MOCK_MODE=true WHATSAPP_MOCK_SIMULATE_STATUSES=false WHATSAPP_APP_SECRET=$secret WHATSAPP_WEBHOOK_VERIFY_TOKEN=soak \
  java -Xmx256m -jar target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
until curl -sf -o /dev/null http://127.0.0.1:8097/q/health/ready; do
  kill -0 $service 2>/dev/null || { cat "$work/service.log"; exit 1; }
  sleep 0.2
done

# Samples every 10 s: elapsed, heap after full GC (KiB), RSS (KiB), database connections.
(
  start=$(date +%s)
  while kill -0 $service 2>/dev/null; do
    jcmd $service GC.run >/dev/null 2>&1 || true
    heap=$(jcmd $service GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen|total/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K","",$(i+1)); s+=$(i+1)}} END {print s+0}')
    rss=$(awk '/VmRSS/ {print $2}' /proc/$service/status 2>/dev/null || echo 0)
    conns=$("${psql[@]}" -c "select count(*) from pg_stat_activity where datname = '$db' and pid <> pg_backend_pid()")
    echo "$(( $(date +%s) - start )) $heap $rss $conns"
    sleep 10
  done
) >"$work/samples.txt" &
sampler=$!

token=$(deployment/local/token.sh recruiter)
python3 - "$seconds" "$rate" "$token" "$secret" "$work" <<'PY'
import hashlib, hmac, http.client, json, random, sys, threading, time, uuid
seconds, rate, token, secret, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4].encode(), sys.argv[5]
lock = threading.Lock()
answers, sent, replies = {}, [], []
local = threading.local()

def call(method, path, body=None, headers=None):
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection("127.0.0.1", 8097, timeout=30)
    try:
        local.conn.request(method, path, body=body, headers=headers or {})
        response = local.conn.getresponse()
        data = response.read()
    except Exception:
        local.conn = http.client.HTTPConnection("127.0.0.1", 8097, timeout=30)
        with lock:
            answers["error"] = answers.get("error", 0) + 1
        return 0, b""
    with lock:
        answers[response.status] = answers.get(response.status, 0) + 1
    return response.status, data

auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
def api(method, path, payload=None):
    return call(method, path, json.dumps(payload).encode() if payload is not None else None, auth)

def webhook(value):
    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "WABA_ID", "changes": [{"field": "messages",
            "value": dict({"messaging_product": "whatsapp"}, **value)}]}]}).encode()
    return call("POST", "/webhook/whatsapp", body, {"Content-Type": "application/json",
            "X-Hub-Signature-256": "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()})

# Candidates with applications to send to.
pairs = []
for i in range(50):
    phone = "300%07d" % (5550000 + i)
    _, data = api("POST", "/api/v1/candidates", {"full_name": "Soak %d" % i, "phone": phone})
    candidate = json.loads(data)["candidate_id"]
    _, data = api("POST", "/api/v1/applications", {"candidate_id": candidate, "position": "Soak"})
    pairs.append((candidate, json.loads(data)["application_id"], "57" + phone))

def one_step(n):
    kind = n % 8
    if kind in (0, 1):
        candidate, application, _ = random.choice(pairs)
        status, data = api("POST", "/api/v1/communications/send", {"application_id": application, "candidate_id": candidate,
            "template_name": "job_opportunity", "template_variables": ["Ana", "Soak", "Acme"]})
        if status == 201:
            with lock:
                sent.append((json.loads(data)["whatsapp_message_id"], pairs[[p[0] for p in pairs].index(candidate)][2]))
    elif kind in (2, 3, 4) and sent:
        wamid, phone = random.choice(sent)
        name = "delivered" if kind != 4 else "read"
        webhook({"statuses": [{"id": wamid, "status": name, "timestamp": str(int(time.time())), "recipient_id": phone,
                 "pricing": {"billable": True, "pricing_model": "PMP", "category": "utility"},
                 "conversation": {"id": "CONV", "origin": {"type": "utility"}}}]})
    elif kind == 5 and sent:
        wamid, phone = random.choice(sent)
        reply = "wamid.SOAK_REPLY_" + uuid.uuid4().hex
        status, _ = webhook({"contacts": [{"profile": {"name": "Soak"}, "wa_id": phone}], "messages": [{"context": {"from": "15550001111",
                 "id": wamid}, "from": phone, "id": reply, "timestamp": str(int(time.time())), "type": "text",
                 "text": {"body": random.choice(["Sí, me interesa", "No gracias", "¿Cuál es el salario?"])}}]})
        if status == 200:
            with lock:
                replies.append(reply)
    else:
        api("GET", "/api/v1/communications?page=%d&size=20" % random.randint(0, 5))

# A steady rate from a pool of workers.
deadline = time.time() + seconds
tick, n = 1.0 / rate, 0
next_at = time.time()
workers = []
while time.time() < deadline:
    now = time.time()
    if now < next_at:
        time.sleep(next_at - now)
    t = threading.Thread(target=one_step, args=(n,))
    t.start()
    workers.append(t)
    workers = [w for w in workers if w.is_alive()]
    n += 1
    next_at += tick
for w in workers:
    w.join()
json.dump({"answers": {str(k): v for k, v in answers.items()}, "sent": [w for w, _ in sent], "replies": replies, "requests": n},
          open(work + "/traffic.json", "w"))
PY
kill $sampler 2>/dev/null || true

python3 - "$work" "$db" <<'PY'
import json, subprocess, sys
work, db = sys.argv[1], sys.argv[2]
traffic = json.load(open(work + "/traffic.json"))
def sql(q):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qAt", "-d", db, "-c", q], capture_output=True, text=True).stdout.strip()
sent = traffic["sent"]
stored = int(sql("select count(*) from communications where direction = 'outbound' and whatsapp_message_id is not null"))
replies = traffic["replies"]
stored_replies = int(sql("select count(distinct whatsapp_message_id) from communications where direction = 'inbound' and whatsapp_message_id like 'wamid.SOAK_REPLY_%'"))
duplicates = int(sql("select count(*) from (select whatsapp_message_id from communications group by 1 having count(*) > 1) d"))
samples = [list(map(int, line.split())) for line in open(work + "/samples.txt") if len(line.split()) == 4]
late = [s for s in samples if s[0] >= 60] or samples
def slope(points):  # least squares, units per minute
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    var = sum((p[0] - mx) ** 2 for p in points)
    return 0.0 if var == 0 else sum((p[0] - mx) * (p[1] - my) for p in points) / var * 60
heap = slope([(s[0], s[1] / 1024) for s in late])
rss = slope([(s[0], s[2] / 1024) for s in late])
print("requests: %d; answers by code: %s" % (traffic["requests"], dict(sorted(traffic["answers"].items()))))
print("sends answered 201: %d, outbound rows with a wamid: %d (lost %d); replies acknowledged: %d, stored: %d (lost %d); wamids stored twice: %d"
      % (len(sent), stored, max(0, len(sent) - stored), len(replies), stored_replies, max(0, len(replies) - stored_replies), duplicates))
print("heap after GC: %.1f -> %.1f MiB, slope %.2f MiB/min; RSS: %.0f -> %.0f MiB, slope %.2f MiB/min (from the first minute on)"
      % (late[0][1] / 1024, late[-1][1] / 1024, heap, late[0][2] / 1024, late[-1][2] / 1024, rss))
print("database connections of the service: max %d (pool max-size 20 + 2 JDBC)" % max(s[3] for s in samples))
PY
