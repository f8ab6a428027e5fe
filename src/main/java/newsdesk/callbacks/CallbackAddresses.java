package newsdesk.callbacks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs the server may call back (WebSub subscribers, webhooks): absolute http(s) URLs whose
 * host resolves only to public addresses. Loopback, private, link-local, carrier-grade NAT,
 * unique-local, multicast and reserved addresses are refused — the server must not be turned
 * against the network it runs in — unless the operator allows private callbacks (tests,
 * development). Checked when a callback is registered and again before each request, since DNS
 * may have changed. A request connects to the very address its check approved ({@link #pin}): a
 * name that resolves once to a public address and then, at connection time, to a private one
 * (DNS rebinding) never reaches the private one.
 */
public final class CallbackAddresses {
  public static final int MAX_URL = 2_048;
  private final boolean allowPrivate;
  private final Resolver resolver;

  /** Name resolution, replaceable in tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public CallbackAddresses(boolean allowPrivate) {
    this(allowPrivate, InetAddress::getAllByName);
  }

  public CallbackAddresses(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** The URL, checked for shape and address; blocks on DNS. */
  public URI check(String url) throws CallbackRefused {
    URI uri = parse(url);
    checkAddress(uri);
    return uri;
  }

  /** Shape only: absolute http(s), a host, no user info or fragment, not too long. */
  public static URI parse(String url) throws CallbackRefused {
    if (url == null || url.isBlank()) throw new CallbackRefused("the callback URL is missing");
    if (url.length() > MAX_URL) throw new CallbackRefused("the callback URL is longer than " + MAX_URL + " characters");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new CallbackRefused("the callback URL cannot be read");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) throw new CallbackRefused("the callback URL must be http or https");
    if (uri.getHost() == null || uri.getHost().isEmpty()) throw new CallbackRefused("the callback URL has no host");
    if (uri.getRawUserInfo() != null) throw new CallbackRefused("the callback URL must not carry a user name or password");
    if (uri.getRawFragment() != null) throw new CallbackRefused("the callback URL must not have a fragment");
    return uri;
  }

  /** Every address the host resolves to must be public, unless private callbacks are allowed. */
  public void checkAddress(URI uri) throws CallbackRefused {
    if (allowPrivate) return;
    pin(uri);
  }

  /**
   * Resolves the host once, checks every address, and returns the one to connect to: the request
   * must connect to it and to nothing resolved later. Resolves even when private callbacks are
   * allowed, so that a request never resolves on its own. Blocks on DNS.
   */
  public InetAddress pin(URI uri) throws CallbackRefused {
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    InetAddress[] all;
    try {
      all = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new CallbackRefused("the callback host does not resolve");
    }
    if (all.length == 0) throw new CallbackRefused("the callback host does not resolve");
    for (InetAddress a : all) {
      if (!allowPrivate && !isPublic(a)) {
        throw new CallbackRefused("the callback host resolves to a private, loopback or reserved address");
      }
    }
    return all[0];
  }

  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0                                   // "this network"
          && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments 192.0.0/24
          && !(first == 198 && (second == 18 || second == 19))    // benchmarking 198.18/15
          && first < 240;                                  // reserved and broadcast
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) return false; // unique local fc00::/7
      if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) return false; // deprecated site-local fec0::/10
      // IPv4 embedded by NAT64 (64:ff9b::/96): judge the IPv4 address it carries.
      if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
        try {
          return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }
}
