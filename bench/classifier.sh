#!/usr/bin/env bash
# Reply classifier: accuracy and confusion matrix on the shared dev set and the hold-out set,
# then time per reply. Usage: bench/classifier.sh [labelled.tsv ...]
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(../shared/data/replies_dev.tsv src/test/resources/classification/replies_holdout.tsv
  src/test/resources/classification/replies_holdout_latam.tsv)
./mvnw -B -q -ntp test-compile
java -cp target/classes:target/test-classes com.atsplatform.communications.classification.ClassifierBenchmark "${files[@]}"
