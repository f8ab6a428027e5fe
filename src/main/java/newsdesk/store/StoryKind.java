package newsdesk.store;

/** An ordinary article, or a live blog that carries entries. */
public enum StoryKind {
  ARTICLE, LIVE;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static java.util.Optional<StoryKind> parse(String s) {
    for (var v : values()) if (v.wire().equals(s)) return java.util.Optional.of(v);
    return java.util.Optional.empty();
  }
}
