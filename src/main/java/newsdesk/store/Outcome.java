package newsdesk.store;

/**
 * One work's outcome in {@link Store#writeGroup}: committed with the group, or rolled back alone
 * with the exception it threw. Exactly one of the two is set.
 */
public record Outcome<T>(Committed<T> committed, RuntimeException failure) {
  public Outcome {
    if ((committed == null) == (failure == null)) throw new IllegalArgumentException("an outcome is committed or failed, not both or neither");
  }

  public static <T> Outcome<T> of(Committed<T> committed) {
    return new Outcome<>(committed, null);
  }

  public static <T> Outcome<T> failed(RuntimeException failure) {
    return new Outcome<>(null, failure);
  }
}
