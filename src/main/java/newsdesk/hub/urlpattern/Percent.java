package newsdesk.hub.urlpattern;

import java.nio.charset.StandardCharsets;

/** The URL Standard's percent-encode sets, and percent-encoding of a string's UTF-8 bytes with them. */
final class Percent {
  private Percent() {}

  /** C0 controls and everything above U+007E. */
  static final String C0_CONTROL = "";
  static final String FRAGMENT = " \"<>`";
  static final String QUERY = " \"#<>";
  static final String SPECIAL_QUERY = QUERY + "'";
  static final String PATH = QUERY + "?^`{}";
  static final String USERINFO = PATH + "/:;=@[\\]|";

  static boolean inSet(int c, String set) {
    return c < 0x20 || c > 0x7E || set.indexOf(c) >= 0;
  }

  /** Encodes the code points in {@code set}; a '%' already there is kept as it is. */
  static String encode(String s, String set) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      if (inSet(cp, set)) {
        if (out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
        byte[] bytes = (Character.isSurrogate(s.charAt(i)) && n == 1 ? "\uFFFD" : s.substring(i, i + n))
            .getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i += n;
    }
    return out == null ? s : out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** Percent-decodes to bytes: a '%' not followed by two hex digits stays as it is. */
  static byte[] decode(String s) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    var out = new java.io.ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toByteArray();
  }

  static int hex(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
}
