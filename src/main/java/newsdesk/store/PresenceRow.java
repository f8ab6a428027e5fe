package newsdesk.store;

/**
 * One line of who has what open: {@code count} open subscriptions to {@code topic} when
 * {@code member} is empty, else a named member there (an editor with the story open, count 1). A
 * change with count 0 deletes the line.
 */
public record PresenceRow(String topic, String member, long count) {
  public PresenceRow {
    if (topic == null || member == null) throw new IllegalArgumentException("a presence row needs a topic and a member");
    if (count < 0) throw new IllegalArgumentException("a presence count is never negative");
  }

  /** The open subscriptions to {@code topic}, whoever holds them. */
  public static PresenceRow subscribers(String topic, long count) {
    return new PresenceRow(topic, "", count);
  }

  public boolean named() {
    return !member.isEmpty();
  }
}
