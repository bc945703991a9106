package org.ifnet.tool.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Saves the configuration file after every change, atomically: the text goes to a temporary
 * file in the same directory, is forced to disk, and replaces the file with one atomic rename
 * (then the directory is forced too). A crash at any point leaves the old file or the new
 * one, never a mix; so a daemon killed with SIGKILL finds the last change it acknowledged.
 *
 * <p>Group commit: a change takes a ticket; a save writes a snapshot taken after reading the
 * newest ticket, so it covers every change up to that ticket, and a caller whose ticket is
 * covered by a save that finished meanwhile returns without writing. Many concurrent changes
 * cost a few saves, and each caller still returns only once its change is on disk.
 */
final class ConfigKeeper {
    private final Path file;
    private final ConfigTracker tracker;
    private final DaemonLog log;
    private final AtomicLong requested = new AtomicLong();
    private final ReentrantLock saving = new ReentrantLock();
    private long saved;              // guarded by saving
    private volatile boolean suspended;
    private final AtomicLong writes = new AtomicLong();

    /** {@code file} null: nothing is kept. */
    ConfigKeeper(Path file, ConfigTracker tracker, DaemonLog log) {
        this.file = file;
        this.tracker = tracker;
        this.log = log;
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
        if (file == null || suspended) {
            return;
        }
        long ticket = requested.incrementAndGet();
        saving.lock();
        try {
            if (saved >= ticket) {
                return;
            }
            long upTo = requested.get();
            write(RcConf.format(tracker.snapshot()));
            saved = upTo;
        } catch (IOException e) {
            log.warn("cannot save the configuration to " + file + ": " + e);
        } finally {
            saving.unlock();
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
