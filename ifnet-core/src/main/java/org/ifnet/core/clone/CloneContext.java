package org.ifnet.core.clone;

import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.Softc;

/**
 * What the layer offers a cloner during one create or destroy. Everything attached or
 * allocated through a context is rolled back by the layer if the driver's create throws.
 */
public interface CloneContext {
    NetStack stack();

    /**
     * Allocates a unit of this cloner: {@code wanted}, or the lowest free when negative.
     * EEXIST when the unit is taken; when another create in flight holds it, waits for that
     * create to finish and throws an internal exception that makes the layer restart this
     * create: a driver must let exceptions from this call pass.
     */
    int allocUnit(int wanted);

    /** Frees a unit this context allocated and did not hand to an interface. */
    void freeUnit(int unit);

    /**
     * Attaches a new interface: registers its name (EEXIST when taken) and index, joins the
     * groups "all" and the cloner's, fires the arrival event, and binds {@code softc} to it.
     */
    Ifnet attach(IfSpec spec, Softc softc);

    /**
     * Destroys one interface of the clone being destroyed (epair destroys both ends this
     * way): marks it DYING if no one else has, fires departure, detaches it, and applies the
     * release policy. Returns false when another destroy already owns it.
     */
    boolean detach(Ifnet ifp);
}
