package org.ifnet.tool.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Starts other JVMs on this test run's class path (clients and daemons as real processes). */
final class Jvm {
    private Jvm() {
    }

    /** The test class path, as surefire gives it (its booter jar hides it in java.class.path). */
    static List<String> classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<String> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(e);
            }
        }
        return out;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code [prefix..., java, -cp, CP, -Xshare:auto, main, args...]}. */
    static List<String> command(List<String> prefix, String classPath, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(javaBin());
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xmx256m");
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Process start(List<String> cmd, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    /**
     * A copy of the class path's directories and ifnet jars under {@code dir}, readable by
     * every user: another uid cannot read the build's own files under /root.
     */
    static String publicCopy(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String e : classPath()) {
            Path src = Path.of(e);
            if (Files.isDirectory(src)) {
                Path dst = dir.resolve("cp" + n++);
                copyTree(src, dst);
                entries.add(dst.toString());
            } else if (src.getFileName().toString().contains("ifnet") && Files.isRegularFile(src)) {
                Path dst = dir.resolve("cp" + n++ + ".jar");
                Files.copy(src, dst);
                entries.add(dst.toString());
            }
        }
        makePublic(dir);
        return String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    /** chmod a+rX on a tree. */
    static void makePublic(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.naturalOrder())::iterator) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    static String joined() {
        return String.join(File.pathSeparator, classPath());
    }
}
