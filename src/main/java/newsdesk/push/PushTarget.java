package newsdesk.push;

import java.net.URI;

/** Where one message goes: a subscription's endpoint and its keys, decoded and checked. */
public record PushTarget(URI endpoint, byte[] p256dh, byte[] auth) {

  public PushTarget {
    if (!P256.isValidPoint(p256dh)) throw new IllegalArgumentException("p256dh is not a point on P-256");
    if (auth.length != 16) throw new IllegalArgumentException("auth must be 16 bytes");
  }

  public static PushTarget of(String endpoint, String p256dh, String auth) {
    return new PushTarget(URI.create(endpoint), P256.unb64(p256dh).orElseThrow(() ->
        new IllegalArgumentException("p256dh is not base64url")), P256.unb64(auth).orElseThrow(() ->
        new IllegalArgumentException("auth is not base64url")));
  }

  public String origin() {
    return VapidJwt.origin(endpoint);
  }
}
