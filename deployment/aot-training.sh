#!/usr/bin/env bash
# Builds the JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) of the
# packaged service by a training run: start it against a migrated database, serve a few requests of
# each kind (health, a signed webhook, the API's problem answers), stop it; the JVM writes the cache
# on exit. The JVM image copies it next to quarkus-run.jar and starts with -XX:AOTCache=app.aot.
# Rebuild it whenever the jar changes (a stale cache is ignored with a warning, not an error).
#
#   deployment/aot-training.sh <java-25> <jdbc-url> <db-user> [output]   (default target/quarkus-app/app.aot)
set -euo pipefail
cd "$(dirname "$0")/.."
java=$1 jdbc=$2 user=$3 output=${4:-target/quarkus-app/app.aot}
port=${TRAINING_PORT:-8093}
public_key=$(openssl pkey -in src/test/resources/local-signing-key.pem -pubout | grep -v -- ----- | tr -d '\n')
rm -f "$output"
env QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=$port DATABASE_MIGRATE_AT_START=false \
  QUARKUS_DATASOURCE_REACTIVE_URL="${jdbc#jdbc:}" \
  QUARKUS_DATASOURCE_USERNAME="$user" QUARKUS_DATASOURCE_PASSWORD="${TRAINING_DB_PASSWORD:-unused}" \
  QUARKUS_OIDC_PUBLIC_KEY="$public_key" QUARKUS_OIDC_TOKEN_ISSUER=https://ats.local/issuer \
  WHATSAPP_MOCK_MODE=true WHATSAPP_APP_SECRET=training-secret WHATSAPP_WEBHOOK_VERIFY_TOKEN=training \
  "$java" -XX:AOTCacheOutput="$output" -jar target/quarkus-app/quarkus-run.jar >target/aot-training.log 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
  kill -0 $pid 2>/dev/null || { cat target/aot-training.log; exit 1; }
  sleep 0.2
done
body='{"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","statuses":[{"id":"wamid.TRAINING","status":"delivered","timestamp":"1764064710","recipient_id":"1"}]}}]}]}'
signature="sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac training-secret | awk '{print $NF}')"
for _ in $(seq 1 20); do
  curl -s -o /dev/null "http://127.0.0.1:$port/q/health/ready"
  curl -s -o /dev/null -H 'Content-Type: application/json' -H "X-Hub-Signature-256: $signature" -d "$body" "http://127.0.0.1:$port/webhook/whatsapp"
  curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/candidates"
done
kill $pid
wait $pid || true
[ -f "$output" ] || { tail -5 target/aot-training.log; exit 1; }
echo "AOT cache: $output ($(du -h "$output" | cut -f1))"
