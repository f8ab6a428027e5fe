package newsdesk.callbacks;

import java.util.List;
import java.util.Map;

/** What one delivery POSTs: the body, its type and any further headers (signatures, links). */
public record CallbackRequest(String contentType, byte[] body, Map<String, List<String>> headers) {
  public CallbackRequest {
    headers = Map.copyOf(headers);
  }
}
