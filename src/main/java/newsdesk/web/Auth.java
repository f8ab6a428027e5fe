package newsdesk.web;

import newsdesk.auth.Tokens;
import newsdesk.store.ApiToken;
import newsdesk.store.Role;

/** Checks a request's bearer token against the role an action needs. Blocking: reads the store. */
final class Auth {
  private final Tokens tokens;

  Auth(Tokens tokens) {
    this.tokens = tokens;
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
