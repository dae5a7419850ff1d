# Shared by the start-up benchmarks: source it after setting $work (a scratch directory).
# Every wait is bounded.

micros() { echo "${EPOCHREALTIME/./}"; }

# utime + stime of a process in ms (fields 14 and 15 of /proc/PID/stat, in clock ticks)
cpu_ms() {
    local stat
    stat=$(<"/proc/$1/stat")
    stat=${stat##*) }   # the command name may contain spaces; the fields after it do not
    read -r -a f <<<"$stat"
    echo $(( (f[11] + f[12]) * 1000 / $(getconf CLK_TCK) ))
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

pid=
# Kills a process left running by an interrupted start_once.
kill_leftover() {
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

# start_once PATTERN COMMAND...: starts COMMAND, waits up to 30 s for an output line matching
# the glob PATTERN, and sets ms (launch to that line), cpu (ms of CPU used until then) and rss
# (VmRSS in kB a second later); then stops it with SIGTERM (SIGKILL after 10 s) and sets
# stop_ms (SIGTERM to exit). Exits the script if the line does not come.
start_once() {
    local pattern=$1 fifo=$work/out line t0 deadline
    shift
    rm -f "$fifo"
    mkfifo "$fifo"
    t0=$(micros)
    "$@" >"$fifo" 2>&1 &
    pid=$!
    exec 3<"$fifo"
    ms= cpu=
    deadline=$((SECONDS + 30))
    while ((SECONDS < deadline)) && IFS= read -r -t 30 -u 3 line; do
        # shellcheck disable=SC2053 # the pattern is a glob on purpose
        if [[ $line == $pattern ]]; then
            ms=$(( ($(micros) - t0) / 1000 ))
            cpu=$(cpu_ms "$pid")
            break
        fi
    done
    if [[ -z $ms ]]; then
        echo "bench: no line '$pattern' within 30 s from: $*" >&2
        exit 1
    fi
    # keep draining the pipe so the process never blocks on a full one
    cat <&3 >/dev/null &
    local drain=$!
    sleep 1
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
    t0=$(micros)
    kill -TERM "$pid"
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    stop_ms=$(( ($(micros) - t0) / 1000 ))
    pid=
    exec 3<&-
    wait "$drain" 2>/dev/null || true
}
