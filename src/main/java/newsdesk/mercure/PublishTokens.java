package newsdesk.mercure;

import newsdesk.admission.AccessTokens;
import newsdesk.admission.RateLimiter;
import newsdesk.admission.TokenMemo;

/**
 * What a publisher's token string alone decides, worked out once per token instead of once per
 * publish: whether it is a draft-08 access token (its header's {@code typ}: a JWT parse) and its
 * key in the publish rate limit (a SHA-256 of it). Both depend on the string only, so they never go
 * stale; its signature and times are still checked on every publish by the verifiers (whose own
 * memos hold the parsed claims). Only tokens that verified are remembered ({@link TokenMemo}).
 */
final class PublishTokens {
  /** @param rateKey the token's key in the publish rate limit, already short ({@link RateLimiter#shortKey}) */
  record Facts(boolean draft08, String rateKey) {}

  private final TokenMemo<Facts> known = new TokenMemo<>();

  /** The facts of {@code token}: remembered if it verified before, else worked out now. */
  Facts of(String token) {
    Facts f = known.get(token);
    return f != null ? f : new Facts(AccessTokens.isAccessToken(token), RateLimiter.shortKey("jwt:" + token));
  }

  /** Keeps {@code facts} of {@code token}, which has just verified. */
  void verified(String token, Facts facts) {
    known.put(token, facts);
  }
}
