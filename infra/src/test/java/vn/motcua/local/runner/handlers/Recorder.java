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

    synchronized void record(byte[] event) {
        try {
            Path partial = dir.resolve(".partial");
            Files.write(partial, event);
            Files.move(partial, dir.resolve(String.format("%04d.json", ++count)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
