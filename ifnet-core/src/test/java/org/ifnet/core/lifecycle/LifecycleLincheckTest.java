package org.ifnet.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ifnet.core.IfRef;
import org.ifnet.core.LeakReport;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.media.MediaWord;
import org.ifnet.core.testing.ToyCloner;
import org.ifnet.core.testing.ToySoftc;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.LincheckAssertionError;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.strategy.managed.ManagedStrategyGuaranteeKt;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

/**
 * Model checking of the lifecycle on one name (issue 2, item 9): create, destroy, and
 * lookup-plus-request-plus-release of {@code toy0}, run by Lincheck's model checker under
 * every interleaving it explores, and checked for linearizability against {@link Model}.
 * After each run, {@link Subject#releasedExactlyOnce()} checks the release side: every softc of a
 * destroyed interface released exactly once, never during one of its methods, nothing leaked.
 *
 * <p>{@link Legacy} runs the same operations under {@code Policy.LEGACY}, where a
 * request in flight can touch a freed softc; its result "USE_AFTER_FREE" is not a result the
 * model can give, and the check must fail: proof that the check can fail.
 *
 * <p>History: this check found two real non-linearizable windows in the first core, both
 * fixed and now also covered by deterministic tests in LifecycleRulesTest: a create answered
 * EEXIST while another create of the name was in its driver (unit reserved, name not yet
 * published) although a lookup after it answered ENXIO; and likewise while the interface of
 * that name was DYING.
 *
 * <p>Cost: with the defaults (30 random scenarios and 5 fixed ones, 20 interleavings each)
 * 6 to 8 s per check on this 2-core machine at load 2.5, about 15 s at load 4, several times
 * that under heavy load (Lincheck hands threads over by spinning).
 * {@code -Dlincheck.iterations=N -Dlincheck.invocations=M} (passed to the test JVM through
 * {@code -DargLine}) explore more.
 */
public class LifecycleLincheckTest {
    static final String NAME = "toy0";

    /** The sequential model: one name that exists or not. */
    public static final class Model {
        private boolean exists;

        public String create() {
            if (exists) {
                return "EEXIST";
            }
            exists = true;
            return NAME;
        }

        public String destroy() {
            if (!exists) {
                return "ENXIO";
            }
            exists = false;
            return "OK";
        }

        public String lookupRequestRelease() {
            return exists ? "media " + MEDIA : "ENXIO";
        }
    }

    static final int MEDIA = MediaWord.IFM_ETHER | MediaWord.IFM_AUTO;

    /** The operations under test, on one stack per invocation (Lincheck makes a new instance each time). */
    public abstract static class Subject {
        private final NetStack stack;
        private final ToyCloner cloner = new ToyCloner();

        Subject(Policy policy) {
            stack = NetStack.builder().policy(policy).build();
            stack.registerCloner(cloner);
        }

        @Operation
        public String create() {
            try {
                return stack.create(NAME);
            } catch (IfnetException e) {
                return e.errno().name();
            }
        }

        @Operation
        public String destroy() {
            try {
                stack.destroy(NAME);
                return "OK";
            } catch (IfnetException e) {
                return e.errno().name();
            }
        }

        @Operation
        public String lookupRequestRelease() {
            try (IfRef ref = stack.lookup(NAME)) {
                MediaReply m = ref.ioctl(new GenericRequest.GetMedia());
                return "media " + m.current();
            } catch (IfnetException e) {
                return e.errno().name();
            } catch (UseAfterFreeError e) {
                return "USE_AFTER_FREE";
            }
        }

        @Validate
        public void releasedExactlyOnce() {
            stack.quiesce();
            boolean attached = stack.interfaces().contains(NAME);
            stack.close();
            LeakReport r = stack.leakReport();
            if (!r.isClean()) {
                throw new IllegalStateException(r.toString());
            }
            for (ToySoftc sc : cloner.softcs()) {
                if (sc.releaseRuns() != 1 || sc.releasedDuringMethod()) {
                    throw new IllegalStateException("softc released " + sc.releaseRuns() + " time(s), during a method: "
                            + sc.releasedDuringMethod() + " (attached at end: " + attached + ")");
                }
            }
        }
    }

    /** The contract: Policy.SAFE. */
    public static final class Safe extends Subject {
        public Safe() {
            super(Policy.SAFE);
        }
    }

    /** The deliberately broken variant: LEGACY frees the softc at destroy. */
    public static final class Legacy extends Subject {
        public Legacy() {
            super(Policy.LEGACY);
        }
    }

    static ModelCheckingOptions options() {
        ModelCheckingOptions o = new ModelCheckingOptions()
                .actorsBefore(0)
                .threads(3)
                .actorsPerThread(1)
                .actorsAfter(1)
                .iterations(Integer.getInteger("lincheck.iterations", 30))
                .invocationsPerIteration(Integer.getInteger("lincheck.invocations", 20))
                .minimizeFailedScenario(false)
                .sequentialSpecification(Model.class)
                // JDK collections are linearizable themselves: interleaving inside them only
                // multiplies the schedules. Locks and monitors stay visible (they block).
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(LifecycleLincheckTest::jdkCollection)
                        .allMethods().treatAsAtomic());
        for (ExecutionScenario sc : interestingScenarios()) {
            o.addCustomScenario(sc);
        }
        return o;
    }

    /**
     * Scenarios that random generation with no actors before the parallel part rarely
     * builds, each explored under every interleaving budget like the random ones: the seed
     * (a request racing a destroy of an existing interface), create racing create and lookup,
     * a create racing a destroy, and two destroys.
     */
    static List<ExecutionScenario> interestingScenarios() {
        Actor create = actor("create");
        Actor destroy = actor("destroy");
        Actor request = actor("lookupRequestRelease");
        return List.of(
                new ExecutionScenario(List.of(create), List.of(List.of(request), List.of(destroy)), List.of(), null),
                new ExecutionScenario(List.of(create), List.of(List.of(request), List.of(destroy), List.of(create)),
                        List.of(request), null),
                new ExecutionScenario(List.of(), List.of(List.of(create), List.of(create), List.of(request)),
                        List.of(create), null),
                new ExecutionScenario(List.of(create), List.of(List.of(destroy), List.of(request), List.of(create)),
                        List.of(request), null),
                new ExecutionScenario(List.of(create), List.of(List.of(destroy), List.of(destroy), List.of(request)),
                        List.of(), null));
    }

    private static Actor actor(String operation) {
        try {
            return new Actor(Subject.class.getMethod(operation), List.of());
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** JDK collections (never a blocking class: those must stay visible to Lincheck). */
    private static Boolean jdkCollection(String className) {
        if (className.startsWith("java.util.concurrent.")) {
            return className.startsWith("java.util.concurrent.ConcurrentHashMap")
                    || className.startsWith("java.util.concurrent.CopyOnWriteArrayList")
                    || className.startsWith("java.util.concurrent.ConcurrentLinkedQueue")
                    || className.startsWith("java.util.concurrent.atomic.");
        }
        return className.startsWith("java.util.") || className.startsWith("java.lang.ThreadLocal");
    }

    @Test
    void safeLifecycleIsLinearizable() {
        LinChecker.check(Safe.class, options());
    }

    @Test
    void legacyPolicyIsCaught() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class,
                () -> LinChecker.check(Legacy.class, options()));
        assertThat(e.getMessage()).contains("USE_AFTER_FREE");
    }
}
