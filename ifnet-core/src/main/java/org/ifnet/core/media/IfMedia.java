package org.ifnet.core.media;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.ioctl.MediaReply;

/**
 * A driver's media list and selection (FreeBSD's struct ifmedia and ifmedia_ioctl()).
 *
 * <p>Not thread-safe by itself: a driver keeps it in its softc and uses it under the softc's
 * lock. {@link #set} refuses a word that is not in the supported list with EINVAL and changes
 * nothing, as ifmedia_ioctl() does.
 */
public final class IfMedia {
    /** Immutable, so a reply shares it instead of copying it (MediaReply copies only mutable lists). */
    private final List<Integer> supported;
    private int current;

    public IfMedia(int initial, int... more) {
        List<Integer> words = new ArrayList<>(1 + more.length);
        words.add(initial);
        for (int w : more) {
            words.add(w);
        }
        supported = List.copyOf(words);
        current = initial;
    }

    public int current() {
        return current;
    }

    public List<Integer> supported() {
        return supported;
    }

    /** Selects a supported word; EINVAL (and nothing changes) when it is not in the list. */
    public void set(int word) {
        if (!supported.contains(word)) {
            throw new IfnetException(Errno.EINVAL, "media " + MediaWord.describe(word) + " is not supported");
        }
        current = word;
    }

    /** The reply for SIOCGIFMEDIA, with the driver's notion of the active word and status. */
    public MediaReply reply(int active, int status) {
        return new MediaReply(current, active, status, supported);
    }

    /** The reply computing active from current (drivers whose active media is their selection). */
    public MediaReply reply(IntUnaryOperator activeOf, int status) {
        return reply(activeOf.applyAsInt(current), status);
    }
}
