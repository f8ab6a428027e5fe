package newsdesk.bus;

/**
 * Where the Redis bus lives: {@code url} ({@code redis://[:password@]host:port[/db]}), the stream
 * every node appends to and reads, and about how many entries the stream keeps (older history comes
 * from the store, so Redis memory stays bounded).
 */
public record RedisBusSettings(String url, String stream, long maxLength) {
  public RedisBusSettings {
    if (stream.isBlank()) throw new IllegalArgumentException("the bus stream needs a name");
    if (maxLength < 1) throw new IllegalArgumentException("the bus stream must keep at least one entry");
  }

  /** Where the bus is, fit for a log line: scheme, host and port, never the user information. */
  @Override
  public String toString() {
    String where;
    try {
      var uri = java.net.URI.create(url);
      where = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      where = "(unparsable URL)";
    }
    return "RedisBusSettings[url=" + where + ", stream=" + stream + ", maxLength=" + maxLength + "]";
  }
}
