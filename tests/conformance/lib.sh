# shellcheck shell=bash
#
# lib.sh: what the conformance scripts share, sourced by every *_test.sh.
#
# Overview. FreeBSD's tests/sys/net scripts are atf-sh test programs: a program lists its
# cases, and runs one case at a time as body then cleanup. Ours keep that shape so the ports
# read like the originals, on top of a few atf-like helpers written here (atf_check with -s,
# -o and -e, atf_fail, atf_skip). What differs is the system under test: each case starts its
# own `bin/ifnet daemon` in a fresh work directory, talks to it only through
# `bin/ifnet ifconfig` (and `bin/ifnet batch`, one JVM for many commands), and ends the way
# every ifnet test ends: everything it made is destroyed, the daemon's leak report must be
# empty ("no leaks"), `ifconfig -l` must be back to lo0, the saved configuration must list no
# cloned interface, and the daemon, stopped with SIGTERM, must exit 0 (its own final leak
# check).
#
# Stress cases run for IFNET_STRESS_SECONDS (10 by default, FreeBSD's TESTLEN; 60 is the
# duration FreeBSD's if_lagg_test.sh uses). Each of FreeBSD's "threads" (a shell loop
# running ifconfig) is kept as written, one `bin/ifnet ifconfig` process per command; one
# such call is a JVM start (~0.2 s), so those loops alone rarely make two requests meet
# inside the daemon. Each stress case therefore also runs the same commands as streams: an
# endless `bin/ifnet batch --force` per thread, thousands of requests per second on one
# connection, so that creates, ups, queries and destroys really overlap in the daemon.
#
# Exit status of one case: 0 passed, 1 failed, 77 skipped (the automake convention).
# A case's work directory is removed when it passes and kept (and named) when it fails.

set -u

CONF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CONF_ROOT=$(cd "$CONF_DIR/../.." && pwd)
IFNET_BIN="$CONF_ROOT/bin/ifnet"
TESTLEN=${IFNET_STRESS_SECONDS:-10}

CONF_CASES=()
CONF_BG_PIDS=()
CONF_DAEMON_PID=""
CONF_WORK=""
CONF_CASE=""

# ================================================================== atf-like helpers

# FreeBSD's scripts call ifconfig; here it is ours, against the case's daemon ($IFNET_SOCKET).
ifconfig() {
    "$IFNET_BIN" ifconfig "$@"
}

atf_test_case() {
    CONF_CASES+=("$1")
}

atf_add_test_case() {
    atf_test_case "$1"
}

atf_fail() {
    echo "FAIL: $*" >&2
    exit 1
}

atf_skip() {
    echo "SKIP: $*"
    exit 77
}

# atf_check [-s exit:N|exit:any] [-o SPEC]... [-e SPEC]... COMMAND...
# SPEC: empty, ignore, match:ERE, not-match:ERE, inline:TEXT (TEXT and a newline).
# As in atf, without -s the status must be 0 and without -o/-e the output must be empty.
atf_check() {
    local OPTIND opt status="exit:0" outs=() errs=()
    while getopts "s:o:e:" opt; do
        case "$opt" in
            s) status=$OPTARG ;;
            o) outs+=("$OPTARG") ;;
            e) errs+=("$OPTARG") ;;
            *) atf_fail "atf_check: unknown option" ;;
        esac
    done
    shift $((OPTIND - 1))
    [ ${#outs[@]} -eq 0 ] && outs=(empty)
    [ ${#errs[@]} -eq 0 ] && errs=(empty)
    local out="$CONF_WORK/check.out" err="$CONF_WORK/check.err" rc=0
    "$@" >"$out" 2>"$err" || rc=$?
    local problems=""
    case "$status" in
        exit:any) ;;
        exit:*) [ "$rc" -eq "${status#exit:}" ] || problems+="exit status $rc, expected ${status#exit:}"$'\n' ;;
        *) atf_fail "atf_check: unknown status spec '$status'" ;;
    esac
    local spec
    for spec in "${outs[@]}"; do
        problems+=$(conf_check_stream stdout "$out" "$spec")
    done
    for spec in "${errs[@]}"; do
        problems+=$(conf_check_stream stderr "$err" "$spec")
    done
    if [ -n "$problems" ]; then
        {
            echo "atf_check failed: $*"
            printf '%s\n' "$problems" | sed '/^$/d; s/^/  /'
            echo "  stdout was:"
            sed 's/^/    | /' "$out"
            echo "  stderr was:"
            sed 's/^/    | /' "$err"
        } >&2
        atf_fail "check failed: $*"
    fi
}

# Prints a line describing the mismatch, or nothing.
conf_check_stream() {
    local which=$1 file=$2 spec=$3
    case "$spec" in
        ignore) ;;
        empty) [ -s "$file" ] && echo "$which is not empty" ;;
        match:*) grep -Eq -- "${spec#match:}" "$file" || echo "$which does not match '${spec#match:}'" ;;
        not-match:*) grep -Eq -- "${spec#not-match:}" "$file" && echo "$which matches '${spec#not-match:}'" ;;
        inline:*) [ "$(cat "$file")" = "${spec#inline:}" ] || echo "$which is not '${spec#inline:}'" ;;
        *) echo "unknown output spec '$spec'" ;;
    esac
    return 0
}

# ================================================================== created interfaces

# Records an interface for the cleanup (FreeBSD's devices_to_cleanup).
conf_register() {
    echo "$1" >>"$CONF_WORK/devices_to_cleanup"
}

# FreeBSD's get_iface for if_clone_test: the first of CLASS0..CLASS8 that can be created;
# echoes its name (epairNa for epair) and registers it.
get_iface() {
    local class=$1 n=0 dev
    while ! ifconfig "${class}${n}" create >/dev/null 2>&1; do
        if [ "$n" -ge 8 ]; then
            atf_skip "Could not create a ${class} interface"
        fi
        n=$((n + 1))
    done
    dev="${class}${n}"
    [ "$class" = epair ] && dev="${dev}a"
    conf_register "$dev"
    echo "$dev"
}

# FreeBSD's get_tap and get_lagg for if_lagg_test: create by cloner name, register the result.
get_tap() {
    conf_get_cloned tap
}

get_lagg() {
    conf_get_cloned lagg
}

conf_get_cloned() {
    local name
    name=$(ifconfig "$1" create) || atf_fail "ifconfig $1 create failed"
    conf_register "$name"
    echo "$name"
}

# The cloner's name of an interface for `create` (epair0a -> epair0), as FreeBSD's ${IFACE%a}.
conf_create_name() {
    case "$1" in
        epair*a) echo "${1%a}" ;;
        *) echo "$1" ;;
    esac
}

# ================================================================== stress machinery

# Runs a command and counts, FreeBSD-style, one dot per success in NAME_count.txt; failures
# get a dot in NAME_fail.txt and their messages in NAME.err. For use inside a loop.
conf_counted() {
    local name=$1
    shift
    if "$@" >/dev/null 2>>"$CONF_WORK/$name.err"; then
        printf . >>"$CONF_WORK/${name}_count.txt"
    else
        printf . >>"$CONF_WORK/${name}_fail.txt"
    fi
}

conf_count() {
    local f="$CONF_WORK/${1}_count.txt"
    [ -f "$f" ] && wc -c <"$f" | tr -d ' ' || echo 0
}

conf_fails() {
    local f="$CONF_WORK/${1}_fail.txt"
    [ -f "$f" ] && wc -c <"$f" | tr -d ' ' || echo 0
}

# conf_loop NAME COMMAND...: FreeBSD's `while true; do COMMAND && echo -n . >> count; done &`,
# stopped by conf_stop instead of kill so that no command is cut short and the counts are
# exact.
conf_loop() {
    local name=$1
    shift
    (
        while [ ! -e "$CONF_WORK/stop" ]; do
            conf_counted "$name" "$@"
        done
    ) &
    CONF_BG_PIDS+=($!)
}

# Starts a background function, stopped by conf_stop like conf_loop.
conf_background() {
    "$@" &
    CONF_BG_PIDS+=($!)
}

# conf_stream NAME LINE...: feeds the ifconfig command lines, over and over, to one
# `bin/ifnet batch --force` on the daemon until conf_stop; counts the rounds written.
# Batch reports each failing line as "line N: ifconfig: ..." on stderr; N tells which of the
# round's commands failed (see conf_stream_tally).
conf_stream() {
    local name=$1
    shift
    printf '%s\n' "$@" >"$CONF_WORK/$name.lines"
    (
        conf_feed "$name" "$@" | "$IFNET_BIN" batch --force --socket "$IFNET_SOCKET" \
            >"$CONF_WORK/$name.out" 2>"$CONF_WORK/$name.err"
    ) &
    CONF_BG_PIDS+=($!)
}

conf_feed() {
    local name=$1 rounds=0
    shift
    while [ ! -e "$CONF_WORK/stop" ]; do
        printf 'ifconfig %s\n' "$@" || break
        rounds=$((rounds + 1))
    done
    echo "$rounds" >"$CONF_WORK/$name.rounds"
}

# Prints one line per command of a stream: "ok failed command", from the rounds written and
# the line numbers of the failures; and writes the failures' messages, without the line
# prefix and one per line, to NAME.msgs.
conf_stream_tally() {
    local name=$1 rounds
    rounds=$(cat "$CONF_WORK/$name.rounds" 2>/dev/null || echo 0)
    grep '^line [0-9]*: ' "$CONF_WORK/$name.err" | sed 's/^line [0-9]*: //' >"$CONF_WORK/$name.msgs"
    awk -v rounds="$rounds" '
        FNR == NR { cmd[++n] = $0; next }
        /^line [0-9]+: / { split($2, a, ":"); k = (a[1] - 1) % n + 1; failed[k]++ }
        END { for (i = 1; i <= n; i++) printf "%d %d %s\n", rounds - failed[i], failed[i] + 0, cmd[i] }
    ' "$CONF_WORK/$name.lines" "$CONF_WORK/$name.err"
}

# ok count of command number K (1-based) of a stream.
conf_stream_ok() {
    conf_stream_tally "$1" | sed -n "${2}p" | cut -d' ' -f1
}

conf_stream_failed() {
    conf_stream_tally "$1" | sed -n "${2}p" | cut -d' ' -f2
}

# Lets the stress run for TESTLEN seconds, then stops every loop and stream and waits for
# them (a stream first finishes the commands already written to it).
conf_run_for_testlen() {
    sleep "$TESTLEN"
    conf_stop
}

conf_stop() {
    touch "$CONF_WORK/stop"
    local pid
    for pid in "${CONF_BG_PIDS[@]}"; do
        wait "$pid" 2>/dev/null
    done
    CONF_BG_PIDS=()
    rm -f "$CONF_WORK/stop"
}

# conf_expect_errors WHAT ERE FILE...: every error message in the files must match ERE (the
# errors the contract allows for that command), else the case fails listing the others.
conf_expect_errors() {
    local what=$1 allowed=$2
    shift 2
    local bad
    bad=$(cat "$@" 2>/dev/null | grep -Ev -- "$allowed" | sort | uniq -c | sort -rn | head -n 10)
    if [ -n "$bad" ]; then
        echo "unexpected errors from $what (allowed: $allowed):" >&2
        printf '%s\n' "$bad" | sed 's/^/  /' >&2
        atf_fail "unexpected errors from $what"
    fi
}

# A random delay of 0 to 10 ms, as FreeBSD's randsleep 10000 (its mean sleep is 5 ms).
randsleep() {
    sleep "0.00$((RANDOM % 10))"
}

# A line for the runner to show next to the case's result.
conf_summary() {
    echo "summary: $*"
}

# ================================================================== daemon and case runner

conf_start_daemon() {
    export IFNET_SOCKET="$CONF_WORK/ifnet.sock"
    "$IFNET_BIN" daemon --socket "$IFNET_SOCKET" --config "$CONF_WORK/ifnet.conf" \
        --track-references 2>"$CONF_WORK/daemon.log" &
    CONF_DAEMON_PID=$!
    local i
    for ((i = 0; i < 600; i++)); do
        [ -S "$IFNET_SOCKET" ] && return 0
        if ! kill -0 "$CONF_DAEMON_PID" 2>/dev/null; then
            CONF_DAEMON_PID=""
            cat "$CONF_WORK/daemon.log" >&2
            atf_fail "the daemon did not start"
        fi
        sleep 0.05
    done
    atf_fail "the daemon did not create $IFNET_SOCKET within 30 s"
}

# The end of every case: stop what still runs, the case's cleanup, then the checks that
# nothing is left and nothing leaked. Runs as the EXIT trap; the case's status is its argument
# and becomes 1 if any end check fails.
conf_finish() {
    local rc=$1 fails=0
    trap - EXIT
    [ ${#CONF_BG_PIDS[@]} -gt 0 ] && conf_stop
    if [ -n "$CONF_DAEMON_PID" ]; then
        if declare -F "${CONF_CASE}_cleanup" >/dev/null; then
            "${CONF_CASE}_cleanup" || true
        fi
        conf_end_checks || fails=1
        conf_stop_daemon || fails=1
    fi
    if [ "$fails" -ne 0 ] && [ "$rc" -ne 1 ]; then
        rc=1
    fi
    cd / || true
    if [ "$rc" -eq 1 ]; then
        echo "work directory kept: $CONF_WORK" >&2
    else
        rm -rf "$CONF_WORK"
    fi
    exit "$rc"
}

# Destroys what the case registered (FreeBSD's cleanup_ifaces; an interface a stress left
# destroyed is no error), then checks that only lo0 is left, that the saved configuration
# lists no cloned interface, and that the daemon's leak report is empty.
conf_end_checks() {
    local dev ok=0 left
    if [ -f "$CONF_WORK/devices_to_cleanup" ]; then
        for dev in $(cat "$CONF_WORK/devices_to_cleanup"); do
            ifconfig "$dev" destroy 2>&1 | grep -v "interface $dev does not exist" >&2
        done
    fi
    left=$(ifconfig -l 2>&1)
    if [ "$left" != "lo0" ]; then
        echo "FAIL: interfaces left after the cleanup: $left" >&2
        ok=1
        for dev in $left; do
            [ "$dev" = lo0 ] || ifconfig "$dev" destroy >/dev/null 2>&1
        done
    fi
    if ! grep -q '^cloned_interfaces=""$' "$CONF_WORK/ifnet.conf" 2>/dev/null; then
        echo "FAIL: the saved configuration still lists cloned interfaces:" >&2
        grep '^cloned_interfaces=' "$CONF_WORK/ifnet.conf" >&2
        ok=1
    fi
    local report
    if ! report=$("$IFNET_BIN" leaks 2>&1); then
        echo "FAIL: the daemon's leak report is not empty:" >&2
        printf '%s\n' "$report" | sed 's/^/  /' >&2
        ok=1
    elif [ "$report" != "no leaks" ]; then
        echo "FAIL: unexpected leak report: $report" >&2
        ok=1
    fi
    return $ok
}

# SIGTERM; the daemon destroys what is left, checks for leaks itself, and exits 0 when clean.
conf_stop_daemon() {
    local rc=0
    kill -TERM "$CONF_DAEMON_PID" 2>/dev/null
    wait "$CONF_DAEMON_PID" || rc=$?
    CONF_DAEMON_PID=""
    if [ "$rc" -ne 0 ]; then
        echo "FAIL: the daemon exited with status $rc on SIGTERM; its log:" >&2
        sed 's/^/  /' "$CONF_WORK/daemon.log" >&2
        return 1
    fi
    # a warning (a call that failed unexpectedly, a save that failed, leaks at stop) or a
    # stack trace is a failure even when the status is 0
    if grep -Eq 'warning:|Exception|Error' "$CONF_WORK/daemon.log"; then
        echo "FAIL: the daemon's log has warnings or errors:" >&2
        sed 's/^/  /' "$CONF_WORK/daemon.log" >&2
        return 1
    fi
    return 0
}

# The base for work directories: $IFNET_CONFORMANCE_TMPDIR, else /dev/shm when it is a
# writable tmpfs, else $TMPDIR or /tmp. The daemon saves its configuration (write, fsync,
# rename) after every change; on a disk an fsync costs milliseconds and would throttle the
# stress streams to about a hundred changes a second.
conf_tmp_base() {
    if [ -n "${IFNET_CONFORMANCE_TMPDIR:-}" ]; then
        echo "$IFNET_CONFORMANCE_TMPDIR"
    elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
        echo /dev/shm
    else
        echo "${TMPDIR:-/tmp}"
    fi
}

# The test program's entry point: `SCRIPT -l` lists the cases; `SCRIPT CASE` runs one.
conf_main() {
    atf_init_test_cases
    if [ "${1:-}" = "-l" ]; then
        printf '%s\n' "${CONF_CASES[@]}"
        exit 0
    fi
    if [ $# -ne 1 ]; then
        echo "usage: $0 -l | $0 CASE" >&2
        exit 2
    fi
    local c found=0
    for c in "${CONF_CASES[@]}"; do
        [ "$c" = "$1" ] && found=1
    done
    if [ "$found" -eq 0 ]; then
        echo "$0: no case named '$1' (-l lists them)" >&2
        exit 2
    fi
    if [ ! -f "$CONF_ROOT/ifnet-tool/target/ifnet.jar" ]; then
        echo "ifnet is not built; build it with: mvn -B -q package -DskipTests" >&2
        exit 1
    fi
    CONF_CASE=$1
    CONF_WORK=$(mktemp -d "$(conf_tmp_base)/ifnet-conf.XXXXXX") || exit 1
    cd "$CONF_WORK" || exit 1
    trap 'conf_finish $?' EXIT
    trap 'exit 1' INT TERM
    conf_start_daemon
    "${CONF_CASE}_body"
}
