package newsdesk.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link ImageStore} of one node: files under a directory of the data directory,
 * {@code files/ab/abcd….jpg} for renditions and {@code records/<id>.json} for images. Each file
 * is written beside its place, forced to disk and renamed into it (then the directory forced), so
 * a crash leaves either the whole file or none; files never change once there, so a backup may
 * copy them at any time ({@code newsdesk backup} does, after the database).
 */
public final class FileImageStore implements ImageStore {
  private final Path root;

  public FileImageStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  @Override
  public void put(Image image, Map<String, byte[]> files) {
    for (Image.Rendition r : image.renditions()) {
      byte[] bytes = files.get(r.file());
      if (bytes == null) throw new IllegalArgumentException("no bytes for " + r.file());
      keep(filePath(r.file()), bytes);
    }
    keep(recordPath(image.id()), ImageJson.write(image).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Optional<Image> image(String id) {
    if (!Image.isId(id)) return Optional.empty();
    return read(recordPath(id)).map(b -> ImageJson.read(new String(b, StandardCharsets.UTF_8)));
  }

  @Override
  public Optional<byte[]> file(String name) {
    if (!Image.isFileName(name)) return Optional.empty();
    return read(filePath(name));
  }

  /**
   * Copies into {@code to} every file under {@code from} that {@code to} lacks, each durably as
   * {@link #put} writes them; returns how many. A backup and a restore: files never change, so
   * one that is there already is the same.
   */
  public static int copyMissing(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) return 0;
    int copied = 0;
    try (var all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        if (p.getFileName().toString().startsWith(".")) continue; // a put under way
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.exists(target)) continue;
        keep(target, Files.readAllBytes(p));
        copied++;
      }
    }
    return copied;
  }

  private Path filePath(String name) {
    return root.resolve("files").resolve(name.substring(0, 2)).resolve(name);
  }

  private Path recordPath(String id) {
    return root.resolve("records").resolve(id + ".json");
  }

  private static Optional<byte[]> read(Path p) {
    try {
      return Optional.of(Files.readAllBytes(p));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + p, e);
    }
  }

  /** Writes {@code bytes} to {@code target} durably, unless it is there already (same name, same content). */
  private static void keep(Path target, byte[] bytes) {
    if (Files.exists(target)) return;
    Path dir = target.getParent();
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (var ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        var buf = java.nio.ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        if (!Files.exists(target)) throw e; // another writer put the same content first otherwise
      }
      forceDirectory(dir);
    } catch (IOException e) {
      throw failure(target, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a stray temporary file is harmless: nothing reads names that start with a dot
      }
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (var ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static StoreException failure(Path target, IOException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
      return new StorageFullException("the disk holding " + target.getParent() + " is full", e);
    }
    return new StoreException("cannot write " + target, e);
  }
}
