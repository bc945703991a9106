package org.ifnet.core.ioctl;

/** SIOCGIFCAP's reply: the capabilities the interface has and those enabled. */
public record CapReply(int capabilities, int enabled) {
}
