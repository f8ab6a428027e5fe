package newsdesk.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import newsdesk.http.ProblemException;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the upload decoder (the bytes of an upload, as sent): each input is
 * either decoded to an image within the limits, with renditions made of it, or refused with a 4xx
 * problem; no other exception, no error, no allocation beyond the pixel limit. Small limits keep
 * each run cheap. Seeds in ImageDecoderFuzzTestInputs/decodesOrRefuses/: a tiny JPEG (with EXIF),
 * PNG and WebP, and a PNG header declaring 30,000 × 30,000 pixels.
 */
@Tag("fuzz")
class ImageDecoderFuzzTest {
  private static final ImageLimits LIMITS = new ImageLimits(1 << 20, 2_000, 1_000_000, 1);
  private static final ImageDecoder DECODER = new ImageDecoder(LIMITS);

  @FuzzTest(maxDuration = "30s")
  void decodesOrRefuses(byte[] input) {
    ImageDecoder.Decoded decoded;
    try {
      decoded = DECODER.decode(input);
    } catch (ProblemException refused) {
      assertThat(refused.problem().status()).as(refused.problem().detail()).isBetween(400, 499);
      return;
    }
    int w = decoded.image().getWidth();
    int h = decoded.image().getHeight();
    assertThat(w).isBetween(1, LIMITS.maxSide());
    assertThat(h).isBetween(1, LIMITS.maxSide());
    assertThat((long) w * h).isLessThanOrEqualTo(LIMITS.maxPixels());
    var made = Renditions.make(decoded);
    assertThat(made.renditions()).isNotEmpty();
    assertThat(made.renditions().get(made.renditions().size() - 1).width()).isLessThanOrEqualTo(w);
  }
}
