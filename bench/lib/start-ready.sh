# Sourced by the start-up benchmarks. start_ready <log> <command...>: starts the command in the
# background and waits for the first 200 from /q/health/ready on port 8080; then READY_PID is its
# pid, READY_MS the milliseconds since it was started, RSS_MIB its resident memory at that moment.
start_ready() {
  local log=$1 start
  shift
  start=$(date +%s%N)
  "$@" >"$log" 2>&1 &
  READY_PID=$!
  until curl -sf -o /dev/null http://127.0.0.1:8080/q/health/ready; do
    kill -0 "$READY_PID" 2>/dev/null || { echo "process died, see $log" >&2; exit 1; }
    sleep 0.02
  done
  READY_MS=$((($(date +%s%N) - start) / 1000000))
  RSS_MIB=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$READY_PID/status")
}

# The median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
