#!/usr/bin/env bash
# Start-up benchmark of the packaged JVM service against a bare Quarkus REST app, side by side in
# one run (these machines are noisy: compare the two, not either alone with another day's figure).
# The service starts as it is deployed: prod profile, database already migrated (the migration Job's
# work), DATABASE_MIGRATE_AT_START=false. Every JVM gets -XX:MaxRAM=512m, the pods' memory limit, so
# heap sizing and GC are what a container gives both apps. Each start is timed to the first 200
# from /q/health/ready and its resident memory read at that moment. Three JVM set-ups:
#   jdk17          the default java
#   jdk25          Temurin 25
#   jdk25+aot      Temurin 25 with each app's AOT cache from a training run
#                  (deployment/aot-training.sh for the service; start + requests for the bare app)
#   native         the service's native runner, when target/*-runner exists (-Xmx128m)
# Also the time of the first API request after ready (GET /api/v1/candidates with a token).
#
#   bench/startup.sh [runs]        (default 5; needs PostgreSQL on 127.0.0.1:5432, user postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
export PGOPTIONS="-c client_min_messages=warning"
pg=(psql -h 127.0.0.1 -U postgres -qAt)
work=target/bench-startup
mkdir -p "$work"
memory=-XX:MaxRAM=512m

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests

# The bare app: Quarkus REST + health, same Quarkus version, built once.
bare=$work/bare
if [ ! -f "$bare/target/quarkus-app/quarkus-run.jar" ]; then
  mkdir -p "$bare/src/main/java/bench"
  cat > "$bare/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bare</artifactId><version>1</version>
  <properties><maven.compiler.release>17</maven.compiler.release><q>3.33.2</q></properties>
  <dependencyManagement><dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-bom</artifactId>
    <version>\${q}</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency>
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-smallrye-health</artifactId></dependency>
  </dependencies>
  <build><plugins><plugin><groupId>io.quarkus</groupId><artifactId>quarkus-maven-plugin</artifactId><version>\${q}</version>
    <extensions>true</extensions><executions><execution><goals><goal>build</goal></goals></execution></executions></plugin></plugins></build>
</project>
POM
  cat > "$bare/src/main/java/bench/Hello.java" <<'JAVA'
package bench;
@jakarta.ws.rs.Path("/hello")
public class Hello { @jakarta.ws.rs.GET public String hello() { return "hello"; } }
JAVA
  ./mvnw -B -q -ntp -f "$bare/pom.xml" package -DskipTests
fi

public_key=$(openssl pkey -in src/test/resources/local-signing-key.pem -pubout | grep -v -- ----- | tr -d '\n')

token=$(deployment/local/token.sh recruiter)

# shellcheck source=lib/start-ready.sh
source bench/lib/start-ready.sh

# Prints "<ms to first 200> <RSS MiB> <ms of the first API request>" for one start: measure <log> <command...>
measure() {
  start_ready "$@"
  # The first real request after ready (the bare app has no API: its /hello).
  first=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "http://127.0.0.1:8080${FIRST_PATH:-/api/v1/candidates}")
  kill "$READY_PID"; wait "$READY_PID" 2>/dev/null || true
  echo "$READY_MS $RSS_MIB $(awk -v t="$first" 'BEGIN {printf "%d", t * 1000}')"
}

# The service's database, migrated once (as the migration Job does before any pod starts).
"${pg[@]}" -c "drop database if exists ats_bench_startup with (force)" -c "create database ats_bench_startup"
service_env=(QUARKUS_PROFILE=prod DATABASE_MIGRATE_AT_START=false
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/ats_bench_startup
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused
  QUARKUS_OIDC_PUBLIC_KEY="$public_key" QUARKUS_OIDC_TOKEN_ISSUER=https://ats.local/issuer WHATSAPP_MOCK_MODE=true)
env "${service_env[@]}" DATABASE_MIGRATE_AND_EXIT=true java -jar target/quarkus-app/quarkus-run.jar >"$work/migrate.log" 2>&1

# The AOT caches, trained on this jar and this JVM.
deployment/aot-training.sh "$java25" jdbc:postgresql://127.0.0.1:5432/ats_bench_startup postgres "$work/service.aot" >/dev/null
"$java25" -XX:AOTCacheOutput="$work/bare.aot" -jar "$bare/target/quarkus-app/quarkus-run.jar" >"$work/bare-training.log" 2>&1 &
trainee=$!
until curl -sf -o /dev/null http://127.0.0.1:8080/q/health/ready; do sleep 0.1; done
for _ in $(seq 1 20); do curl -s -o /dev/null http://127.0.0.1:8080/hello; curl -s -o /dev/null http://127.0.0.1:8080/q/health/ready; done
kill $trainee; wait $trainee || true

column() { printf '%s\n' "${@:2}" | awk -v c="$1" '{print $c}' | median; }

runner=$(ls target/*-runner 2>/dev/null | head -1 || true)
setups=(jdk17 jdk25 jdk25+aot)
[ -n "$runner" ] && setups+=(native)
native_name="none (build it with ./mvnw package -Pnative)"
[ -n "$runner" ] && native_name=$(basename "$runner")
echo "runs: $runs per line (medians), every JVM with $memory; native: $native_name"
printf '%-10s %-8s %9s %8s %9s   %s\n' setup app ready_ms rss_mib first_ms "all runs (ms rss first)"
declare -A ms rss first
for setup in "${setups[@]}"; do
  case $setup in
    jdk17) jvm=(java $memory); service_jvm=("${jvm[@]}"); bare_jvm=("${jvm[@]}") ;;
    jdk25) jvm=("$java25" $memory); service_jvm=("${jvm[@]}"); bare_jvm=("${jvm[@]}") ;;
    jdk25+aot) service_jvm=("$java25" $memory -XX:AOTCache="$work/service.aot"); bare_jvm=("$java25" $memory -XX:AOTCache="$work/bare.aot") ;;
    native) ;;
  esac
  service_runs=() bare_runs=()
  for i in $(seq 1 "$runs"); do
    if [ "$setup" = native ]; then
      service_runs+=("$(measure "$work/service-$setup-$i.log" env "${service_env[@]}" "$runner" -Xmx128m)")
      continue
    fi
    service_runs+=("$(measure "$work/service-$setup-$i.log" env "${service_env[@]}" "${service_jvm[@]}" -jar target/quarkus-app/quarkus-run.jar)")
    bare_runs+=("$(FIRST_PATH=/hello measure "$work/bare-$setup-$i.log" "${bare_jvm[@]}" -jar "$bare/target/quarkus-app/quarkus-run.jar")")
  done
  ms[$setup-service]=$(column 1 "${service_runs[@]}"); rss[$setup-service]=$(column 2 "${service_runs[@]}"); first[$setup-service]=$(column 3 "${service_runs[@]}")
  printf '%-10s %-8s %9s %8s %9s   %s\n' "$setup" service "${ms[$setup-service]}" "${rss[$setup-service]}" "${first[$setup-service]}" "${service_runs[*]}"
  [ "$setup" = native ] && continue
  ms[$setup-bare]=$(column 1 "${bare_runs[@]}"); rss[$setup-bare]=$(column 2 "${bare_runs[@]}"); first[$setup-bare]=$(column 3 "${bare_runs[@]}")
  printf '%-10s %-8s %9s %8s %9s   %s\n' "$setup" bare "${ms[$setup-bare]}" "${rss[$setup-bare]}" "${first[$setup-bare]}" "${bare_runs[*]}"
done
"${pg[@]}" -c "drop database if exists ats_bench_startup with (force)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
for setup in jdk17 jdk25 jdk25+aot; do
  echo "ratio service/bare, $setup: time $(ratio "${ms[$setup-service]}" "${ms[$setup-bare]}"), rss $(ratio "${rss[$setup-service]}" "${rss[$setup-bare]}")"
done
echo "ratio service jdk25+aot / bare jdk17: time $(ratio "${ms[jdk25+aot-service]}" "${ms[jdk17-bare]}"), rss $(ratio "${rss[jdk25+aot-service]}" "${rss[jdk17-bare]}")"
