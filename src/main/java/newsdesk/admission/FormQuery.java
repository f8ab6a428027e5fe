package newsdesk.admission;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A query component read as {@code application/x-www-form-urlencoded} (the URL Standard's parser,
 * as {@code URLSearchParams} reads it): names kept case-sensitive and in order, {@code +} as a
 * space, and bytes that are not UTF-8 refused rather than replaced, as draft-08 asks.
 */
public final class FormQuery {
  private FormQuery() {}

  /** Not UTF-8 once percent-decoded. */
  public static final class Malformed extends Exception {
    Malformed() {
      super("the query is not UTF-8 once percent-decoded", null, false, false);
    }
  }

  /** @param query the raw query, without '?'; null reads as empty */
  public static List<Map.Entry<String, String>> parse(String query) throws Malformed {
    var out = new ArrayList<Map.Entry<String, String>>();
    if (query == null || query.isEmpty()) return out;
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(new SimpleEntry<>(decode(name), decode(value)));
    }
    return out;
  }

  private static String decode(String s) throws Malformed {
    byte[] in = s.replace('+', ' ').getBytes(StandardCharsets.UTF_8);
    var bytes = ByteBuffer.allocate(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        bytes.put((byte) (hex(in[i + 1]) * 16 + hex(in[i + 2])));
        i += 2;
      } else {
        bytes.put(in[i]);
      }
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new Malformed();
    }
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
}
