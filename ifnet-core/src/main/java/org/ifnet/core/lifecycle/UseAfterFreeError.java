package org.ifnet.core.lifecycle;

/**
 * Thrown when code touches a softc whose release has already run: the seed's bug, caught.
 * Under {@link Policy#SAFE} this must never happen; tests count it through the stack's
 * leak report ({@code poisonedAccesses}) even when a caller swallows the error.
 */
public final class UseAfterFreeError extends Error {
    public UseAfterFreeError(String message) {
        super(message);
    }
}
