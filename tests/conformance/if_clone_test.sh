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

# do_stress CLONER: one thread creates the interface while another destroys it.
do_stress() {
    local IFACE
    IFACE=$(get_iface "$1") || exit
    race_create_destroy "$IFACE"
}

# do_up_stress CLONER IPV6: rounds of up racing destroy, then create again.
#
# FreeBSD's up_stress first turns IPv6 off on the interface (inet6 ifdisabled), so that up is
# only the flag change; its ipv6_up_stress leaves IPv6 on, so that up also attaches protocol
# state to the interface (a link-local address, multicast memberships) which destroy must take
# down (FreeBSD skipped the tap variant: "if_delmulti_locked: inconsistent ifp", a membership
# outliving its interface). ifnet has no IPv6: its up_stress is the bare flag change, and its
# ipv6_up_stress attaches the per-interface state the layer does keep, a group membership
# ("up group conftest"), and checks after every destroy that the group no longer lists the
# interface.
do_up_stress() {
    local IFACE IFACE2
    IFACE=$(get_iface "$1") || exit
    IFACE2=$(get_iface "$1") || exit
    if [ "$2" = 6 ]; then
        race_up_destroy "$IFACE" "up group conftest" "$IFACE2" "up group conftest" conftest
    else
        race_up_destroy "$IFACE" up "$IFACE2" up
    fi
}

conf_main "$@"
