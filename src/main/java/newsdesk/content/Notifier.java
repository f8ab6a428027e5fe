package newsdesk.content;

import newsdesk.store.Entry;
import newsdesk.store.Story;
import newsdesk.store.WriteTx;

/**
 * Told about the changes readers may ask to be alerted to, inside the transaction that makes
 * them, so an alert is queued durably with its change (or not at all, if the change rolls back).
 * Content does not know what an alert is; the push package implements this.
 *
 * <p>Contract: implementations may only write through {@code tx} and must not block on anything
 * but it: they run under the store's write lock.
 */
public interface Notifier {
  Notifier NONE = new Notifier() {
    @Override
    public void storyPublished(WriteTx tx, Story story) {}

    @Override
    public void keyEvent(WriteTx tx, Story story, Entry entry) {}
  };

  /** {@code story} has just become public (created published, or a draft published). */
  void storyPublished(WriteTx tx, Story story);

  /** {@code entry} of the public live blog {@code story} has just been added as, or made, a key event. */
  void keyEvent(WriteTx tx, Story story, Entry entry);
}
