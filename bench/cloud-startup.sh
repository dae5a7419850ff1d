#!/usr/bin/env bash
# Start-up time, memory and stop time of the local device cloud, as a user starts it.
#
#   bench/cloud-startup.sh [CLOUD_JAR]   (default: cloud/target/openioto-cloud.jar; build it first)
#   RUNS=5 (per case)
#
# Each run starts `java -jar openioto-cloud.jar` on free ports (HTTP and MQTTS) and takes the
# time from just before the launch to its "OpenIoto cloud started" line, which it prints once
# the database, the CA, the broker and the HTTP API are up. Two cases: a fresh data directory
# each run (it creates the database, the CA and the admin user), and one existing data
# directory reused by every run (made by an untimed first start). RSS is VmRSS a second after
# the line; stop is the time from SIGTERM to the process's exit. Everything listens on
# 127.0.0.1 only.
#
# Prints:
#   BENCH cloud_startup_ms median=<ms> runs=<ms,...> data=fresh|existing
#   BENCH cloud_startup_cpu_ms median=<ms> runs=<ms,...> data=fresh|existing
#   BENCH cloud_rss_kb <kB> runs=<kB,...>
#   BENCH cloud_stop_ms <ms> runs=<ms,...>
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar=${1:-$root/cloud/target/openioto-cloud.jar}
runs=${RUNS:-5}
[[ -f $jar ]] || { echo "bench: no $jar; run 'mvn -B package -pl cloud' first" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]?$ ]] || { echo "bench: RUNS must be 1-99" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/openioto-bench.XXXXXX")
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
trap 'kill_leftover; rm -rf "$work"' EXIT

one_run() {
    start_once "OpenIoto cloud started*" java -jar "$jar" --data "$1" --http-port 0 --mqtts-port 0 \
        --admin-password bench-only
}

echo "# cloud $jar"
echo "# java: $(java -version 2>&1 | head -1)"
echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $runs runs per case"

rss_all=() stops=()
run_case() {
    local kind=$1 i times=() cpus=()
    [[ $kind == existing ]] && one_run "$work/data-existing"   # untimed: makes the data directory
    for i in $(seq "$runs"); do
        if [[ $kind == fresh ]]; then one_run "$work/data-fresh-$i"; else one_run "$work/data-existing"; fi
        times+=("$ms") cpus+=("$cpu") rss_all+=("$rss") stops+=("$stop_ms")
        echo "# $kind run $i: ${ms} ms, cpu ${cpu} ms, VmRSS ${rss} kB, stop ${stop_ms} ms"
    done
    echo "BENCH cloud_startup_ms median=$(printf '%s\n' "${times[@]}" | median) runs=$(IFS=,; echo "${times[*]}") data=$kind"
    echo "BENCH cloud_startup_cpu_ms median=$(printf '%s\n' "${cpus[@]}" | median) runs=$(IFS=,; echo "${cpus[*]}") data=$kind"
}

run_case fresh
run_case existing
echo "BENCH cloud_rss_kb $(printf '%s\n' "${rss_all[@]}" | median) runs=$(IFS=,; echo "${rss_all[*]}")"
echo "BENCH cloud_stop_ms $(printf '%s\n' "${stops[@]}" | median) runs=$(IFS=,; echo "${stops[*]}")"
