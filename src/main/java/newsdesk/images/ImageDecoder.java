package newsdesk.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Turns an upload's bytes into pixels, or refuses them. The order is the defence: the format from
 * the signature; the size from the header alone (a decompression bomb declares its size there);
 * only then the pixels, with any warning that the data ended early counted as damage. A JPEG's
 * EXIF orientation is applied, since the metadata that carried it is not written out again.
 * Blocking and CPU-bound: call it off the event loop, as few at a time as {@link ImageLimits#decoders}.
 */
final class ImageDecoder {
  private final ImageLimits limits;

  ImageDecoder(ImageLimits limits) {
    this.limits = limits;
  }

  /** The decoded image, upright; refuses with a problem anything else. */
  Decoded decode(byte[] bytes) {
    ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(ImageRefused::unsupported);
    var readers = ImageIO.getImageReadersByFormatName(format.readerName());
    if (!readers.hasNext()) throw new IllegalStateException("no ImageIO reader for " + format);
    ImageReader reader = readers.next();
    try (var in = new UploadStream(bytes)) {
      // Metadata only for JPEG, for its orientation: a PNG's text chunks may be compressed bombs too.
      reader.setInput(in, true, format != ImageFormat.JPEG);
      checkSize(reader.getWidth(0), reader.getHeight(0));
      Orientation orientation = format == ImageFormat.JPEG ? orientation(reader) : null;
      var warnings = new ArrayList<String>();
      reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
      BufferedImage image = reader.read(0);
      for (String w : warnings) {
        if (w.toLowerCase(Locale.ROOT).contains("premature end")) throw ImageRefused.damaged(w);
      }
      if (orientation != null && orientation != Orientation.TOP_LEFT) {
        image = ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
      }
      return new Decoded(format, image);
    } catch (IOException e) {
      throw ImageRefused.damaged(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    } catch (UploadStream.PastEnd e) {
      throw ImageRefused.damaged("it ends too soon");
    } catch (RuntimeException e) {
      if (e instanceof newsdesk.http.ProblemException) throw e;
      // Decoders throw all sorts on hostile input (index out of bounds, bad colour profiles): all refusals.
      throw ImageRefused.damaged(e.getClass().getSimpleName());
    } finally {
      reader.dispose();
    }
  }

  private void checkSize(int width, int height) {
    if (width < 1 || height < 1) throw ImageRefused.damaged("it declares no size");
    if (width > limits.maxSide() || height > limits.maxSide() || (long) width * height > limits.maxPixels()) {
      throw ImageRefused.tooLarge("the image is " + width + " × " + height + " pixels; at most " + limits.maxSide()
          + " a side and " + limits.maxPixels() + " in all are taken");
    }
  }

  /** The EXIF orientation of a JPEG, null when it has none or it cannot be read (then it is shown as stored). */
  private static Orientation orientation(ImageReader reader) {
    try {
      return ExifUtils.getExifOrientation(reader, 0);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Pixels and the format they came in. */
  record Decoded(ImageFormat format, BufferedImage image) {
    boolean hasAlpha() {
      return image.getColorModel().hasAlpha();
    }
  }
}
