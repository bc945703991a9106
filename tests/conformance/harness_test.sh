#!/usr/bin/env bash
#
# harness_test.sh: checks that the conformance harness (lib.sh) can fail: atf_check rejects
# wrong statuses and outputs, the daemon's leak report is not empty while a reference is held,
# a stream's tallies count what really happened, and an error outside the allowed set fails.
# Without these, a passing run of the ports would prove little.
#
# Usage: harness_test.sh -l | harness_test.sh CASE

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

atf_init_test_cases() {
    atf_add_test_case atf_check_rejects
    atf_add_test_case leaks_while_held
    atf_add_test_case stream_tally
}

# `must_fail WHAT COMMAND...`: COMMAND, run in a subshell (its atf_fail exits only that), must
# fail.
must_fail() {
    local what=$1
    shift
    if ("$@") >/dev/null 2>&1; then
        atf_fail "not rejected: $what"
    fi
}

atf_check_rejects_body() {
    atf_check -o match:"^lo0: flags=.*<.*LOOPBACK.*>" -o not-match:"laggport" ifconfig lo0
    atf_check -s exit:1 -e inline:"ifconfig: interface nosuch0 does not exist" ifconfig nosuch0
    must_fail "a wrong exit status" atf_check -s exit:1 -o ignore ifconfig lo0
    must_fail "output where none is expected" atf_check ifconfig lo0
    must_fail "stderr where none is expected" atf_check -s exit:1 ifconfig nosuch0
    must_fail "a missing match" atf_check -o match:"laggport" ifconfig lo0
    must_fail "a forbidden match" atf_check -o not-match:"LOOPBACK" ifconfig lo0
    must_fail "a different text" atf_check -s exit:1 -e inline:"ifconfig: something else" ifconfig nosuch0
}

# A lagg holds a reference on each port: the report lists it until the lagg lets go.
leaks_while_held_body() {
    local TAP LAGG
    TAP=$(get_tap) || exit
    LAGG=$(get_lagg) || exit
    atf_check ifconfig "$LAGG" laggport "$TAP"
    atf_check -s exit:1 -o match:"reference\\(s\\) still held" -o match:"$TAP" "$IFNET_BIN" leaks
    atf_check ifconfig "$LAGG" -laggport "$TAP"
    atf_check -o inline:"no leaks" "$IFNET_BIN" leaks
}

stream_tally_body() {
    local rounds
    conf_stream tally "lo0 up" "nosuch0 up"
    sleep 1
    conf_stop
    rounds=$(cat tally.rounds)
    [ "$rounds" -gt 0 ] || atf_fail "the stream ran no round"
    [ "$(conf_stream_ok tally 1)" -eq "$rounds" ] && [ "$(conf_stream_failed tally 1)" -eq 0 ] \
        || atf_fail "lo0 up: $(conf_stream_tally tally | head -n 1), rounds $rounds"
    [ "$(conf_stream_ok tally 2)" -eq 0 ] && [ "$(conf_stream_failed tally 2)" -eq "$rounds" ] \
        || atf_fail "nosuch0 up: $(conf_stream_tally tally | tail -n 1), rounds $rounds"
    conf_expect_errors "nosuch0 up" "$(missing_re nosuch0)" tally.msgs
    must_fail "an error outside the allowed set" conf_expect_errors "nosuch0 up" "$(exists_re nosuch0)" tally.msgs
    conf_summary "$rounds rounds"
}

conf_main "$@"
