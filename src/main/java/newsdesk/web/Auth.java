package newsdesk.web;

import newsdesk.auth.Tokens;
import newsdesk.content.Actor;
import newsdesk.desk.DeskGate;
import newsdesk.store.ApiToken;
import newsdesk.store.Role;

/**
 * Checks who is calling the API against the role an action needs: a bearer token, else a desk
 * session (whose changes also need its CSRF token, checked by {@link DeskGate}). Blocking: reads
 * the store.
 */
final class Auth {
  private final Tokens tokens;
  private final DeskGate desk;

  Auth(Tokens tokens, DeskGate desk) {
    this.tokens = tokens;
    this.desk = desk;
  }

  /** Who is calling: the key its publish rate is counted under, its role, and the name its changes go by. */
  record Caller(String key, Role role, String name) {
    Actor actor() {
      return new Actor(name, role);
    }
  }

  /** The caller, once its role is known to allow {@code needed}. */
  Caller require(String authorization, DeskGate.Presented session, Role needed) {
    if ((authorization == null || authorization.isBlank()) && session.hasSession()) {
      var user = desk.require(session, needed).user();
      return new Caller("desk-user:" + user.id(), user.role(), user.displayName());
    }
    ApiToken token = require(authorization, needed);
    return new Caller("api-token:" + token.id(), token.role(), "API token " + token.name());
  }

  ApiToken require(String authorization, Role needed) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiException.unauthorized("send an API token as 'Authorization: Bearer <token>'");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("the Authorization header must use the Bearer scheme");
    }
    ApiToken token = tokens.authenticate(authorization.substring(7).trim())
        .orElseThrow(() -> ApiException.unauthorized("the token is unknown or revoked"));
    if (!token.role().allows(needed)) {
      throw ApiException.forbidden("this needs the " + needed.wire() + " role; the token has " + token.role().wire());
    }
    return token;
  }
}
