package org.ifnet.core.ioctl;

/**
 * A request that the generic layer does not interpret: it goes to the interface's driver
 * (after any port owner, see {@code PortOwner}), which answers ENOTTY when it does not know it.
 */
public interface DriverRequest<R> extends IfRequest<R> {
}
