#!/usr/bin/env bash
# Mints a bearer token that dev mode accepts (RS256, signed with the local key the dev and test
# profiles trust). Usage: deployment/local/token.sh [role ...]   (default: recruiter)
# Example: curl -H "Authorization: Bearer $(deployment/local/token.sh admin)" localhost:8080/api/v1/candidates
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
key="$here/../../src/test/resources/local-signing-key.pem"
roles=("${@:-recruiter}")
groups=$(printf '"%s",' "${roles[@]}")
now=$(date +%s)
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"https://ats.local/issuer","sub":"local-user","preferred_username":"local","groups":[%s],"iat":%d,"exp":%d}' \
  "${groups%,}" "$now" "$((now + 8 * 3600))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
