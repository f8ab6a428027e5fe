package newsdesk.store.sql;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The data directory's lock ({@code newsdesk.lock}): a server on the embedded store holds it for
 * as long as it runs, and a restore for as long as it replaces the store, so neither can happen
 * under the other. An OS lock, not a marker file: the kernel releases it when the process ends,
 * however it ends (SIGKILL included), so a crash never leaves a stale one behind.
 */
public final class DataDirLock implements AutoCloseable {
  public static final String FILE = "newsdesk.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of {@code dataDir} (created if missing); empty if another process, or this one, holds it. */
  public static Optional<DataDirLock> take(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    FileChannel channel = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) return Optional.of(new DataDirLock(channel, lock));
    } catch (OverlappingFileLockException heldHere) {
      // this process holds it already
    }
    channel.close();
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      lock.release();
    }
  }
}
