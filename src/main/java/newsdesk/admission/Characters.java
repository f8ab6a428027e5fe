package newsdesk.admission;

/**
 * The characters draft-08 keeps out of topics, matchers, ids and event types: C0 and C1 controls,
 * DEL, and Unicode format characters (category Cf: bidirectional and zero-width controls), which
 * could inject SSE fields or spoof an identifier.
 */
public final class Characters {
  private Characters() {}

  public static boolean hasForbidden(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || Character.getType(cp) == Character.FORMAT) return true;
      if (Character.isSurrogate(s.charAt(i)) && Character.charCount(cp) == 1) return true; // not UTF-8
      i += Character.charCount(cp);
    }
    return false;
  }
}
