package vn.motcua.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One local run per data directory: a lock on {@code run.pid} holding the running process's id, so
 * a second start says who runs instead of corrupting the data. The operating system releases the
 * lock when the process dies, however it dies; a stale pid in the file means nothing.
 */
record RunLock(Path file, FileChannel channel, FileLock lock) implements AutoCloseable {

    /** Another run holds the data directory. */
    static final class Busy extends RuntimeException {
        Busy(String message) { super(message); }
    }

    static RunLock acquire(Path dataDir) {
        Path file = dataDir.resolve("run.pid");
        try {
            Files.createDirectories(dataDir);
            var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new Busy("already running (pid " + (pid.isEmpty() ? "?" : pid) + ") with the data in " + dataDir
                        + "; stop it first (Ctrl-C in its terminal), or give this one another --data directory");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new RunLock(file, channel, lock);
        } catch (IOException e) {
            throw new Busy("cannot lock the data directory " + dataDir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
        } finally {
            lock.release();
            channel.close();
        }
    }
}
