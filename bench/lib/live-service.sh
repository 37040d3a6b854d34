# Sourced by the benchmarks that run the packaged service in live mode against a Graph API
# stand-in (WireMock standalone on port 8091, answering sends with a random wamid and listing one
# template). Expects $work and $db to be set; defines start_standin and service_env.
wiremock_version=3.13.2
wiremock=$HOME/.m2/repository/org/wiremock/wiremock-standalone/$wiremock_version/wiremock-standalone-$wiremock_version.jar
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests
[ -f "$wiremock" ] || ./mvnw -B -q -ntp dependency:get -Dartifact=org.wiremock:wiremock-standalone:$wiremock_version

# Starts the stand-in in the background; its pid is in $standin.
start_standin() {
  mkdir -p "$work/wiremock/mappings"
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
  until curl -sf -o /dev/null http://127.0.0.1:8091/__admin/health; do sleep 0.2; done
}

# Prints the environment of a live-mode service on database $db: `env $(service_env PORT LIMIT INTERVAL) java -jar …`.
service_env() {
  local public_key
  public_key=$(openssl pkey -in src/test/resources/local-signing-key.pem -pubout | grep -v -- ----- | tr -d '\n')
  echo QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT="$1" \
    QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused \
    QUARKUS_OIDC_PUBLIC_KEY="$public_key" QUARKUS_OIDC_TOKEN_ISSUER=https://ats.local/issuer \
    WHATSAPP_MOCK_MODE=false WHATSAPP_GRAPH_URL=http://127.0.0.1:8091 WHATSAPP_PHONE_NUMBER_ID=PHONE_NUMBER_ID \
    WHATSAPP_BUSINESS_ACCOUNT_ID=WABA_ID WHATSAPP_ACCESS_TOKEN=bench-token WHATSAPP_APP_SECRET=bench-secret \
    WHATSAPP_MAX_MESSAGES_PER_SECOND="$2" WHATSAPP_OUTBOX_INTERVAL="$3"
}
