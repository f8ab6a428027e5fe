package newsdesk.content;

import newsdesk.store.Role;

/**
 * Who makes a change: the name the version history shows and the role that bounds what they may
 * change (a contributor changes drafts only).
 */
public record Actor(String name, Role role) {
  /** The server itself and its operator's tools (sample content, the command line). */
  public static final Actor SYSTEM = new Actor("Newsdesk", Role.ADMIN);
}
