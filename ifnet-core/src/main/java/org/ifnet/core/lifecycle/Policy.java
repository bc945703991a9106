package org.ifnet.core.lifecycle;

/**
 * When a destroyed interface's softc is torn down. Only {@link #SAFE} is a real setting; the
 * other two reproduce FreeBSD's history so that tests and the race explorer can show the
 * seed's use after free.
 */
public enum Policy {
    /**
     * The 2018 behaviour: the driver's destroy frees its softc at once, whoever still holds a
     * reference and whatever they are doing with it.
     */
    LEGACY,
    /**
     * FreeBSD's later state: destroy waits one epoch grace period, then frees the softc. The
     * ioctl path holds a reference but runs outside any epoch section (it may sleep), so the
     * wait does not cover it.
     */
    EPOCH_ONLY,
    /**
     * The contract: the softc is torn down by the driver's release hook, after the last
     * reference is dropped and an epoch grace period has passed.
     */
    SAFE
}
