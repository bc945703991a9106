/**
 * The ifnet daemon ({@code ifnet daemon}): one stack served to many clients on a Unix-domain
 * socket.
 *
 * <ul>
 *   <li>{@link org.ifnet.tool.daemon.Daemon} puts it together; {@link org.ifnet.tool.daemon.DaemonCommand}
 *       is the picocli command (and a {@code main} of its own).</li>
 *   <li>{@code ControlServer}: one selector thread for every connection, a few workers for the
 *       calls; one call in flight per connection.</li>
 *   <li>{@code CallHandler}: privilege ({@code Privilege}, from SO_PEERCRED: root or the admin
 *       group change, anyone who can connect reads), then the call on the stack, with every
 *       interface reference taken and dropped inside it.</li>
 *   <li>Configuration: {@code ConfigTracker} knows how each interface was made and what it was
 *       like new; {@code SettingsDiff} and the drivers' {@code DriverSettings} (vlan, lagg) turn
 *       what changed into ifconfig words; {@code RcConf} writes and reads the rc.conf-style
 *       file; {@code ConfigKeeper}'s saver thread writes it atomically after every change
 *       (a change is answered once it is on disk); {@code ConfigApplier} applies it at start
 *       with the shared ifconfig grammar, through {@code InternalClient}.</li>
 * </ul>
 *
 * <p>Default socket {@code /run/ifnet/ifnet.sock} for root (see
 * {@link org.ifnet.tool.client.ControlSocket}), mode 0660; the configuration file defaults to
 * {@code ifnet.conf} in the socket's folder.
 */
package org.ifnet.tool.daemon;
