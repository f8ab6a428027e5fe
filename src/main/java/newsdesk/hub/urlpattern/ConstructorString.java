package newsdesk.hub.urlpattern;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newsdesk.hub.urlpattern.PatternTokens.Token;
import newsdesk.hub.urlpattern.PatternTokens.Type;

/**
 * The URL Pattern Standard's constructor string parser: splits a pattern such as
 * {@code https://example.com/books/:id} into its component patterns (protocol, hostname, port,
 * pathname, …) without canonicalising them, working on lenient tokens so that pattern syntax and
 * URL separators are told apart.
 */
final class ConstructorString {
  private enum State { INIT, PROTOCOL, AUTHORITY, USERNAME, PASSWORD, HOSTNAME, PORT, PATHNAME, SEARCH, HASH, DONE }

  private final int[] input;
  private final List<Token> tokens;
  private final Map<String, String> result = new TreeMap<>();
  private int componentStart;
  private int tokenIndex;
  private int tokenIncrement = 1;
  private int groupDepth;
  private int ipv6Depth;
  private boolean protocolIsSpecial;
  private State state = State.INIT;

  private ConstructorString(String input) {
    this.input = input.codePoints().toArray();
    this.tokens = PatternTokens.tokenize(this.input, true);
  }

  /** The components the string names, by the URLPatternInit member names. */
  static Map<String, String> parse(String input) {
    var p = new ConstructorString(input);
    p.run();
    return p.result;
  }

  private void run() {
    while (tokenIndex < tokens.size()) {
      tokenIncrement = 1;
      if (tokens.get(tokenIndex).type() == Type.END) {
        if (state == State.INIT) {
          rewind();
          if (isHashPrefix()) changeState(State.HASH, 1);
          else if (isSearchPrefix()) changeState(State.SEARCH, 1);
          else changeState(State.PATHNAME, 0);
          tokenIndex += tokenIncrement;
          continue;
        }
        if (state == State.AUTHORITY) {
          rewindAndSet(State.HOSTNAME);
          tokenIndex += tokenIncrement;
          continue;
        }
        changeState(State.DONE, 0);
        break;
      }
      if (tokens.get(tokenIndex).type() == Type.OPEN) {
        groupDepth++;
        tokenIndex += tokenIncrement;
        continue;
      }
      if (groupDepth > 0) {
        if (tokens.get(tokenIndex).type() == Type.CLOSE) {
          groupDepth--;
        } else {
          tokenIndex += tokenIncrement;
          continue;
        }
      }
      step();
      tokenIndex += tokenIncrement;
    }
    if (result.containsKey("hostname") && !result.containsKey("port")) result.put("port", "");
  }

  private void step() {
    switch (state) {
      case INIT -> {
        if (isChar(tokenIndex, ":")) rewindAndSet(State.PROTOCOL);
      }
      case PROTOCOL -> {
        if (isChar(tokenIndex, ":")) {
          protocolIsSpecial = UrlPattern.protocolMatchesSpecialScheme(componentString());
          State next = State.PATHNAME;
          int skip = 1;
          if (isChar(tokenIndex + 1, "/") && isChar(tokenIndex + 2, "/")) {
            next = State.AUTHORITY;
            skip = 3;
          } else if (protocolIsSpecial) {
            next = State.AUTHORITY;
          }
          changeState(next, skip);
        }
      }
      case AUTHORITY -> {
        if (isChar(tokenIndex, "@")) rewindAndSet(State.USERNAME);
        else if (isChar(tokenIndex, "/") || isSearchPrefix() || isHashPrefix()) rewindAndSet(State.HOSTNAME);
      }
      case USERNAME -> {
        if (isChar(tokenIndex, ":")) changeState(State.PASSWORD, 1);
        else if (isChar(tokenIndex, "@")) changeState(State.HOSTNAME, 1);
      }
      case PASSWORD -> {
        if (isChar(tokenIndex, "@")) changeState(State.HOSTNAME, 1);
      }
      case HOSTNAME -> {
        if (isChar(tokenIndex, "[")) ipv6Depth++;
        else if (isChar(tokenIndex, "]")) ipv6Depth--;
        else if (isChar(tokenIndex, ":") && ipv6Depth == 0) changeState(State.PORT, 1);
        else if (isChar(tokenIndex, "/")) changeState(State.PATHNAME, 0);
        else if (isSearchPrefix()) changeState(State.SEARCH, 1);
        else if (isHashPrefix()) changeState(State.HASH, 1);
      }
      case PORT -> {
        if (isChar(tokenIndex, "/")) changeState(State.PATHNAME, 0);
        else if (isSearchPrefix()) changeState(State.SEARCH, 1);
        else if (isHashPrefix()) changeState(State.HASH, 1);
      }
      case PATHNAME -> {
        if (isSearchPrefix()) changeState(State.SEARCH, 1);
        else if (isHashPrefix()) changeState(State.HASH, 1);
      }
      case SEARCH -> {
        if (isHashPrefix()) changeState(State.HASH, 1);
      }
      case HASH, DONE -> { }
    }
  }

  private void changeState(State next, int skip) {
    if (state != State.INIT && state != State.AUTHORITY && state != State.DONE) {
      result.put(state.name().toLowerCase(java.util.Locale.ROOT), componentString());
    }
    if (state != State.INIT && next != State.DONE) {
      boolean beforeHost = state == State.PROTOCOL || state == State.AUTHORITY || state == State.USERNAME
          || state == State.PASSWORD;
      boolean beforePath = beforeHost || state == State.HOSTNAME || state == State.PORT;
      if (beforeHost && (next == State.PORT || next == State.PATHNAME || next == State.SEARCH || next == State.HASH)
          && !result.containsKey("hostname")) {
        result.put("hostname", "");
      }
      if (beforePath && (next == State.SEARCH || next == State.HASH) && !result.containsKey("pathname")) {
        result.put("pathname", protocolIsSpecial ? "/" : "");
      }
      if ((beforePath || state == State.PATHNAME) && next == State.HASH && !result.containsKey("search")) {
        result.put("search", "");
      }
    }
    state = next;
    tokenIndex += skip;
    componentStart = tokenIndex;
    tokenIncrement = 0;
  }

  private void rewind() {
    tokenIndex = componentStart;
    tokenIncrement = 0;
  }

  private void rewindAndSet(State s) {
    rewind();
    state = s;
  }

  private Token safeToken(int i) {
    return i < tokens.size() ? tokens.get(i) : tokens.getLast();
  }

  private boolean isChar(int i, String value) {
    Token t = safeToken(i);
    if (!t.value().equals(value)) return false;
    return t.type() == Type.CHAR || t.type() == Type.ESCAPED_CHAR || t.type() == Type.INVALID_CHAR;
  }

  private boolean isSearchPrefix() {
    if (isChar(tokenIndex, "?")) return true;
    if (!tokens.get(tokenIndex).value().equals("?")) return false;
    if (tokenIndex - 1 < 0) return true;
    Type previous = safeToken(tokenIndex - 1).type();
    return !(previous == Type.NAME || previous == Type.REGEXP || previous == Type.CLOSE || previous == Type.ASTERISK);
  }

  private boolean isHashPrefix() {
    return isChar(tokenIndex, "#");
  }

  private String componentString() {
    int from = safeToken(componentStart).index();
    int to = tokens.get(tokenIndex).index();
    return new String(input, from, to - from);
  }
}
