#!/usr/bin/env bash
# Gathers what the native runner built by `./mvnw package -Pnative` needs into one directory, the
# Docker context of src/main/docker/Dockerfile.native-micro: the runner, the shim libjvm.so and the
# Temurin 25 libraries it links (found beside it through its $ORIGIN RPATH).
#
#   deployment/native-image-context.sh [svm-native] [jdk]   (defaults /opt/svm-native, Temurin 25)
set -euo pipefail
cd "$(dirname "$0")/.."
svm=${1:-/opt/svm-native}
jdk=${2:-/usr/lib/jvm/temurin-25-jdk-amd64}
context=target/native-image
rm -rf "$context" && mkdir -p "$context"
cp target/*-runner "$context/application"
cp "$svm/shim/libjvm.so" "$context/"
for lib in java nio net zip extnet management_ext jimage; do
  [ -f "$jdk/lib/lib$lib.so" ] && cp "$jdk/lib/lib$lib.so" "$context/"
done
# What the copied libraries need in turn from the JDK (libverify, libjsig, …), if anything.
for so in "$context"/*.so; do
  ldd "$so" 2>/dev/null | awk -v jdk="$jdk/lib/" 'index($3, jdk) == 1 {print $3}'
done | sort -u | while read -r dependency; do cp -n "$dependency" "$context/"; done
echo "Docker context: $context"; ls -la "$context"
