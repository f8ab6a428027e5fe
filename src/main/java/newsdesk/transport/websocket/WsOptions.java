package newsdesk.transport.websocket;

import java.time.Duration;
import java.util.List;

/**
 * @param heartbeat how often every socket gets a {@code ping} message
 * @param maxBufferBytes outbound bytes a socket may hold before a slow reader is cut off
 * @param maxTopics topic selectors one {@code subscribe} message may carry
 * @param maxSubscriptions subscriptions one socket may hold at once
 * @param trustedOrigins origins whose pages may subscribe with the {@code mercureAuthorization}
 *     cookie; browsers send cookies on cross-site WebSocket handshakes, so any other origin must
 *     bring its token explicitly
 */
public record WsOptions(Duration heartbeat, int maxBufferBytes, int maxTopics, int maxSubscriptions,
    List<String> trustedOrigins) {

  public WsOptions {
    trustedOrigins = List.copyOf(trustedOrigins);
  }
}
