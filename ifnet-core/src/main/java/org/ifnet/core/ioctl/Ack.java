package org.ifnet.core.ioctl;

/** The reply of a request that only changes state. */
public enum Ack {
    OK
}
