package org.ifnet.core.lifecycle;

/**
 * The states of an interface, in the only order they can be reached.
 * <ul>
 * <li>ATTACHED: findable by name and by index.</li>
 * <li>DYING: a destroy has begun; not findable, no new references, new requests get ENXIO.</li>
 * <li>DETACHED: the driver stopped it; its name and unit may be reused at once.</li>
 * <li>RELEASED: the last reference is gone, a grace period passed, the release hook ran.</li>
 * </ul>
 */
public enum IfState {
    ATTACHED, DYING, DETACHED, RELEASED
}
