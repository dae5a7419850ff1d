#!/usr/bin/env bash
# Start-up time and memory of the assembled runtime, as a user starts it.
#
#   bench/startup.sh [RUNTIME_DIR]      (default: distribution/target/runtime; build it first)
#   RUNS=5 (per case)   OPENIOTO_JAVA_OPTS=... to try other JVM options than bin/openioto's defaults
#   CDS=1 adds a case with an AppCDS archive (dynamic, made by an untimed run; not a default
#         of bin/openioto, see the note at the end of this file)
#
# For each run a new bin/openioto process starts with the shipped configuration; the time is
# taken from just before the launch to the arrival of its "app: info: OpenIoto ... ready" line
# on the pipe, so it includes the JVM's own start. Two cases: a fresh state directory each run,
# and one existing state directory reused by every run (its felix-cache, made by an untimed
# first start, is then reused). "Cold" means a new process; the OS file cache stays warm.
# RSS is VmRSS of /proc/PID/status one second after the ready line, median over all runs.
# The CPU time the process used until ready (utime + stime) is printed too: on a machine shared
# with other builds it varies much less than the wall time.
#
# Prints:
#   BENCH startup_ms median=<ms> runs=<ms,...> state=fresh
#   BENCH startup_ms median=<ms> runs=<ms,...> state=existing
#   BENCH rss_kb <kB> runs=<kB,...>
#   BENCH startup_cpu_ms median=<ms> runs=<ms,...> state=...   (one per case)
# Everything stays on this machine: the runtime listens on 127.0.0.1 only and the shipped
# configuration names no reachable cloud. Every wait is bounded; a run that is not ready within
# 30 s fails the script.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runtime=$(cd "${1:-$root/distribution/target/runtime}" && pwd)
runs=${RUNS:-5}
[[ -x $runtime/bin/openioto ]] || { echo "bench: no $runtime/bin/openioto; run 'mvn -B verify' first" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]?$ ]] || { echo "bench: RUNS must be 1-99" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/openioto-bench.XXXXXX")
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
trap 'kill_leftover; rm -rf "$work"' EXIT

# Starts the runtime with state directory $1 and sets ms, cpu and rss (see start_once).
one_run() {
    start_once "app: info: OpenIoto * ready" "$runtime/bin/openioto" --state "$1"
}

echo "# runtime $runtime"
echo "# java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1); JVM options: ${OPENIOTO_JAVA_OPTS:-bin/openioto defaults}"
echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $runs runs per case"

# one case: $1 names it, $2 is fresh (a new state directory per run) or existing
rss_all=()
run_case() {
    local name=$1 kind=$2 i times=() cpus=()
    if [[ $kind == existing ]]; then
        one_run "$work/state-$name"   # untimed: makes the felix-cache the timed runs reuse
    fi
    for i in $(seq "$runs"); do
        if [[ $kind == fresh ]]; then
            one_run "$work/state-$name-$i"
        else
            one_run "$work/state-$name"
        fi
        times+=("$ms")
        cpus+=("$cpu")
        rss_all+=("$rss")
        echo "# $name run $i: ${ms} ms, cpu ${cpu} ms, VmRSS ${rss} kB"
    done
    echo "BENCH startup_ms median=$(printf '%s\n' "${times[@]}" | median) runs=$(IFS=,; echo "${times[*]}") state=$name"
    echo "BENCH startup_cpu_ms median=$(printf '%s\n' "${cpus[@]}" | median) runs=$(IFS=,; echo "${cpus[*]}") state=$name"
}

run_case fresh fresh
run_case existing existing
echo "BENCH rss_kb $(printf '%s\n' "${rss_all[@]}" | median) runs=$(IFS=,; echo "${rss_all[*]}")"

if [[ ${CDS:-0} == 1 ]]; then
    # JDK_JAVA_OPTIONS adds to bin/openioto's options instead of replacing them
    JDK_JAVA_OPTIONS="-XX:ArchiveClassesAtExit=$work/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
        one_run "$work/state-cds-dump"
    [[ -s $work/app.jsa ]] || { echo "bench: no archive was made" >&2; exit 1; }
    rss_all=()
    JDK_JAVA_OPTIONS="-XX:SharedArchiveFile=$work/app.jsa" run_case existing-cds existing
    echo "# with CDS: VmRSS median $(printf '%s\n' "${rss_all[@]}" | median) kB"
fi

# Note on AppCDS, measured with CDS=1: it saves about a fifth of the start-up CPU time. It is
# not a default of bin/openioto because on Java 17 a truncated archive (power loss while it is
# written) crashes the JVM at every start, even with -XX:+VerifySharedSpaces, and
# -XX:ArchiveClassesAtExit stops the JVM from starting at all when the JDK has no base archive.
