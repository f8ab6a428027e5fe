package newsdesk.store;

import java.util.List;

/**
 * An uploaded image: its alt text, its size as shown (after any EXIF rotation) and the renditions
 * it is served at, narrowest first. Immutable once stored: its {@code id} is a hash of the upload's
 * bytes and its alt text, and each rendition's {@code file} a hash of that rendition's bytes, so a
 * story may keep a copy of it.
 */
public record Image(String id, String alt, int width, int height, List<Rendition> renditions) {

  public Image {
    renditions = List.copyOf(renditions);
    if (renditions.isEmpty()) throw new IllegalArgumentException("an image has at least one rendition");
  }

  /** The widest rendition: the one to show where only one can be named (og:image, JSON-LD, feeds). */
  public Rendition largest() {
    return renditions.get(renditions.size() - 1);
  }

  /**
   * One stored size of an image.
   *
   * @param file its name under {@code /images/}: the SHA-256 of its bytes in hex, then {@code .jpg} or {@code .png}
   */
  public record Rendition(int width, int height, String file) {

    public String mediaType() {
      return mediaTypeOf(file);
    }
  }

  /** A rendition file's name: 64 lower-case hex digits, a dot and jpg or png; nothing else is ever looked up. */
  public static boolean isFileName(String name) {
    return name != null && name.matches("[0-9a-f]{64}\\.(jpg|png)");
  }

  /** An image id: 32 lower-case hex digits. */
  public static boolean isId(String id) {
    return id != null && id.matches("[0-9a-f]{32}");
  }

  /** The Content-Type of a rendition file, from its name. */
  public static String mediaTypeOf(String file) {
    return file.endsWith(".png") ? "image/png" : "image/jpeg";
  }
}
