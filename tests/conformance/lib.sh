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
# A case's work directory is removed when it passes and kept (and named) when it fails, or
# always with IFNET_CONFORMANCE_KEEP=1.

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

# Each line is padded with a comment to 1 KiB, so that the pipe (64 KiB) holds at most 64
# commands: a stream ends within 64 commands of conf_stop instead of draining thousands
# (an "ifconfig -am" costs milliseconds).
conf_feed() {
    local name=$1 rounds=0 pad lines=() cmd
    shift
    pad=$(printf '%1000s' '' | tr ' ' '-')
    for cmd in "$@"; do
        lines+=("ifconfig $cmd #$pad")
    done
    while [ ! -e "$CONF_WORK/stop" ]; do
        printf '%s\n' "${lines[@]}" || break
        rounds=$((rounds + 1))
    done
    echo "$rounds" >"$CONF_WORK/$name.rounds"
}

# Prints one line per command of a stream: "ok failed command", from the rounds written and
# the line numbers of the failures (a command may print several error lines under one
# number); and writes the failures' messages, without the line prefix, to NAME.msgs.
conf_stream_tally() {
    local name=$1 rounds
    rounds=$(cat "$CONF_WORK/$name.rounds" 2>/dev/null || echo 0)
    grep '^line [0-9]*: ' "$CONF_WORK/$name.err" | sed 's/^line [0-9]*: //' >"$CONF_WORK/$name.msgs"
    awk -v rounds="$rounds" '
        FNR == NR { cmd[++n] = $0; next }
        /^line [0-9]+: / {
            split($2, a, ":")
            if (!(a[1] in seen)) { seen[a[1]] = 1; failed[(a[1] - 1) % n + 1]++ }
        }
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

# ================================================================== the races both programs run

# Errors a create of an existing name may give (EEXIST; ifconfig says "already exists" when
# its first look-up finds the name, and SIOCIFCREATE2's error otherwise, as for epair0).
exists_re() {
    echo "^ifconfig: (SIOCIFCREATE2 \\($1\\): File exists|interface $1 already exists)$"
}

# Errors a request on a missing or dying interface may give (ifconfig's wording for ENXIO
# depends on the step, as FreeBSD's: "interface X does not exist" from the first look-up,
# "WHAT: no such interface" from Perror(), "WHAT: Device not configured" from err()).
missing_re() {
    echo "^ifconfig: (interface $1 does not exist|.*: no such interface|.*: Device not configured)$"
}

# An interface and, for an epair half, its other half (they live and die together).
with_peer() {
    case "$1" in
        epair*a) echo "$1 ${1%a}b" ;;
        *) echo "$1" ;;
    esac
}

# conf_check_attached yes|no NAME...: each NAME (and its epair peer) is (not) attached, by one
# `ifconfig -l`.
conf_check_attached() {
    local want=$1 list name
    shift
    list=" $(ifconfig -l) " || atf_fail "ifconfig -l failed"
    for name in $(for n in "$@"; do with_peer "$n"; done); do
        case "$list" in
            *" $name "*) [ "$want" = yes ] || atf_fail "$name is still attached (ifconfig -l:$list)" ;;
            *) [ "$want" = no ] || atf_fail "$name is not attached (ifconfig -l:$list)" ;;
        esac
    done
}

# race_create_destroy IFACE: FreeBSD's do_stress threads on an interface that exists: one
# creates it, one destroys it, each as a loop of ifconfig processes and as a batch stream.
race_create_destroy() {
    local IFACE=$1 CNAME created destroyed
    CNAME=$(conf_create_name "$IFACE")

    # First thread: create the interface. Second thread: destroy it.
    conf_loop creator ifconfig "$CNAME" create
    conf_loop destroyer ifconfig "$IFACE" destroy
    conf_stream creator_stream "$CNAME create"
    conf_stream destroyer_stream "$IFACE destroy"
    conf_run_for_testlen

    created=$(($(conf_count creator) + $(conf_stream_ok creator_stream 1)))
    destroyed=$(($(conf_count destroyer) + $(conf_stream_ok destroyer_stream 1)))
    echo "Created $CNAME $created times ($(conf_count creator) by ifconfig processes)."
    echo "Destroyed it $destroyed times ($(conf_count destroyer) by ifconfig processes)."
    conf_summary "created $created, destroyed $destroyed ($(conf_count creator)/$(conf_count destroyer) by processes)"

    conf_expect_errors "create" "$(exists_re "$CNAME")" creator.err creator_stream.msgs
    conf_expect_errors "destroy" "$(missing_re "$IFACE")" destroyer.err destroyer_stream.msgs
    [ "$(conf_count creator)" -gt 0 ] && [ "$(conf_count destroyer)" -gt 0 ] \
        || atf_fail "the ifconfig loops never succeeded"

    # One interface existed before the threads started; every success changed that by one:
    # never two interfaces with one name, never a success that did nothing.
    case $((1 + created - destroyed)) in
        1) conf_check_attached yes "$IFACE" ;;
        0) conf_check_attached no "$IFACE" ;;
        *) atf_fail "$created creates and $destroyed destroys succeeded: the counts do not add up" ;;
    esac
}

# race_up_destroy IFACE UP IFACE2 UP2 [GROUP]: FreeBSD's do_up_stress rounds: "ifconfig IFACE
# UP" after 5 ms while "ifconfig IFACE destroy" after 0 to 10 ms, wait for both, create IFACE
# again, repeat; as ifconfig processes. The same race runs as two streams on IFACE2 (UP2 and
# destroy; create). Only the rounds destroy and create IFACE and only the stream IFACE2, so
# every destroy and create must succeed; an up may only find the interface gone. With GROUP
# (UP joins it), the group must never list IFACE once it is destroyed.
race_up_destroy() {
    local IFACE=$1 UP=$2 IFACE2=$3 UP2=$4 GROUP=${5:-} rounds

    conf_background up_rounds "$IFACE" "$UP" "$GROUP"
    conf_stream up_stream "$IFACE2 $UP2"
    conf_stream destroy_stream "$IFACE2 destroy" "$(conf_create_name "$IFACE2") create"
    conf_run_for_testlen

    rounds=$(conf_count create)
    echo "Upped $IFACE $(conf_count up) times in $rounds rounds; $IFACE2 $(conf_stream_ok up_stream 1) times."
    echo "Destroyed them $(conf_count destroy) and $(conf_stream_ok destroy_stream 1) times."
    conf_summary "$rounds rounds: up $(conf_count up), destroyed $(conf_count destroy);" \
        "streams: up $(conf_stream_ok up_stream 1), destroyed $(conf_stream_ok destroy_stream 1)"

    conf_expect_errors "destroy and create" "^$" destroy.err create.err destroy_stream.msgs
    [ "$(conf_fails destroy)" -eq 0 ] && [ "$(conf_fails create)" -eq 0 ] \
        && [ "$(conf_stream_failed destroy_stream 1)" -eq 0 ] && [ "$(conf_stream_failed destroy_stream 2)" -eq 0 ] \
        || atf_fail "a destroy or create failed"
    [ "$rounds" -gt 0 ] || atf_fail "no round completed in $TESTLEN s"
    conf_expect_errors "up" "$(missing_re "($IFACE|$IFACE2)")" up.err up_stream.msgs
    if [ -s violations ]; then
        sed 's/^/  /' violations >&2
        atf_fail "group $GROUP listed an interface that was gone"
    fi

    # Every round and every stream round ends with a create.
    conf_check_attached yes "$IFACE" "$IFACE2"
    if [ -n "$GROUP" ]; then
        # the rounds' interface was created after its last up; only the stream's may be in
        atf_check -o not-match:"^$IFACE\$" ifconfig -g "$GROUP"
    fi
}

# The rounds of race_up_destroy (a background function: failures are counted, not fatal).
up_rounds() {
    local iface=$1 up=$2 group=$3 upid dpid members
    while [ ! -e "$CONF_WORK/stop" ]; do
        # shellcheck disable=SC2086 # UP is words
        { sleep 0.005 && conf_counted up ifconfig "$iface" $up; } &
        upid=$!
        { randsleep && conf_counted destroy ifconfig "$iface" destroy; } &
        dpid=$!
        wait "$upid" "$dpid"
        if [ -n "$group" ]; then
            members=$(ifconfig -g "$group" 2>&1)
            if printf '%s\n' "$members" | grep -qx "$iface"; then
                echo "after destroying $iface, group $group lists: $members" >>"$CONF_WORK/violations"
            fi
        fi
        conf_counted create ifconfig "$(conf_create_name "$iface")" create
    done
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
    if [ "$rc" -eq 1 ] || [ -n "${IFNET_CONFORMANCE_KEEP:-}" ]; then
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
    # one batch: the destroys, then the listing (the only output)
    left=$( {
        [ -f "$CONF_WORK/devices_to_cleanup" ] && sed 's/^/ifconfig /; s/$/ destroy/' "$CONF_WORK/devices_to_cleanup"
        echo "ifconfig -l"
    } | "$IFNET_BIN" batch --force --socket "$IFNET_SOCKET" 2>"$CONF_WORK/cleanup.err")
    grep -v ': ifconfig: interface [^ ]* does not exist$' "$CONF_WORK/cleanup.err" | grep -v '^batch: ' >&2
    if [ "$left" != "lo0" ]; then
        echo "FAIL: interfaces left after the cleanup: $left" >&2
        ok=1
        for dev in $left; do
            [ "$dev" = lo0 ] || ifconfig "$dev" destroy >/dev/null 2>&1
        done
    fi
    # (no file: nothing was ever changed)
    if [ -f "$CONF_WORK/ifnet.conf" ] && ! grep -q '^cloned_interfaces=""$' "$CONF_WORK/ifnet.conf"; then
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
