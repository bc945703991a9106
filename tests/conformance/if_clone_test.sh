#!/usr/bin/env bash
#
# if_clone_test.sh: FreeBSD's tests/sys/net/if_clone_test.sh, ported to ifnet.
#
# For each cloner (epair, lo, tap, vlan and lagg; FreeBSD's faith, gif, tun and vmnet have
# no counterpart here, and FreeBSD left lagg to if_lagg_test.sh) three cases, as FreeBSD:
#   CLONER_stress           create and destroy one interface at the same time
#   CLONER_up_stress        up and destroy it at the same time, create it again, repeat
#   CLONER_ipv6_up_stress   the same with more work attached to "up" (see do_up_stress)
#
# FreeBSD's checks are that the kernel survives and that the loops ran (it prints how many
# times each command succeeded). Ours keep those counts and add what the ifnet contract
# (DESIGN section 2) promises of the same races: only the errors it allows (EEXIST for a create
# of an existing name, "does not exist" / ENXIO for a request on a missing or dying
# interface), successes that add up (never two interfaces with one name), destroy and create
# never failing where nothing else destroys or creates, and, at the end of every case, an
# empty leak report from the daemon (lib.sh).
#
# Dropped from FreeBSD: the IPv4 address in "up ADDR/MASK [DSTADDR]" and "inet6 ifdisabled";
# ifnet's stack has no addresses and no IPv6.
#
# Usage: if_clone_test.sh -l | if_clone_test.sh CASE   (tests/conformance/run.sh runs them all)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CLONERS="epair lo tap vlan lagg"

# The cases, one set per cloner (FreeBSD writes each out; they differ only in the cloner).
for cloner in $CLONERS; do
    eval "${cloner}_stress_body() { do_stress $cloner; }"
    eval "${cloner}_up_stress_body() { do_up_stress $cloner ''; }"
    eval "${cloner}_ipv6_up_stress_body() { do_up_stress $cloner 6; }"
done

atf_init_test_cases() {
    local cloner
    for cloner in $CLONERS; do
        atf_add_test_case "${cloner}_stress"
        atf_add_test_case "${cloner}_up_stress"
        atf_add_test_case "${cloner}_ipv6_up_stress"
    done
}

# Errors a create of an existing name and a request on a missing or dying interface may give.
exists_re() {
    echo "^ifconfig: SIOCIFCREATE2 \\($1\\): File exists$"
}

# (ifconfig's wording for ENXIO depends on the step, as FreeBSD's: "interface X does not
# exist" from the first look-up, "WHAT: no such interface" from Perror(), "WHAT: Device not
# configured" from err()).
missing_re() {
    echo "^ifconfig: (interface $1 does not exist|.*: no such interface|.*: Device not configured)$"
}

# do_stress CLONER: FreeBSD's two threads, one creating the interface and one destroying it,
# each as a loop of ifconfig processes and as a batch stream.
do_stress() {
    local IFACE CNAME created destroyed

    IFACE=$(get_iface "$1") || exit
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

    # One interface existed before the threads started; every success changed that by one.
    case $((1 + created - destroyed)) in
        1) atf_check -o inline:"$(expected_list "$IFACE")" ifconfig -l ;;
        0) atf_check -o inline:"lo0" ifconfig -l ;;
        *) atf_fail "$created creates and $destroyed destroys succeeded: the counts do not add up" ;;
    esac
}

# `ifconfig -l` with lo0 and IFACE (with its other half for an epair) attached.
expected_list() {
    local l="lo0" i
    for i in "$@"; do
        case "$i" in
            lo0) ;;
            epair*a) l="$l $i ${i%a}b" ;;
            *) l="$l $i" ;;
        esac
    done
    echo "$l"
}

# `ifconfig -l`, sorted (an interface created again may take a lower index).
sorted_list() {
    ifconfig -l | tr ' ' '\n' | sort | xargs
}

# do_up_stress CLONER IPV6: FreeBSD's rounds: up the interface after 5 ms while destroying it
# after 0 to 10 ms, wait for both, create it again.
#
# FreeBSD's up_stress first turns IPv6 off on the interface (inet6 ifdisabled), so that up is
# only the flag change; its ipv6_up_stress leaves IPv6 on, so that up also attaches protocol
# state to the interface (a link-local address, multicast memberships) which destroy must take
# down (the tap variant was skipped: "if_delmulti_locked: inconsistent ifp", a membership
# outliving its interface). ifnet has no IPv6: its up_stress is the bare flag change, and its
# ipv6_up_stress attaches the per-interface state the layer does keep, a group membership
# ("up group conftest"), and checks after every destroy that the group lists no interface
# that is gone.
#
# The rounds run on one interface with ifconfig processes; the same up and destroy-create race
# runs as two streams on a second interface, where nothing else destroys or creates.
do_up_stress() {
    local IFACE CNAME IFACE2 CNAME2 UP rounds

    IFACE=$(get_iface "$1") || exit
    CNAME=$(conf_create_name "$IFACE")
    IFACE2=$(get_iface "$1") || exit
    CNAME2=$(conf_create_name "$IFACE2")
    if [ "$2" = 6 ]; then
        UP="up group conftest"
    else
        UP="up"
    fi

    conf_background up_rounds "$IFACE" "$CNAME" "$UP" "$2"
    conf_stream up_stream "$IFACE2 $UP"
    conf_stream destroy_stream "$IFACE2 destroy" "$CNAME2 create"
    conf_run_for_testlen

    rounds=$(conf_count create)
    echo "Upped $IFACE $(conf_count up) times in $rounds rounds; $(conf_stream_ok up_stream 1) times $IFACE2."
    echo "Destroyed them $(conf_count destroy) and $(conf_stream_ok destroy_stream 1) times."
    conf_summary "$rounds rounds: up $(conf_count up), destroyed $(conf_count destroy);" \
        "streams: up $(conf_stream_ok up_stream 1), destroyed $(conf_stream_ok destroy_stream 1)"

    # Only the rounds destroy and create IFACE, and the destroy stream IFACE2: every destroy
    # and create must succeed; an up may find the interface gone.
    conf_expect_errors "destroy and create" "^$" destroy.err create.err destroy_stream.msgs
    [ "$(conf_fails destroy)" -eq 0 ] && [ "$(conf_fails create)" -eq 0 ] \
        && [ "$(conf_stream_failed destroy_stream 1)" -eq 0 ] && [ "$(conf_stream_failed destroy_stream 2)" -eq 0 ] \
        || atf_fail "a destroy or create failed"
    [ "$rounds" -gt 0 ] || atf_fail "no round completed in $TESTLEN s"
    conf_expect_errors "up" "$(missing_re "($IFACE|$IFACE2)")" up.err up_stream.msgs
    if [ -s violations ]; then
        sed 's/^/  /' violations >&2
        atf_fail "a group listed an interface that was gone"
    fi

    # Both interfaces exist (each round and each stream round ends with a create); only the
    # stream's interface can be in the group, the rounds' one was created after its last up.
    atf_check -o inline:"$(expected_list "$IFACE" "$IFACE2" | tr ' ' '\n' | sort | xargs)" sorted_list
    if [ "$2" = 6 ]; then
        atf_check -o not-match:"^$IFACE\$" -o not-match:"^(${IFACE%a}b|${IFACE2%a}b)\$" ifconfig -g conftest
    fi
}

# The rounds of do_up_stress (a background function; failures are counted, not fatal).
up_rounds() {
    local iface=$1 cname=$2 up=$3 ipv6=$4 upid dpid members
    while [ ! -e "$CONF_WORK/stop" ]; do
        { sleep 0.005 && conf_counted up ifconfig "$iface" $up; } &
        upid=$!
        { randsleep && conf_counted destroy ifconfig "$iface" destroy; } &
        dpid=$!
        wait "$upid" "$dpid"
        if [ "$ipv6" = 6 ]; then
            members=$(ifconfig -g conftest 2>&1)
            if printf '%s\n' "$members" | grep -qx "$iface"; then
                echo "after destroying $iface, group conftest lists: $members" >>"$CONF_WORK/violations"
            fi
        fi
        conf_counted create ifconfig "$cname" create
    done
}

conf_main "$@"
