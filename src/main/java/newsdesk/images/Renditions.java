package newsdesk.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.coobird.thumbnailator.Thumbnails;
import newsdesk.store.Image;

/**
 * The sizes an image is served at: each of {@link #WIDTHS} narrower than the image, and the image's
 * own width when that is at most the widest: never upscaled. Resized and encoded by Thumbnailator
 * from decoded pixels only, so no metadata of the upload (EXIF, GPS, comments, profiles) is
 * written out. A JPEG stays JPEG and a PNG PNG; a WebP becomes a PNG when it has transparency and a
 * JPEG otherwise (no maintained pure-Java WebP encoder: docs/decisions/0160-image-libraries.md).
 */
final class Renditions {
  static final List<Integer> WIDTHS = List.of(320, 640, 1024, 1600);
  private static final float JPEG_QUALITY = 0.85f;

  private Renditions() {}

  /** The widths to make of an image {@code width} pixels wide, narrowest first. */
  static List<Integer> widthsFor(int width) {
    var out = new ArrayList<Integer>();
    for (int w : WIDTHS) if (w < width) out.add(w);
    int widest = WIDTHS.get(WIDTHS.size() - 1);
    if (width <= widest) out.add(width);
    return out;
  }

  /** The renditions of {@code decoded}, and their bytes by file name. */
  static Made make(ImageDecoder.Decoded decoded) {
    BufferedImage src = decoded.image();
    boolean png = decoded.format() == ImageFormat.PNG || decoded.format() == ImageFormat.WEBP && decoded.hasAlpha();
    var renditions = new ArrayList<Image.Rendition>();
    var files = new LinkedHashMap<String, byte[]>();
    for (int w : widthsFor(src.getWidth())) {
      int h = Math.max(1, (int) Math.round((double) src.getHeight() * w / src.getWidth()));
      byte[] bytes = encode(src, w, h, png, decoded.hasAlpha());
      String file = sha256(bytes) + (png ? ".png" : ".jpg");
      renditions.add(new Image.Rendition(w, h, file));
      files.put(file, bytes);
    }
    return new Made(src.getWidth(), src.getHeight(), renditions, files);
  }

  private static byte[] encode(BufferedImage src, int width, int height, boolean png, boolean alpha) {
    var out = new ByteArrayOutputStream();
    try {
      var b = Thumbnails.of(src).forceSize(width, height)
          .imageType(alpha && png ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB)
          .outputFormat(png ? "png" : "jpg");
      if (!png) b = b.outputQuality(JPEG_QUALITY);
      b.toOutputStream(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // to memory: only a fault of ours
    }
    return out.toByteArray();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The upright image's size, its renditions and their bytes. */
  record Made(int width, int height, List<Image.Rendition> renditions, Map<String, byte[]> files) {}
}
