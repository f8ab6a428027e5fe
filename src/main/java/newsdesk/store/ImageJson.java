package newsdesk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An {@link Image} as the JSON its stores keep (a story's copy of its lead image, the file store's record). */
public final class ImageJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ImageJson() {}

  public static String write(Image image) {
    try {
      return JSON.writeValueAsString(image);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The image {@code json} holds; null for null. */
  public static Image read(String json) {
    if (json == null) return null;
    try {
      return JSON.readValue(json, Image.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("corrupt image record: " + json, e);
    }
  }
}
