package org.ifnet.core.ioctl;

import java.util.List;

/**
 * SIOCGIFMEDIA's reply (struct ifmediareq): the selected word, the active word, the status
 * bits ({@code MediaWord.IFM_AVALID}, {@code IFM_ACTIVE}) and the supported words.
 */
public record MediaReply(int current, int active, int status, List<Integer> supported) {
    public MediaReply {
        supported = List.copyOf(supported);
    }
}
