package newsdesk.store;

import java.time.Instant;
import java.util.List;

/**
 * Who has what open on every node, shared through the store (decision 0164): a fourth small
 * interface of the same SQL store. Each node shares only its own rows, and only what changed since
 * it last shared; its rows count while its lease runs, so a node that dies drops out by itself.
 *
 * <p>Contract: {@link #sharePresence} renews {@code node}'s lease to {@code expiresAt}, applies
 * {@code changes} (count 0 deletes the row) and deletes the rows of every node whose lease ran out
 * at or before {@code now}, in one transaction. It returns false when {@code node} held no lease
 * (first share, or it lapsed and its rows were deleted): the caller must then share all its rows
 * again, not only changes. {@link #presence} sums the rows of the nodes whose lease runs past
 * {@code now} per topic and member. Writes here never wait for publishes (they do not take the
 * event log's order).
 */
public interface PresenceStore {

  boolean sharePresence(String node, Instant now, Instant expiresAt, List<PresenceRow> changes);

  /** Every live node's rows summed per topic and member, in no particular order. */
  List<PresenceRow> presence(Instant now);

  /** Deletes the node's lease and rows (it is stopping). */
  void dropPresence(String node);
}
