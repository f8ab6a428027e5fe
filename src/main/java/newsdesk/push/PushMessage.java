package newsdesk.push;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One message as the push service sees it: the plaintext (encrypted per subscriber), how long the
 * service may hold it ({@code TTL}), its {@code Urgency}, and a {@code Topic} under which a newer
 * message replaces an older one still waiting for an offline device (RFC 8030 §5.4).
 */
public record PushMessage(byte[] plaintext, Duration ttl, Urgency urgency, String topic) {
  /** RFC 8030 §5.4: at most 32 characters of the URL- and filename-safe base64 alphabet. */
  public static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  public PushMessage {
    if (plaintext.length > Aes128Gcm.MAX_PLAINTEXT) throw new IllegalArgumentException("payload too large");
    if (ttl.isNegative()) throw new IllegalArgumentException("negative TTL");
    if (topic != null && !TOPIC.matcher(topic).matches()) throw new IllegalArgumentException("bad topic '" + topic + "'");
  }
}
