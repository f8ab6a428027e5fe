package newsdesk.admission;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import newsdesk.config.ConfigException;

/**
 * Which client a request comes from. A request's peer is its client, unless the peer is one of the
 * configured fronts (load balancers): then {@code X-Forwarded-For} names the client. Only those
 * fronts are believed, since any client can send the header; none are by default. The header is
 * read from the right, skipping trusted hops, so addresses a client wrote in front of what the
 * front appended are never taken for the client.
 */
public final class TrustedProxies {
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<IpSubnetFilterRule> fronts;

  private TrustedProxies(List<IpSubnetFilterRule> fronts) {
    this.fronts = List.copyOf(fronts);
  }

  /**
   * @param entries IP addresses or CIDR blocks ({@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1});
   *     host names are refused, since resolving them would make trust depend on DNS
   */
  public static TrustedProxies parse(List<String> entries) {
    var rules = new ArrayList<IpSubnetFilterRule>();
    for (String entry : entries) {
      String[] parts = entry.strip().split("/", 2);
      InetAddress address = ipLiteral(parts[0]);
      if (address == null) {
        throw new ConfigException("limits.trusted-proxies: '" + entry + "' is not an IP address or CIDR block");
      }
      int max = address.getAddress().length * 8;
      int prefix = max;
      if (parts.length == 2) {
        try {
          prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
          throw new ConfigException("limits.trusted-proxies: '" + entry + "' needs a prefix length from 0 to " + max);
        }
      }
      rules.add(new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT));
    }
    return new TrustedProxies(rules);
  }

  /** The client's address: the peer's, or the one a trusted front forwarded for. */
  public String clientOf(HttpServerRequest req) {
    if (req.remoteAddress() == null) return "unknown";
    String peer = req.remoteAddress().hostAddress();
    if (fronts.isEmpty()) return peer;
    return clientOf(peer, req.headers().getAll("X-Forwarded-For"));
  }

  /**
   * The rightmost hop not itself a trusted front, walking back from {@code peer} through the
   * {@code X-Forwarded-For} values (each a comma-separated list, oldest hop first). A hop that is
   * not an IP address ends the walk: what lies before it cannot be checked, so the last trusted hop
   * counts as the client.
   */
  String clientOf(String peer, List<String> forwardedFor) {
    var hops = new ArrayList<String>();
    for (String value : forwardedFor) {
      for (String hop : value.split(",")) hops.add(hop.strip());
    }
    String client = peer;
    InetAddress current = ipLiteral(peer);
    for (int i = hops.size() - 1; i >= 0 && current != null && trusted(current); i--) {
      InetAddress hop = ipLiteral(hops.get(i));
      if (hop == null) break;
      current = hop;
      client = hop.getHostAddress();
    }
    return client;
  }

  private boolean trusted(InetAddress address) {
    var socket = new InetSocketAddress(address, 0);
    for (IpSubnetFilterRule front : fronts) {
      if (front.matches(socket)) return true;
    }
    return false;
  }

  /** The address written as an IP literal, or null: never a DNS lookup. */
  private static InetAddress ipLiteral(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
    return NetUtil.isValidIpV4Address(s) || NetUtil.isValidIpV6Address(s)
        ? NetUtil.createInetAddressFromIpAddressString(s) : null;
  }
}
