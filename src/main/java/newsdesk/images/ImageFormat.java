package newsdesk.images;

import java.util.Optional;

/**
 * The formats an upload may be, told by their first bytes (their signatures), never by a file
 * name or a Content-Type, which the sender chooses.
 */
enum ImageFormat {
  JPEG("jpeg"), PNG("png"), WEBP("webp");

  private final String readerName;

  ImageFormat(String readerName) {
    this.readerName = readerName;
  }

  /** The ImageIO format name whose reader decodes it. */
  String readerName() {
    return readerName;
  }

  /** JPEG starts FF D8 FF; PNG with its 8-byte signature; WebP is a RIFF file of form "WEBP". */
  static Optional<ImageFormat> sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return Optional.of(JPEG);
    if (startsWith(b, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) return Optional.of(PNG);
    if (startsWith(b, 0, new byte[] {'R', 'I', 'F', 'F'}) && startsWith(b, 8, new byte[] {'W', 'E', 'B', 'P'})) {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    if (b.length < at + prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if (b[at + i] != prefix[i]) return false;
    return true;
  }
}
