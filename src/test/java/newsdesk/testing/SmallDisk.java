package newsdesk.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small filesystem of the test's own, mounted on a directory: a tmpfs, or where that is refused a
 * loop-mounted ext4 image. Both need root (CAP_SYS_ADMIN); {@link #mount} says why when it cannot.
 * {@link #fill} takes every free byte with a file of its own, {@link #free} gives them back.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path mountPoint;
  private final Path image; // null for a tmpfs
  private final Path filler;

  private SmallDisk(Path mountPoint, Path image) {
    this.mountPoint = mountPoint;
    this.image = image;
    this.filler = mountPoint.resolve("filler");
  }

  /**
   * Mounts a filesystem of {@code mib} MiB on {@code mountPoint} (created if missing), with
   * {@code scratch} for an ext4 image if a tmpfs is refused; empty, with what failed in
   * {@code why}, when neither can be mounted here.
   */
  public static Optional<SmallDisk> mount(Path mountPoint, Path scratch, int mib, StringBuilder why) {
    try {
      Files.createDirectories(mountPoint);
      String tmpfs = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + mib + "m", "newsdesk-test", mountPoint.toString()));
      if (tmpfs.isEmpty()) return Optional.of(new SmallDisk(mountPoint, null));
      why.append("mount -t tmpfs: ").append(tmpfs);
      Path image = scratch.resolve("disk.img");
      try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
        f.setLength(mib * 1024L * 1024L);
      }
      String ext4 = run(List.of("mkfs.ext4", "-q", "-F", "-m", "0", image.toString()));
      if (ext4.isEmpty()) ext4 = run(List.of("mount", "-o", "loop", image.toString(), mountPoint.toString()));
      if (ext4.isEmpty()) return Optional.of(new SmallDisk(mountPoint, image));
      why.append("; loop-mounted ext4: ").append(ext4);
      return Optional.empty();
    } catch (IOException e) {
      why.append(e);
      return Optional.empty();
    }
  }

  /** Runs a command; its output when it fails, empty when it succeeds. */
  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return String.join(" ", command) + " did not finish";
      }
      return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + (out.isEmpty() ? "" : ": " + out);
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }

  public Path path() {
    return mountPoint;
  }

  /** Writes a file of its own until the filesystem has no byte left (ENOSPC). */
  public void fill() {
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (int chunk : new int[] {1 << 20, 1 << 12, 1}) {
        byte[] bytes = new byte[chunk];
        try {
          while (true) {
            out.write(bytes);
            out.flush();
          }
        } catch (IOException full) {
          // no room for another chunk of this size: try a smaller one
        }
      }
    } catch (IOException e) {
      // the close could not write either: the disk is full, as wanted
    }
  }

  /** Deletes what {@link #fill} wrote. */
  public void free() {
    try {
      Files.deleteIfExists(filler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unmounts (lazily, should something still hold a file open) and deletes the image. */
  @Override
  public void close() {
    String failed = run(List.of("umount", mountPoint.toString()));
    if (!failed.isEmpty()) run(List.of("umount", "-l", mountPoint.toString()));
    if (image != null) {
      try {
        Files.deleteIfExists(image);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
