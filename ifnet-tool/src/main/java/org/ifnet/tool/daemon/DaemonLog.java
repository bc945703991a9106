package org.ifnet.tool.daemon;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The daemon's log: one line per event on a stream (stderr by default), time-stamped. */
public final class DaemonLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final PrintStream out;

    public DaemonLog(PrintStream out) {
        this.out = out;
    }

    public static DaemonLog stderr() {
        return new DaemonLog(System.err);
    }

    public void info(String msg) {
        line("", msg);
    }

    public void warn(String msg) {
        line("warning: ", msg);
    }

    private void line(String level, String msg) {
        synchronized (out) {
            out.println(LocalTime.now().format(TIME) + " ifnet daemon: " + level + msg);
            out.flush();
        }
    }
}
