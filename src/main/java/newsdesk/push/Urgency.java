package newsdesk.push;

/** RFC 8030 §5.3: how eagerly a push service should wake a device for a message. */
public enum Urgency {
  VERY_LOW("very-low"), LOW("low"), NORMAL("normal"), HIGH("high");

  private final String wire;

  Urgency(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Urgency parse(String s) {
    for (Urgency u : values()) if (u.wire.equals(s) || u.name().equals(s)) return u;
    throw new IllegalArgumentException("unknown urgency '" + s + "'");
  }
}
