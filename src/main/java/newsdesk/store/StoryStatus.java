package newsdesk.store;

/** A story's place in its life; {@link #wire()} is its name in the API ({@code in_review}). */
public enum StoryStatus {
  DRAFT, IN_REVIEW, PUBLISHED, RETRACTED;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static java.util.Optional<StoryStatus> parse(String s) {
    for (var v : values()) if (v.wire().equals(s)) return java.util.Optional.of(v);
    return java.util.Optional.empty();
  }
}
