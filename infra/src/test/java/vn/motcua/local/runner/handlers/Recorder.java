package vn.motcua.local.runner.handlers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a test handler writes down each event it got: {@code received/0001.json}... in its own
 * artifact directory, which the test reads back (the handler lives in another class loader, so a
 * static field would not be visible to the test).
 */
final class Recorder {
    private final Path dir;
    private int count;

    Recorder(Class<?> handler) {
        try {
            Path root = Path.of(handler.getProtectionDomain().getCodeSource().getLocation().toURI());
            dir = Files.createDirectories(root.resolve("received"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Several containers of one function each have their own Recorder (their own class loader): the
     * number is claimed in the directory (a lock file created atomically), not from the count alone.
     */
    synchronized void record(byte[] event) {
        try {
            int n = count;
            while (true) {
                try {
                    Files.createFile(dir.resolve(String.format("%04d.claim", ++n)));
                    break;
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // another container has this number
                }
            }
            count = n;
            Path partial = dir.resolve(".partial-" + n);
            Files.write(partial, event);
            Files.move(partial, dir.resolve(String.format("%04d.json", n)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
