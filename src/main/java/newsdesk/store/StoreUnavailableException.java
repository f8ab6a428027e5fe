package newsdesk.store;

/**
 * The database cannot be reached right now (refused, timed out, connection lost), so the call was
 * not done; callers answer 503 and the client tries again. A commit whose answer was lost on the
 * way back is reported like this too, though it may have gone through: a retried publish with a
 * publisher id then finds its id taken. A full disk ({@link StorageFullException}) is one kind: the
 * database answers, but takes no write until space is freed.
 */
public sealed class StoreUnavailableException extends StoreException permits StorageFullException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
