package org.ifnet.core.lifecycle;

/** The interface layer's fail-point sites, in the order a request or a destroy passes them. */
public final class FailSite {
    /** Lookup found the interface in the registry, before taking the reference. */
    public static final String LOOKUP_FOUND = "lookup.found";
    /** A request passed the generic layer's checks and is about to enter the driver. */
    public static final String IOCTL_DRIVER = "ioctl.driver";
    /** A request came back from the driver. */
    public static final String IOCTL_RETURN = "ioctl.return";
    /** Destroy set DYING, before the departure event and the driver's detach. */
    public static final String DESTROY_DYING = "destroy.dying";
    /** The driver's detach finished and the name was unregistered; before the release policy. */
    public static final String DESTROY_DETACHED = "destroy.detached";
    /** The release hook is about to run. */
    public static final String RELEASE_HOOK = "release.hook";
    /** Create allocated a unit and is about to call the driver. */
    public static final String CREATE_DRIVER = "create.driver";
    /** Rename reserved the new name and is about to publish it. */
    public static final String RENAME_RESERVED = "rename.reserved";
    /** A reference is about to be dropped. */
    public static final String REF_RELEASE = "ref.release";

    private FailSite() {
    }
}
