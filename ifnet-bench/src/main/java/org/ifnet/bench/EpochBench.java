package org.ifnet.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.ifnet.core.lifecycle.Epoch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * An empty epoch read section (enter plus exit) next to an empty ReentrantReadWriteLock read
 * section (lock plus unlock), both shared by all benchmark threads: one thread by default
 * (uncontended), {@code -t 2} for two readers on one epoch or one lock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class EpochBench {
    private final Epoch epoch = new Epoch("bench");
    private final Lock readLock = new ReentrantReadWriteLock().readLock();

    @Benchmark
    public void epochEnterExit() {
        epoch.enter();
        epoch.exit();
    }

    @Benchmark
    public void rwlockReadLockUnlock() {
        readLock.lock();
        readLock.unlock();
    }
}
