#!/usr/bin/env bash
# Time per send through the WhatsApp gateway (REST client + fault tolerance + JSON) against a
# Graph API stand-in (WireMock on loopback), beside the same POST made directly with the JDK's
# HTTP client in the same run. Usage: bench/gateway.sh [sends]   (default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp test -Dtest=GatewayBenchmark -Dbench.gateway=true -Dbench.sends="${1:-5000}" -Dsurefire.failIfNoSpecifiedTests=false \
  | sed -n '/^sends:/,/^added by/p'
