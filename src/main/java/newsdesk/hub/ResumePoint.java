package newsdesk.hub;

/**
 * Where a subscription starts in the log. {@code afterSeq < 0} means live only, no replay.
 * {@code gap} says the client asked for history that is gone (or was never ours); {@code
 * precedingId} is the id of the event before the first one replayed, or {@code earliest}.
 */
public record ResumePoint(long afterSeq, boolean gap, String precedingId) {
  public static final String EARLIEST = "earliest";
  public static final ResumePoint LIVE = new ResumePoint(-1, false, null);

  public boolean replays() {
    return afterSeq >= 0;
  }
}
