package newsdesk.hub.urlpattern;

import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The URL Standard's host parser: IPv6 in brackets, opaque hosts for other than special schemes,
 * and for special ones a domain (percent-decoded, IDNA-mapped to ASCII, lower-cased) or an IPv4
 * address when its last label is a number. Serialised as the standard serialises hosts. IDNA uses
 * the JDK's IDNA 2003 mapping, near enough UTS #46 for the hosts topics use.
 */
final class Hosts {
  private Hosts() {}

  static final String FORBIDDEN_HOST = "\u0000\t\n\r #/:<>?@[\\]^|";

  static String parse(String input, boolean special) throws WebUrl.Failure {
    if (input.startsWith("[")) {
      if (!input.endsWith("]")) throw new WebUrl.Failure("an IPv6 host ends with ]");
      return "[" + Ipv6.serialize(Ipv6.parse(input.substring(1, input.length() - 1))) + "]";
    }
    if (!special) {
      for (int i = 0; i < input.length(); i++) {
        if (FORBIDDEN_HOST.indexOf(input.charAt(i)) >= 0) throw new WebUrl.Failure("a forbidden host code point");
      }
      return Percent.encode(input, Percent.C0_CONTROL);
    }
    String domain;
    try {
      domain = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(Percent.decode(input))).toString();
    } catch (CharacterCodingException e) {
      throw new WebUrl.Failure("a host is UTF-8");
    }
    String ascii = toAscii(domain);
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      if (FORBIDDEN_HOST.indexOf(c) >= 0 || c < 0x20 || c == '%' || c == 0x7F) {
        throw new WebUrl.Failure("a forbidden domain code point");
      }
    }
    if (endsInNumber(ascii)) return ipv4(ascii);
    return ascii;
  }

  private static String toAscii(String domain) throws WebUrl.Failure {
    boolean plain = true;
    for (int i = 0; i < domain.length(); i++) if (domain.charAt(i) > 0x7E) plain = false;
    if (plain && !domain.toLowerCase(Locale.ROOT).contains("xn--")) return domain.toLowerCase(Locale.ROOT);
    try {
      return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new WebUrl.Failure("not a valid domain");
    }
  }

  private static List<String> labels(String s) {
    var parts = new ArrayList<>(List.of(s.split("\\.", -1)));
    if (parts.size() > 1 && parts.getLast().isEmpty()) parts.removeLast();
    return parts;
  }

  private static boolean endsInNumber(String s) {
    String last = labels(s).getLast();
    if (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) return true;
    return (last.startsWith("0x") || last.startsWith("0X"))
        && last.substring(2).chars().allMatch(c -> Percent.hex(c) >= 0);
  }

  private static String ipv4(String s) throws WebUrl.Failure {
    List<String> parts = labels(s);
    if (parts.size() > 4) throw new WebUrl.Failure("an IPv4 address has at most four parts");
    long[] numbers = new long[parts.size()];
    for (int i = 0; i < parts.size(); i++) numbers[i] = ipv4Number(parts.get(i));
    for (int i = 0; i < numbers.length - 1; i++) if (numbers[i] > 255) throw new WebUrl.Failure("IPv4 part over 255");
    long last = numbers[numbers.length - 1];
    if (last >= (1L << (8 * (5 - numbers.length)))) throw new WebUrl.Failure("IPv4 address too large");
    long ip = last;
    for (int i = 0; i < numbers.length - 1; i++) ip += numbers[i] << (8 * (3 - i));
    return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
  }

  private static long ipv4Number(String part) throws WebUrl.Failure {
    if (part.isEmpty()) throw new WebUrl.Failure("an empty IPv4 part");
    int radix = 10;
    String digits = part;
    if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
      radix = 16;
      digits = part.substring(2);
    } else if (part.length() >= 2 && part.startsWith("0")) {
      radix = 8;
      digits = part.substring(1);
    }
    if (digits.isEmpty()) return 0;
    try {
      var v = new java.math.BigInteger(digits, radix);
      return v.bitLength() > 40 ? Long.MAX_VALUE / 2 : v.longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new WebUrl.Failure("not an IPv4 number");
    }
  }
}
