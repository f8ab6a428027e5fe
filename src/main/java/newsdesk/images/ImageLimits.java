package newsdesk.images;

/**
 * What an upload may be: at most {@code maxBytes} long, at most {@code maxSide} pixels wide or
 * high and {@code maxPixels} in all (checked from the header, before any pixel is decoded: a
 * small file may declare a huge image), and at most {@code decoders} decoded at once (each may
 * hold {@code maxPixels} × 4 bytes).
 */
public record ImageLimits(long maxBytes, int maxSide, long maxPixels, int decoders) {

  public ImageLimits {
    if (maxBytes < 1 || maxSide < 1 || maxPixels < 1 || decoders < 1) {
      throw new IllegalArgumentException("image limits must be positive");
    }
  }
}
