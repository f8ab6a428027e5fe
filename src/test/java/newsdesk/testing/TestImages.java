package newsdesk.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images made in the test with ImageIO, and a few hostile byte strings, so no binary fixture is kept. */
public final class TestImages {
  /** 700 × 400, opaque, lossy (VP8): made once with libwebp's cwebp, 814 bytes; Java has no WebP writer. */
  public static final byte[] WEBP_700X400 = Base64.getDecoder().decode(
      "UklGRiYDAABXRUJQVlA4IBoDAACwSACdASq8ApABPzmcyl6vK6ilINCoAeAnCWlu4XdhEUEgfdQDJAAACMMXU30bUOcZO562oc4ygHupvo2oc59E2Uc61Fdso51pEBZkbUOcZQD3U30bUOcZQD3U30YmdBPYjF1N9G1DnGUA91N9G1DnGQ2dBPY03U30bUOcZRJ9TfRtQ5xk/1AsyNyDGNqHOMoB70Ho2oc5g2IxcDOvHcabqcmYBcxdeYupvo2oc4ygIdAtOfzgPDPU304I5xlAPeg9G1DyVXprbEYutPelUwbElam+jdefy6h0DYX5z7Ai8vD1WZOCOgbEoqWsbVmGAjhWcC05/C9NbSpebWPKx9ZWtO1Fk7iStX2c+WAe9B6Nq0fKJiIqLqzDAo1N+XVFAsycEdA2Ae9G3RaQcPQsJEeSqAjhWcCzYl6cWlC8vJlUINaWDboXWnah5Kr01vqxdUHBqo20FQ5fvWk2rZ9B6Nxqt2c+WAe9CWfw/oIFNUExVhsBHCms4JNZz5eGetPelUxKas2JaUMJ7Elam/LqigWbEvTi0oXl5MqhBrSwbdC607UPJVemt9WLqg4NVG2gqHL960m1bPoPRuNVuznywD3oSz+H9BApqgmKsNgI4U1nBJrOfLwz1p70qmJTVmxLShhPYkrU35dUUCzYl6cWlC8vJlUINaWDboXWnah5Kr01vqxdUHBqo20FQ5fvWk2rZ9B6Nxqt2c+WAe9CWfw/oIFNUExVhsBHCms4JNZz5eGetPelUxKas2JaUMJ7Elam/LqigWbEvTi0oXl5Mqg9oAD+/3gv/Sd98E6//an+9n+E+uGf2RO3BxxhwuU+srYUN+6kzDaU2p/v3K7W3LEV+5dz5lx21zxhMZPotCsIip1hEVOsIipQnfZ4caQCjuFmFcITNnsMBwFmnljzo8NobNDZobNDZobM5Uxrgdc4iDLY6eTLY6eTLYtvp5PTL0klJ9pdowULAQm7thumuX4PgQhAKfUbEEIGgIINMEAosQ4A6gQCsxDgDqBAKzEOAOoEArMQ4A6gQCsxDgDqBAKzEOAOoEArMQ4A6gQAAA==");
  /** 700 × 400, lossless (VP8L), its right half transparent: made once with cwebp, 68 bytes. */
  public static final byte[] WEBP_700X400_ALPHA = Base64.getDecoder().decode(
      "UklGRjwAAABXRUJQVlA4TC8AAAAvu8JjEA8wPIM8HvMf8DDTtk2ZlT+q/QUwR/R/Am65meY//uM//uM//uM//vuXAAA=");

  private TestImages() {}

  public static byte[] jpeg(int width, int height) {
    return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
  }

  /** A PNG; with {@code alpha}, its left half is transparent. */
  public static byte[] png(int width, int height, boolean alpha) {
    BufferedImage img = picture(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    if (alpha) {
      for (int y = 0; y < height; y++) for (int x = 0; x < width / 2; x++) img.setRGB(x, y, 0x00ffffff);
    }
    return write(img, "png");
  }

  public static byte[] gif(int width, int height) {
    return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
  }

  /**
   * A JPEG carrying an EXIF segment (APP1) that says "rotate 90° clockwise to show" (orientation 6)
   * and holds a GPS latitude reference, as a phone's photo would.
   */
  public static byte[] jpegWithExif(int width, int height) {
    byte[] jpeg = jpeg(width, height);
    ByteBuffer tiff = ByteBuffer.allocate(8 + 30 + 18).order(ByteOrder.LITTLE_ENDIAN);
    tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    tiff.putShort((short) 2);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0); // Orientation
    tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38); // GPS IFD pointer
    tiff.putInt(0);
    tiff.putShort((short) 1);
    tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
    tiff.putInt(0);
    byte[] exif = concat("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), tiff.array());
    int length = exif.length + 2;
    byte[] app1 = concat(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length}, exif);
    return concat(Arrays.copyOf(jpeg, 2), app1, Arrays.copyOfRange(jpeg, 2, jpeg.length));
  }

  /** A PNG that is only a signature and a header declaring {@code width} × {@code height}: a decompression bomb's start. */
  public static byte[] pngHeaderOnly(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, chunk("IHDR", ihdr.array()),
        chunk("IDAT", new byte[] {0x78, (byte) 0x9c}));
  }

  public static BufferedImage read(byte[] bytes) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
      if (img == null) throw new IllegalArgumentException("not an image ImageIO reads");
      return img;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code needle} occurs in {@code haystack}. */
  public static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return true;
    }
    return false;
  }

  private static BufferedImage picture(int width, int height, int type) {
    BufferedImage img = new BufferedImage(width, height, type);
    var g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(20, 90, 160), width, height, new Color(230, 180, 40)));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.WHITE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    return img;
  }

  private static byte[] write(BufferedImage img, String format) {
    var out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no writer for " + format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] chunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    var crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    return concat(ByteBuffer.allocate(4).putInt(data.length).array(), typeBytes, data,
        ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static byte[] concat(byte[]... parts) {
    var out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }
}
