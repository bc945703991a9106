/**
 * lagg, link aggregation (FreeBSD's lagg(4), sys/net/if_lagg.c), on the safe lifecycle.
 *
 * <p>Where FreeBSD's pieces are:
 * <ul>
 * <li>{@link org.ifnet.drivers.lagg.LaggCloner}: lagg_clone_create.</li>
 * <li>{@code LaggSoftc}: struct lagg_softc with lagg_ioctl, lagg_port_create and
 * lagg_port_destroy, lagg_transmit, lagg_input, lagg_linkstate and lagg_clone_destroy (split
 * into the detach, which removes every port, and the release hook, the only teardown).</li>
 * <li>{@code LaggPort}: struct lagg_port and lagg_port_ioctl, installed as the member's
 * {@link org.ifnet.core.PortOwner} instead of replacing its if_ioctl and if_input.</li>
 * <li>{@code LaggEvents}: lagg_port_ifdetach (departure) and lagg_port_state (link).</li>
 * <li>{@link org.ifnet.drivers.lagg.proto}: the protocol table lagg_protos[] and the
 * data-path snapshot; {@link org.ifnet.drivers.lagg.hash}: m_ether_tcpip_hash.</li>
 * <li>{@link org.ifnet.drivers.lagg.LaggRequest}: SIOCGLAGG, SIOCSLAGG, SIOCSLAGGPORT,
 * SIOCSLAGGDELPORT, SIOCGLAGGPORT, SIOCSLAGGHASH, SIOCGLAGGOPTS, SIOCSLAGGOPTS.</li>
 * </ul>
 *
 * <p>lagg sees its members only as {@link org.ifnet.core.Ifnet}s: it holds a reference on
 * each, calls their drivers through {@code Ifnet.driverIoctl} and sends with
 * {@code Ifnet.transmit}. It knows no other driver.
 */
package org.ifnet.drivers.lagg;
