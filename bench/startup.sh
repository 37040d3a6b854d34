#!/usr/bin/env bash
# Start-up benchmark of the packaged JVM service against a bare Quarkus REST app, side by side in
# one run (these machines are noisy: compare the two, not either alone with another day's figure).
# Each run starts the jar against an EMPTY database (Flyway migrates it), waits for the first
# 200 from /q/health/ready, and reads the process' resident memory at that moment.
#
#   bench/startup.sh [runs]        (default 5; needs PostgreSQL on 127.0.0.1:5432, user postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
export PGOPTIONS="-c client_min_messages=warning"
pg=(psql -h 127.0.0.1 -U postgres -qAt)
work=target/bench-startup
mkdir -p "$work"

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

# Prints "<ms to first 200> <RSS MiB>" for one start of the given jar.
measure() {
  local jar=$1 log=$2
  local start end pid rss
  start=$(date +%s%N)
  java -jar "$jar" >"$log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:8080/q/health/ready; do
    kill -0 "$pid" 2>/dev/null || { echo "process died, see $log" >&2; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(((end - start) / 1000000)) $rss"
}

service_runs=() bare_runs=()
for i in $(seq 1 "$runs"); do
  "${pg[@]}" -c "drop database if exists ats_bench_startup with (force)" -c "create database ats_bench_startup"
  service_runs+=("$(env QUARKUS_PROFILE=prod \
    QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/ats_bench_startup \
    QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/ats_bench_startup \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused \
    QUARKUS_OIDC_PUBLIC_KEY="$public_key" QUARKUS_OIDC_TOKEN_ISSUER=https://ats.local/issuer \
    WHATSAPP_MOCK_MODE=true \
    bash -c "$(declare -f measure); measure target/quarkus-app/quarkus-run.jar $work/service-$i.log")")
  bare_runs+=("$(bash -c "$(declare -f measure); measure $bare/target/quarkus-app/quarkus-run.jar $work/bare-$i.log")")
done
"${pg[@]}" -c "drop database if exists ats_bench_startup with (force)"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
column() { printf '%s\n' "${@:2}" | awk -v c="$1" '{print $c}' | median; }
s_ms=$(column 1 "${service_runs[@]}"); s_rss=$(column 2 "${service_runs[@]}")
b_ms=$(column 1 "${bare_runs[@]}"); b_rss=$(column 2 "${bare_runs[@]}")
echo "runs: $runs (medians); JVM $(java -version 2>&1 | head -1)"
printf '%-34s %8s %9s\n' "" "ready_ms" "rss_mib"
printf '%-34s %8s %9s\n' "service (prod, empty db, migrates)" "$s_ms" "$s_rss"
printf '%-34s %8s %9s\n' "bare quarkus-rest app" "$b_ms" "$b_rss"
awk -v a="$s_ms" -v b="$b_ms" -v c="$s_rss" -v d="$b_rss" 'BEGIN {printf "ratio service/bare: time %.2f, rss %.2f\n", a/b, c/d}'
echo "all runs (ms rss): service ${service_runs[*]} | bare ${bare_runs[*]}"
