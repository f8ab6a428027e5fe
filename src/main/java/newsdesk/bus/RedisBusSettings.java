package newsdesk.bus;

/**
 * Where the Redis bus lives: {@code url} ({@code redis://[:password@]host:port[/db]}), the stream
 * every node appends to and reads, and about how many entries the stream keeps (older history comes
 * from the store, so Redis memory stays bounded).
 */
public record RedisBusSettings(String url, String stream, long maxLength) {
  public static final String DEFAULT_STREAM = "newsdesk:events";
  public static final long DEFAULT_MAX_LENGTH = 100_000;

  public RedisBusSettings {
    if (stream.isBlank()) throw new IllegalArgumentException("the bus stream needs a name");
    if (maxLength < 1) throw new IllegalArgumentException("the bus stream must keep at least one entry");
  }

  @Override
  public String toString() {
    return "RedisBusSettings[url=" + withoutPassword(url) + ", stream=" + stream + ", maxLength=" + maxLength + "]";
  }

  /** The URL fit for a log line: any user information replaced. */
  public static String withoutPassword(String url) {
    int at = url.lastIndexOf('@');
    int scheme = url.indexOf("://");
    return at < 0 || scheme < 0 || at < scheme ? url : url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
  }
}
