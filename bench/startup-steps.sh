#!/usr/bin/env bash
# What each change bought: the packaged service of several revisions and the bare Quarkus REST app
# (built by bench/startup.sh), started in turn in one run, as bench/startup.sh starts them (prod
# profile, migrated database, no migration at start, -XX:MaxRAM=512m, JDK 17), timed to the first
# 200 from /q/health/ready, RSS at that moment. Each revision is built once in target/bench-steps.
#
#   bench/startup-steps.sh [runs] <revision>...     (default 5 runs; e.g. 7168bf2 HEAD)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
if [[ ${1:-} =~ ^[0-9]+$ ]]; then runs=$1; shift; fi
[ $# -gt 0 ] || { echo "usage: $0 [runs] <revision>..." >&2; exit 2; }
export PGOPTIONS="-c client_min_messages=warning"
work=target/bench-steps
bare=target/bench-startup/bare/target/quarkus-app/quarkus-run.jar
[ -f "$bare" ] || { echo "build the bare app first: bench/startup.sh 1" >&2; exit 1; }
mkdir -p "$work"

jars=()
for revision in "$@"; do
  commit=$(git rev-parse --short "$revision")
  if [ ! -f "$work/$commit/quarkus-run.jar" ]; then
    rm -rf "$work/$commit" "$work/src-$commit"
    git worktree add -f --detach "$work/src-$commit" "$commit" >/dev/null 2>&1
    (cd "$work/src-$commit" && ./mvnw -B -q -ntp package -DskipTests >"../build-$commit.log" 2>&1) || { echo "build of $commit failed: $work/build-$commit.log" >&2; exit 1; }
    mv "$work/src-$commit/target/quarkus-app" "$work/$commit"
    git worktree remove --force "$work/src-$commit"
  fi
  jars+=("$commit")
done

db=ats_bench_steps
psql -h 127.0.0.1 -U postgres -qAt -c "drop database if exists $db with (force)" -c "create database $db"
public_key=$(openssl pkey -in src/test/resources/local-signing-key.pem -pubout | grep -v -- ----- | tr -d '\n')
# Every revision's names for "migrated already, do not migrate" (the Flyway extension's, then ours).
service_env=(QUARKUS_PROFILE=prod QUARKUS_FLYWAY_ACTIVE=false DATABASE_MIGRATE_AT_START=false
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused
  QUARKUS_OIDC_PUBLIC_KEY="$public_key" QUARKUS_OIDC_TOKEN_ISSUER=https://ats.local/issuer WHATSAPP_MOCK_MODE=true)
# Migrated by this checkout's jar, as the migration Job does.
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests
env "${service_env[@]}" DATABASE_MIGRATE_AND_EXIT=true java -jar target/quarkus-app/quarkus-run.jar >"$work/migrate.log" 2>&1

# shellcheck source=lib/start-ready.sh
source bench/lib/start-ready.sh
measure() {
  start_ready "$work/last.log" "$@"
  echo "$READY_MS $RSS_MIB"
  kill "$READY_PID"; wait "$READY_PID" 2>/dev/null || true
}

declare -A results
for i in $(seq 1 "$runs"); do
  # Interleaved: every revision and the bare app once per round, so drift hits all alike.
  results[bare]+="$(measure java -XX:MaxRAM=512m -jar "$bare")"$'\n'
  for commit in "${jars[@]}"; do
    results[$commit]+="$(measure env "${service_env[@]}" java -XX:MaxRAM=512m -jar "$work/$commit/quarkus-run.jar")"$'\n'
  done
done
bare_ms=$(printf '%s' "${results[bare]}" | awk '{print $1}' | median)
bare_rss=$(printf '%s' "${results[bare]}" | awk '{print $2}' | median)
printf '%-10s %9s %8s %7s %7s   %s\n' revision ready_ms rss_mib ÷time ÷rss "subject"
printf '%-10s %9s %8s %7s %7s   %s\n' bare "$bare_ms" "$bare_rss" 1.00 1.00 "bare Quarkus REST + health"
for commit in "${jars[@]}"; do
  ms=$(printf '%s' "${results[$commit]}" | awk '{print $1}' | median)
  rss=$(printf '%s' "${results[$commit]}" | awk '{print $2}' | median)
  printf '%-10s %9s %8s %7.2f %7.2f   %s\n' "$commit" "$ms" "$rss" "$(echo "$ms / $bare_ms" | bc -l)" "$(echo "$rss / $bare_rss" | bc -l)" \
    "$(git log -1 --format=%s "$commit" | cut -c1-70)"
done
psql -h 127.0.0.1 -U postgres -qAt -c "drop database if exists $db with (force)"
