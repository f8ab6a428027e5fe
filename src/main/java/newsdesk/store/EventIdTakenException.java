package newsdesk.store;

/**
 * A publisher-chosen event id is already in the log. Two nodes may both check an id, find it free
 * and append it; the log's unique id refuses the second, which the caller answers like a taken id
 * found by {@link WriteTx#eventIdExists}.
 */
public final class EventIdTakenException extends StoreException {
  private final String eventId;

  public EventIdTakenException(String eventId, Throwable cause) {
    super("an event with id '" + eventId + "' is already in the log", cause);
    this.eventId = eventId;
  }

  public String eventId() {
    return eventId;
  }
}
