package newsdesk.hub.urlpattern;

/** IPv6 addresses as the URL Standard parses and serialises them (longest zero run compressed). */
final class Ipv6 {
  private Ipv6() {}

  static int[] parse(String s) throws WebUrl.Failure {
    int[] pieces = new int[8];
    int piece = 0;
    int compress = -1;
    int i = 0;
    int n = s.length();
    if (n > 0 && s.charAt(0) == ':') {
      if (n < 2 || s.charAt(1) != ':') throw fail();
      i = 2;
      compress = ++piece;
    }
    while (i < n) {
      if (piece == 8) throw fail();
      if (s.charAt(i) == ':') {
        if (compress >= 0) throw fail();
        i++;
        compress = ++piece;
        continue;
      }
      int value = 0;
      int length = 0;
      while (length < 4 && i < n && Percent.hex(s.charAt(i)) >= 0) {
        value = value * 16 + Percent.hex(s.charAt(i));
        i++;
        length++;
      }
      if (i < n && s.charAt(i) == '.') {
        if (length == 0 || piece > 6) throw fail();
        i -= length;
        piece = ipv4Tail(s, i, pieces, piece);
        i = n;
        break;
      } else if (i < n && s.charAt(i) == ':') {
        i++;
        if (i >= n) throw fail();
      } else if (i < n) {
        throw fail();
      }
      pieces[piece++] = value;
    }
    if (compress >= 0) {
      int swaps = piece - compress;
      piece = 7;
      while (piece != 0 && swaps > 0) {
        int t = pieces[piece];
        pieces[piece] = pieces[compress + swaps - 1];
        pieces[compress + swaps - 1] = t;
        piece--;
        swaps--;
      }
    } else if (piece != 8) {
      throw fail();
    }
    return pieces;
  }

  /** An embedded IPv4 address fills two pieces; returns the piece index after them. */
  private static int ipv4Tail(String s, int i, int[] pieces, int piece) throws WebUrl.Failure {
    int n = s.length();
    int seen = 0;
    while (i < n) {
      int v = -1;
      if (seen > 0) {
        if (s.charAt(i) == '.' && seen < 4) i++;
        else throw fail();
      }
      if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') throw fail();
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        int d = s.charAt(i) - '0';
        if (v == -1) v = d;
        else if (v == 0) throw fail();
        else v = v * 10 + d;
        if (v > 255) throw fail();
        i++;
      }
      pieces[piece] = pieces[piece] * 256 + v;
      seen++;
      if (seen == 2 || seen == 4) piece++;
    }
    if (seen != 4) throw fail();
    return piece;
  }

  static String serialize(int[] pieces) {
    int best = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (pieces[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && pieces[j] == 0) j++;
      if (j - i > bestLen) {
        best = i;
        bestLen = j - i;
      }
      i = j;
    }
    var out = new StringBuilder();
    boolean ignore0 = false;
    for (int i = 0; i < 8; i++) {
      if (ignore0 && pieces[i] == 0) continue;
      ignore0 = false;
      if (best == i) {
        out.append(i == 0 ? "::" : ":");
        ignore0 = true;
        continue;
      }
      out.append(Integer.toHexString(pieces[i]));
      if (i != 7) out.append(':');
    }
    return out.toString();
  }

  private static WebUrl.Failure fail() {
    return new WebUrl.Failure("not an IPv6 address");
  }
}
