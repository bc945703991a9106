#!/usr/bin/env bash
#
# run.sh: runs the conformance cases (every CASE of every tests/conformance/*_test.sh), a few
# at a time, each in its own process with its own daemon, and prints one line per case:
#
#   PASS  if_clone_test:epair_stress  (11.2 s)  created 5120, destroyed 5120 (...)
#
# then, last, "N passed, M failed" (", K skipped" when some were). Exit status 1 when a case
# failed (its output is printed under its line) or when no case matched, else 0.
#
# Usage: tests/conformance/run.sh [-j JOBS] [-l] [PATTERN...]
#   -j JOBS   cases run at once (default $IFNET_CONFORMANCE_JOBS, else 3). Each stress case
#             lasts IFNET_STRESS_SECONDS (10 by default; 60 is FreeBSD's duration), so 18
#             stress cases take 18 x 10 s / JOBS.
#   -l        list the cases and exit
#   PATTERN   run only the cases whose PROGRAM:CASE name contains one of the patterns
#
# A case still running after IFNET_CONFORMANCE_TIMEOUT seconds (default 4 x the stress time
# + 120) fails; it and its daemon are stopped.
#
# Needs the built tool (mvn -B -q package -DskipTests); run it from anywhere.

set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
jobs=${IFNET_CONFORMANCE_JOBS:-3}
list_only=0

while getopts "j:lh" opt; do
    case "$opt" in
        j) jobs=$OPTARG ;;
        l) list_only=1 ;;
        *) sed -n '3,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
case "$jobs" in
    '' | *[!0-9]* | 0) echo "run.sh: -j needs a positive number" >&2; exit 2 ;;
esac

if [ ! -f "$root/ifnet-tool/target/ifnet.jar" ]; then
    echo "run.sh: ifnet is not built; build it with: mvn -B -q package -DskipTests" >&2
    exit 1
fi

# ------------------------------------------------------------------ the cases

cases=()
for prog in "$here"/*_test.sh; do
    for c in $("$prog" -l); do
        name="$(basename "$prog" .sh):$c"
        if [ $# -eq 0 ]; then
            cases+=("$name")
        else
            for p in "$@"; do
                case "$name" in *"$p"*) cases+=("$name"); break ;; esac
            done
        fi
    done
done
if [ "$list_only" -eq 1 ]; then
    printf '%s\n' "${cases[@]}"
    exit 0
fi
if [ ${#cases[@]} -eq 0 ]; then
    echo "run.sh: no case matches: $*" >&2
    echo "0 passed, 0 failed"
    exit 1
fi

# ------------------------------------------------------------------ running them

stress=${IFNET_STRESS_SECONDS:-10}
# a case that hangs is stopped (with its daemon: timeout signals the case's process group)
limit=${IFNET_CONFORMANCE_TIMEOUT:-$((stress * 4 + 120))}
logs=$(mktemp -d "${TMPDIR:-/tmp}/ifnet-conformance.XXXXXX")
passed=0
failed=0
skipped=0
declare -A case_of start_of
running=0

echo "conformance: ${#cases[@]} cases, $jobs at a time, stress cases ${stress} s each"

micros() {
    echo "${EPOCHREALTIME/./}"
}

start_case() {
    local name=$1 prog=${1%%:*} c=${1#*:}
    timeout --kill-after=20 "$limit" "$here/$prog.sh" "$c" >"$logs/$name.log" 2>&1 </dev/null &
    case_of[$!]=$name
    start_of[$!]=$(micros)
    running=$((running + 1))
}

# Waits for one case to end and prints its line.
reap_one() {
    local pid rc=0 name took verdict note
    wait -n -p pid || rc=$?
    name=${case_of[$pid]}
    took=$(( ($(micros) - ${start_of[$pid]}) / 100000 ))
    unset "case_of[$pid]" "start_of[$pid]"
    running=$((running - 1))
    case "$rc" in
        0) verdict=PASS; passed=$((passed + 1)) ;;
        77) verdict=SKIP; skipped=$((skipped + 1)) ;;
        124 | 137) verdict=FAIL; failed=$((failed + 1)); echo "timed out after $limit s" >>"$logs/$name.log" ;;
        *) verdict=FAIL; failed=$((failed + 1)) ;;
    esac
    note=$(sed -n 's/^summary: //p; s/^SKIP: //p' "$logs/$name.log" | tail -n 1)
    printf '%-4s  %-40s (%d.%d s)%s\n' "$verdict" "$name" $((took / 10)) $((took % 10)) "${note:+  $note}"
    if [ "$verdict" = FAIL ]; then
        sed 's/^/    | /' "$logs/$name.log"
    fi
}

stop_all() {
    local pid
    for pid in "${!case_of[@]}"; do
        kill -TERM "$pid" 2>/dev/null
    done
    exit 130
}
trap stop_all INT TERM

for name in "${cases[@]}"; do
    while [ "$running" -ge "$jobs" ]; do
        reap_one
    done
    start_case "$name"
done
while [ "$running" -gt 0 ]; do
    reap_one
done

if [ "$failed" -eq 0 ]; then
    rm -rf "$logs"
else
    echo "logs: $logs"
fi
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
