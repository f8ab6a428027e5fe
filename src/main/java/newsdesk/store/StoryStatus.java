package newsdesk.store;

/** A story's place in its life; {@link #wire()} is its name in the API ({@code in_review}). */
public enum StoryStatus {
  DRAFT,
  IN_REVIEW,
  /** Due to publish at the story's {@code scheduledAt}; readers do not see it until then. */
  SCHEDULED,
  PUBLISHED,
  RETRACTED;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Every wire name, comma-separated, for messages. */
  public static String wireNames() {
    return java.util.Arrays.stream(values()).map(StoryStatus::wire).collect(java.util.stream.Collectors.joining(", "));
  }

  public static java.util.Optional<StoryStatus> parse(String s) {
    for (var v : values()) if (v.wire().equals(s)) return java.util.Optional.of(v);
    return java.util.Optional.empty();
  }
}
