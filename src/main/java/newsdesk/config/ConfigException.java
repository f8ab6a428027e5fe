package newsdesk.config;

/** A setting has a value the server cannot run with; the message says which and why. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
