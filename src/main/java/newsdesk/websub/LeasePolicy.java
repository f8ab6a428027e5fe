package newsdesk.websub;

/**
 * The hub's lease bounds (W3C WebSub §5.1.1): a subscriber asks for {@code hub.lease_seconds}, the
 * hub grants it within [min, max], the default when none is asked for; a lease always ends.
 */
public record LeasePolicy(long minSeconds, long defaultSeconds, long maxSeconds) {
  public static final LeasePolicy DEFAULT = new LeasePolicy(300, 10 * 86_400, 30 * 86_400);

  public LeasePolicy {
    if (minSeconds < 1 || defaultSeconds < minSeconds || maxSeconds < defaultSeconds) {
      throw new IllegalArgumentException("lease bounds must hold 1 <= min <= default <= max");
    }
  }

  /** The lease granted for what was asked (null or unreadable: the default). */
  long grant(String asked) {
    if (asked == null || asked.isBlank()) return defaultSeconds;
    try {
      long s = Long.parseLong(asked.strip());
      return Math.max(minSeconds, Math.min(maxSeconds, s));
    } catch (NumberFormatException e) {
      return defaultSeconds;
    }
  }
}
