package org.ifnet.tool.ifconfig;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.client.StackClient;

/**
 * The state of one ifconfig command while its words are applied (FreeBSD keeps the same in
 * globals: {@code name}, the clone parameters, the callback list, {@code exit_code},
 * {@code printifname}). Words act on {@link #name()}, which a create or a rename changes.
 */
public final class Session {
    private final StackClient client;
    private final Invocation inv;
    private final PrintStream err;
    private String name;
    private boolean pendingCreate;
    private final Map<String, String> cloneParams = new LinkedHashMap<>();
    private final List<Runnable> deferred = new ArrayList<>();
    private final List<Runnable> createChecks = new ArrayList<>();
    private Integer pendingMedia;
    private final Map<Object, Object> extensionState = new java.util.HashMap<>();
    private boolean printName;
    private int exitCode;

    Session(StackClient client, Invocation inv, PrintStream err, String name) {
        this.client = client;
        this.inv = inv;
        this.err = err;
        this.name = name;
    }

    public StackClient client() {
        return client;
    }

    public Invocation invocation() {
        return inv;
    }

    /** The interface the words apply to. */
    public String name() {
        return name;
    }

    /**
     * Sends a request to the interface; a failure ends the command as FreeBSD's
     * {@code err(1, what)} does: "what: strerror".
     */
    public <R> R ioctl(IfRequest<R> req, String what) {
        try {
            return client.ioctl(name, req);
        } catch (IfnetException e) {
            throw IfconfigException.err(what, e.errno());
        }
    }

    /**
     * As {@link #ioctl}, with FreeBSD's Perror() wording: ENXIO is "what: no such interface",
     * EPERM "what: permission denied".
     */
    public <R> R ioctlPerror(IfRequest<R> req, String what) {
        try {
            return client.ioctl(name, req);
        } catch (IfnetException e) {
            throw perror(what, e.errno());
        }
    }

    static IfconfigException perror(String what, Errno errno) {
        switch (errno) {
            case ENXIO: return IfconfigException.errx(what + ": no such interface", errno);
            case EPERM: return IfconfigException.errx(what + ": permission denied", errno);
            default: return IfconfigException.err(what, errno);
        }
    }

    /** Prints a warning and goes on, but the command will exit 1 (FreeBSD's warnx + exit_code). */
    public void warn(String text) {
        err.println("ifconfig: " + text);
        exitCode = 1;
    }

    int exitCode() {
        return exitCode;
    }

    /**
     * State a driver's words keep across one command (FreeBSD's static {@code params} in
     * ifvlan.c), made by {@code init} on first use.
     */
    @SuppressWarnings("unchecked")
    public <T> T extensionState(Class<T> key, java.util.function.Supplier<T> init) {
        return (T) extensionState.computeIfAbsent(key, k -> init.get());
    }

    // ------------------------------------------------------------------ create

    /** True while a create is pending: clone words may still add parameters. */
    public boolean creating() {
        return pendingCreate;
    }

    void requestCreate() {
        pendingCreate = true;
    }

    /** A create parameter, from a clone word ({@code vlan 5} gives vlan=5). */
    public void cloneParam(String key, String value) {
        cloneParams.put(key, value);
    }

    /** A check run just before the create, on the parameters gathered (vlan's vlan_create). */
    public void beforeCreate(Runnable check) {
        createChecks.add(check);
    }

    /** Runs the pending create (SIOCIFCREATE2); the new name replaces the requested one. */
    void createNow() {
        if (!pendingCreate) {
            return;
        }
        pendingCreate = false;
        for (Runnable check : createChecks) {
            check.run();
        }
        String created;
        try {
            created = client.create(name, new CloneParams(cloneParams));
        } catch (IfnetException e) {
            throw IfconfigException.err("SIOCIFCREATE2 (" + name + ")", e.errno());
        }
        if (!created.equals(name)) {
            name = created;
            printName = true;
        }
    }

    /** After a rename, as after a create under a new name, ifconfig prints the name at exit. */
    void renamed(String newName) {
        name = newName;
        printName = true;
    }

    boolean printName() {
        return printName;
    }

    // ------------------------------------------------------------------ deferred work

    /** Work FreeBSD does after all words (its callback list): the media change. */
    public void defer(Runnable r) {
        deferred.add(r);
    }

    void runDeferred() {
        for (Runnable r : deferred) {
            r.run();
        }
        deferred.clear();
    }

    Integer pendingMedia() {
        return pendingMedia;
    }

    void setPendingMedia(int word) {
        if (pendingMedia == null) {
            defer(() -> ioctl(new org.ifnet.core.ioctl.GenericRequest.SetMedia(pendingMedia), "SIOCSIFMEDIA (media)"));
        }
        pendingMedia = word;
    }
}
