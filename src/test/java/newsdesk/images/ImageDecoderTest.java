package newsdesk.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import newsdesk.http.ProblemException;
import newsdesk.testing.TestImages;
import org.junit.jupiter.api.Test;

/** The decoder on inputs that have cost a decoder dearly: refused, and quickly. */
class ImageDecoderTest {
  private final ImageDecoder decoder = new ImageDecoder(new ImageLimits(1 << 24, 12_000, 40_000_000, 1));

  @Test
  void aDecoderThatReadsOnPastTheEndIsStopped() {
    // Found by ImageDecoderFuzzTest: the lossless WebP reader pads reads past the end with zeros and
    // decodes on, an exception per read (minutes for a large declared size). A 33-byte WebP whose
    // Huffman codes run off the end: UploadStream stops the reader, where it would otherwise read on.
    byte[] runsOff = java.util.Base64.getDecoder().decode("UklGRjwAAABXRUJQVlA4TC8AAAAvu8JjEA8wPGg8HvMf");
    ProblemException refused = catchThrowableOfType(ProblemException.class, () -> decoder.decode(runsOff));
    assertThat(refused).isNotNull();
    assertThat(refused.problem().status()).isEqualTo(422);
    assertThat(refused.problem().detail()).contains("it ends too soon");
  }

  @Test
  void aCutWebpIsRefused() {
    byte[] cut = Arrays.copyOf(TestImages.WEBP_700X400_ALPHA, 30);
    assertThat(catchThrowableOfType(ProblemException.class, () -> decoder.decode(cut)).problem().status()).isEqualTo(422);
  }

  @Test
  void aWholeLosslessWebpStillDecodes() {
    var decoded = decoder.decode(TestImages.WEBP_700X400_ALPHA);
    assertThat(decoded.image().getWidth()).isEqualTo(700);
    assertThat(decoded.hasAlpha()).isTrue();
  }
}
