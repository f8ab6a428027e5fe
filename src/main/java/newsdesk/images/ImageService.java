package newsdesk.images;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import newsdesk.store.Image;
import newsdesk.store.ImageStore;

/**
 * Uploads: checks the alt text and the bytes, decodes, makes the renditions and stores them, and
 * answers with the stored image. Blocking and CPU-bound: call it on a virtual thread, never on an
 * event loop. At most {@link ImageLimits#decoders} uploads decode at once; the rest wait a while,
 * then are refused (503) rather than queue without end.
 */
public final class ImageService {
  public static final int MAX_ALT = 1_000;
  /** How long an upload waits for a decoder before it is refused. */
  private static final long WAIT_SECONDS = 20;

  private final ImageStore store;
  private final ImageLimits limits;
  private final ImageDecoder decoder;
  private final Semaphore decoders;

  public ImageService(ImageStore store, ImageLimits limits) {
    this.store = store;
    this.limits = limits;
    this.decoder = new ImageDecoder(limits);
    this.decoders = new Semaphore(limits.decoders(), true);
  }

  public ImageLimits limits() {
    return limits;
  }

  /** Stores the image in {@code bytes} with its {@code alt} text; the same bytes and alt give the same image. */
  public Image upload(byte[] bytes, String alt) {
    String text = alt(alt);
    if (bytes == null || bytes.length == 0) throw ImageRefused.invalid("image", "send the image's bytes as the request body");
    if (bytes.length > limits.maxBytes()) {
      throw ImageRefused.tooLarge("the image is " + bytes.length + " bytes; at most " + limits.maxBytes() + " are taken");
    }
    String id = idOf(bytes, text);
    Optional<Image> known = store.image(id);
    if (known.isPresent()) return known.get();
    Renditions.Made made = decodeAndResize(bytes);
    Image image = new Image(id, text, made.width(), made.height(), made.renditions());
    store.put(image, made.files());
    return image;
  }

  private Renditions.Made decodeAndResize(byte[] bytes) {
    try {
      if (!decoders.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) throw ImageRefused.busy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ImageRefused.busy();
    }
    try {
      return Renditions.make(decoder.decode(bytes));
    } finally {
      decoders.release();
    }
  }

  public Optional<Image> image(String id) {
    return store.image(id);
  }

  /** A rendition's bytes by its file name. */
  public Optional<byte[]> file(String name) {
    return store.file(name);
  }

  /** Alt text is required: a screen reader's only account of the picture. */
  static String alt(String alt) {
    if (alt == null || alt.isBlank()) {
      throw ImageRefused.invalid("alt", "alt is required: describe the image for readers who cannot see it");
    }
    String a = alt.strip();
    if (a.length() > MAX_ALT) throw ImageRefused.invalid("alt", "alt must be at most " + MAX_ALT + " characters");
    if (a.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      throw ImageRefused.invalid("alt", "alt must be one line of text");
    }
    return a;
  }

  /** An image's id: the first 128 bits of a SHA-256 over its bytes and its alt text. */
  static String idOf(byte[] bytes, String alt) {
    try {
      var md = MessageDigest.getInstance("SHA-256");
      md.update(bytes);
      md.update((byte) 0);
      md.update(alt.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
