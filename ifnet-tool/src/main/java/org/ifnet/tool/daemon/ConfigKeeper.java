package org.ifnet.tool.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Saves the configuration file after every change, atomically: the text goes to a temporary
 * file in the same directory, is forced to disk, and replaces the file with one atomic rename
 * (then the directory is forced too). A crash at any point leaves the old file or the new
 * one, never a mix; so a daemon killed with SIGKILL finds the last change it acknowledged.
 *
 * <p>Overview. One saver thread writes; callers never touch the disk. A change takes a ticket
 * ({@link #requested}, under {@link #lock}) and leaves a waiter; the saver reads the newest
 * ticket, snapshots the stack (after every change up to that ticket, since each took its
 * ticket once done), writes, records it in {@link #saved}, and runs every waiter whose ticket
 * it covers. So a burst of changes costs a few writes (group commit), a client's reply to a
 * change leaves only once the change is on disk, and a worker thread never waits for a disk.
 * A failed write is logged and its waiters still run: the change itself happened.
 */
final class ConfigKeeper implements AutoCloseable {
    private final Path file;
    private final ConfigTracker tracker;
    private final DaemonLog log;
    private final Object lock = new Object();
    private long requested;                                   // guarded by lock
    private long saved;                                       // guarded by lock
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>(); // guarded by lock; tickets ascending
    private boolean running = true;                           // guarded by lock
    private volatile boolean suspended;
    private final AtomicLong writes = new AtomicLong();
    private final Thread saver;

    private record Waiter(long ticket, Runnable done) {
    }

    /** {@code file} null: nothing is kept. */
    ConfigKeeper(Path file, ConfigTracker tracker, DaemonLog log) {
        this.file = file;
        this.tracker = tracker;
        this.log = log;
        this.saver = new Thread(this::saveLoop, "ifnetd-config");
        this.saver.setDaemon(true);
        if (file != null) {
            saver.start();
        }
    }

    Path file() {
        return file;
    }

    /** Files written so far. */
    long writes() {
        return writes.get();
    }

    /** While applying the saved file at start: no saves (a crash then must not cut the file short). */
    void suspend() {
        suspended = true;
    }

    /** Ends {@link #suspend} and saves once. */
    void resume() {
        suspended = false;
        changed();
    }

    /** Called after a change succeeded; returns once a save covering it is on disk. */
    void changed() {
        CountDownLatch done = new CountDownLatch(1);
        changedThen(done::countDown);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called after a change succeeded; runs {@code done} (on the saver) once it is on disk. */
    void changedThen(Runnable done) {
        if (file == null || suspended) {
            done.run();
            return;
        }
        synchronized (lock) {
            if (running) {
                waiters.add(new Waiter(++requested, done));
                lock.notifyAll();
                return;
            }
        }
        done.run(); // closed: nothing more is saved
    }

    private void saveLoop() {
        while (true) {
            long upTo;
            synchronized (lock) {
                while (running && saved >= requested) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        running = false;
                    }
                }
                if (saved >= requested) {
                    return; // closed, and nothing left to save
                }
                upTo = requested;
            }
            try {
                write(RcConf.format(tracker.snapshot()));
            } catch (IOException | RuntimeException e) {
                log.warn("cannot save the configuration to " + file + ": " + e);
            }
            List<Runnable> ready = new ArrayList<>();
            synchronized (lock) {
                saved = upTo;
                while (!waiters.isEmpty() && waiters.peekFirst().ticket() <= upTo) {
                    ready.add(waiters.pollFirst().done());
                }
            }
            for (Runnable r : ready) {
                r.run();
            }
        }
    }

    /** Saves what is pending, then stops the saver. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        try {
            saver.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the file, or null when there is none. */
    String read() throws IOException {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private void write(String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
        writes.incrementAndGet();
    }
}
