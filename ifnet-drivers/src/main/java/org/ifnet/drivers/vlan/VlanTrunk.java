package org.ifnet.drivers.vlan;

import java.util.Arrays;
import java.util.List;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.Ifnet;
import org.ifnet.core.TagDemux;
import org.ifnet.core.frame.Frame;
import org.ifnet.drivers.DataPath;

/**
 * The VLANs of one parent interface (FreeBSD's struct ifvlantrunk), installed as the parent's
 * {@link TagDemux}: tagged input on the parent goes to the vlan with that id, untagged.
 *
 * <p>Overview. The map from VLAN id to vlan interface is an immutable {@link Table} (ids
 * sorted, with their interfaces alongside) published through one volatile field. Readers (the
 * input path, inside an epoch section) take no lock and allocate nothing: one volatile read and
 * a binary search. Writers hold the owning cloner's configuration lock and publish a copy, so
 * a reader sees the table before or after a change, never half of one. A vlan removed here may
 * still be seen by a reader that loaded the old table; that is safe because the vlan's softc is
 * released only after a grace period that begins after the removal, and a removed vlan's
 * RUNNING flag is already clear, so such a frame is dropped as noproto.
 */
final class VlanTrunk implements TagDemux {
    /** An immutable id -> vlan map; {@code vids} ascending, {@code vlans[i]} has {@code vids[i]}. */
    private static final class Table {
        static final Table EMPTY = new Table(new int[0], new Ifnet[0]);
        final int[] vids;
        final Ifnet[] vlans;

        Table(int[] vids, Ifnet[] vlans) {
            this.vids = vids;
            this.vlans = vlans;
        }
    }

    private static final int VID_MASK = 0xfff;
    private static final int UP_AND_RUNNING = IfFlags.UP | IfFlags.RUNNING;

    final VlanCloner owner;
    final Ifnet parent;
    private volatile Table table = Table.EMPTY;   // replaced under owner.configLock

    VlanTrunk(VlanCloner owner, Ifnet parent) {
        this.owner = owner;
        this.parent = parent;
    }

    // ---------------------------------------------------------------- data path

    /** vlan_input(): the vlan with the frame's id takes it, untagged; none (or not running): noproto. */
    @Override
    public void input(Ifnet from, Frame f) {
        Ifnet v = lookup(f.vlanTag() & VID_MASK);
        if (v == null || (v.flags() & UP_AND_RUNNING) != UP_AND_RUNNING) {
            DataPath.drop(from, IfCounter.NOPROTO, f);
            return;
        }
        f.clearVlanTag();
        v.input(f);
    }

    /** The vlan with id {@code vid}, or null. Lock-free. */
    Ifnet lookup(int vid) {
        Table t = table;
        int i = Arrays.binarySearch(t.vids, vid);
        return i >= 0 ? t.vlans[i] : null;
    }

    // ---------------------------------------------------------------- writers (owner.configLock held)

    /** Adds {@code vlan} with id {@code vid}; false when the id is taken (vlan_inshash's EEXIST). */
    boolean add(int vid, Ifnet vlan) {
        Table t = table;
        int i = Arrays.binarySearch(t.vids, vid);
        if (i >= 0) {
            return false;
        }
        int at = -i - 1;
        int n = t.vids.length;
        int[] vids = new int[n + 1];
        Ifnet[] vlans = new Ifnet[n + 1];
        System.arraycopy(t.vids, 0, vids, 0, at);
        System.arraycopy(t.vlans, 0, vlans, 0, at);
        vids[at] = vid;
        vlans[at] = vlan;
        System.arraycopy(t.vids, at, vids, at + 1, n - at);
        System.arraycopy(t.vlans, at, vlans, at + 1, n - at);
        table = new Table(vids, vlans);
        return true;
    }

    /** Removes {@code vlan} from id {@code vid} if it is there. */
    void remove(int vid, Ifnet vlan) {
        Table t = table;
        int i = Arrays.binarySearch(t.vids, vid);
        if (i < 0 || t.vlans[i] != vlan) {
            return;
        }
        int n = t.vids.length;
        int[] vids = new int[n - 1];
        Ifnet[] vlans = new Ifnet[n - 1];
        System.arraycopy(t.vids, 0, vids, 0, i);
        System.arraycopy(t.vlans, 0, vlans, 0, i);
        System.arraycopy(t.vids, i + 1, vids, i, n - i - 1);
        System.arraycopy(t.vlans, i + 1, vlans, i, n - i - 1);
        table = n == 1 ? Table.EMPTY : new Table(vids, vlans);
    }

    boolean isEmpty() {
        return table.vids.length == 0;
    }

    /** The vlans on this trunk now, in id order. */
    List<Ifnet> members() {
        return List.of(table.vlans);
    }

    @Override
    public String toString() {
        return "vlan trunk of " + parent.name() + " " + Arrays.toString(table.vids);
    }
}
