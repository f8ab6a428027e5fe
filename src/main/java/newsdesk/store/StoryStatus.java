package newsdesk.store;

public enum StoryStatus {
  DRAFT, PUBLISHED, RETRACTED;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static java.util.Optional<StoryStatus> parse(String s) {
    for (var v : values()) if (v.wire().equals(s)) return java.util.Optional.of(v);
    return java.util.Optional.empty();
  }
}
