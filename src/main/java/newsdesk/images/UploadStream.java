package newsdesk.images;

import java.io.IOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An upload's bytes as an ImageIO stream that stops a decoder reading on past the end. Some
 * decoders treat the end as zeros and go on (TwelveMonkeys' lossless WebP reader pads each read
 * past the end and decodes every declared pixel, an exception per read: minutes of CPU for a
 * 40-byte file, found by ImageDecoderFuzzTest). Past {@link #READS_PAST_END} reads at the end this
 * throws {@link PastEnd}, which no decoder catches, and the upload is refused as truncated.
 */
final class UploadStream extends ImageInputStreamImpl {
  /** Enough for a decoder that peeks at the end a few times (the JDK's JPEG reader inserts an EOI). */
  static final int READS_PAST_END = 64;

  private final byte[] bytes;
  private int readsPastEnd;

  UploadStream(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int read() throws IOException {
    checkClosed();
    bitOffset = 0;
    if (streamPos >= bytes.length) {
      pastEnd();
      return -1;
    }
    return bytes[(int) streamPos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkClosed();
    if (off < 0 || len < 0 || off + len > b.length) throw new IndexOutOfBoundsException();
    bitOffset = 0;
    if (len == 0) return 0;
    if (streamPos >= bytes.length) {
      pastEnd();
      return -1;
    }
    int n = (int) Math.min(len, bytes.length - streamPos);
    System.arraycopy(bytes, (int) streamPos, b, off, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return bytes.length;
  }

  private void pastEnd() {
    if (++readsPastEnd > READS_PAST_END) throw new PastEnd();
  }

  /** The decoder kept reading past the end of the upload. */
  static final class PastEnd extends RuntimeException {
    PastEnd() {
      super("the decoder read past the end of the upload", null, false, false);
    }
  }
}
