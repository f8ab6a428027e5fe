package newsdesk.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * People who sign in to the desk and their sessions: a third small interface beside {@link Store}
 * and {@link PushStore}, implemented by the same SQL store, so every node sees one set of people
 * and a session made on one node works on all of them.
 *
 * <p>Contract: emails are compared lower-cased ({@link #insertUser} lower-cases them) and are
 * unique across the store, also when two nodes insert at once. {@link #session} answers only for
 * a session that has not expired and whose user is not disabled, so disabling a user ends their
 * sessions on every node from the next request on; {@link #disableUser} also deletes them.
 */
public interface UserStore {

  /** Inserts the user (its id is ignored) and returns it as stored; empty if the email is taken. */
  Optional<User> insertUser(User user);

  Optional<User> userByEmail(String email);

  /** Every user, disabled ones too, by id. */
  List<User> users();

  /** Disables the user and deletes their sessions; false if there is no such active user. */
  boolean disableUser(String email, Instant at);

  void insertSession(DeskSession session);

  /** The session with this id hash and its user, if it expires after {@code now} and the user is active. */
  Optional<SignedIn> session(String idHash, Instant now);

  /** Ends the session; false if there was none. */
  boolean deleteSession(String idHash);

  /** Deletes sessions that expired at or before {@code now}; returns how many. */
  int pruneSessions(Instant now);
}
