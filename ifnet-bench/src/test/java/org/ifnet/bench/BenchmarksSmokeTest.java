package org.ifnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark body a few times outside JMH, so a change in the layer that breaks a
 * benchmark fails the build rather than the next measurement. Timing is not looked at. Each
 * tear-down closes its stack, which throws if a reference, a softc or a frame leaked.
 */
class BenchmarksSmokeTest {
    private static final int ROUNDS = 100;

    @Test
    void lookupFindsEveryNameAndTheBaselineToo() {
        LookupBench b = new LookupBench();
        b.interfaces = 10;
        b.setUp();
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(b.lookupRelease().name()).startsWith(NoopCloner.NAME);
            assertThat(b.lookupReleaseSpread().name()).startsWith(NoopCloner.NAME);
            assertThat(b.linearScanRelease().refs.get()).isEqualTo(1);
        }
        b.tearDown();
    }

    @Test
    void getMediaAnswersThroughARefAndByName() {
        IoctlBench b = new IoctlBench();
        b.setUp();
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(b.getMediaHeldRef().supported()).isNotEmpty();
            assertThat(b.getMediaByName().supported()).isNotEmpty();
            assertThat(b.getMtuHeldRef()).isEqualTo(1500);
        }
        b.tearDown();
    }

    @Test
    void createDestroyCyclesReuseTheFirstUnit() {
        CloneBench b = new CloneBench();
        b.setUp();
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(b.createDestroyEpair()).isEqualTo("epair0a");
            assertThat(b.createDestroyNoop()).isEqualTo("bn0");
        }
        b.tearDown();
    }

    @Test
    void referenceCountsBalance() {
        RefBench b = new RefBench();
        b.setUp();
        for (int i = 0; i < ROUNDS; i++) {
            b.ifnetRefHandle();
            assertThat(b.ifnetRefcounted()).isFalse();
            assertThat(b.nettyRetainRelease()).isFalse();
        }
        b.tearDown(); // checks both counts are back at 1
    }

    @Test
    void epochAndReadLockSectionsBalance() {
        EpochBench b = new EpochBench();
        for (int i = 0; i < ROUNDS; i++) {
            b.epochEnterExit();
            b.rwlockReadLockUnlock();
        }
    }

    @Test
    void everyFrameSentArrives() {
        FrameBench b = new FrameBench();
        b.setUp();
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(b.epairDirect()).isTrue();
            assertThat(b.laggLoadbalance()).isTrue();
            assertThat(b.laggLoadbalanceFlowid()).isTrue();
        }
        b.tearDown(); // no frame left outside the pool
    }
}
