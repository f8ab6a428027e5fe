package newsdesk.store;

import java.util.Map;
import java.util.Optional;

/**
 * Where uploaded images and their renditions are kept: under the data directory on one node
 * ({@link FileImageStore}), in PostgreSQL for a cluster ({@code store.sql.SqlImageStore}).
 *
 * <p>Contract: {@link #put} returns only once the image and every file it names are durable, and
 * it writes the files before the image, so an image that can be read never names a missing file.
 * Putting an image that is already there again changes nothing (ids and file names are hashes of
 * their content, so the same id means the same image). Several nodes may put the same image at
 * once. Callers pass only names that {@link Image#isId} and {@link Image#isFileName} accept.
 * Any call may throw {@link StoreUnavailableException} (a write on a full disk: {@link StorageFullException}).
 */
public interface ImageStore {

  /** Keeps {@code image} and the bytes of each of its renditions, keyed by {@link Image.Rendition#file()}. */
  void put(Image image, Map<String, byte[]> files);

  Optional<Image> image(String id);

  /** The bytes of the rendition file {@code name}, empty when there is none. */
  Optional<byte[]> file(String name);
}
