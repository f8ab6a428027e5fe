package newsdesk.admission;

import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * Sign-in attempts, counted twice: per account (one account guessed at from many addresses) and per
 * client address (many accounts tried from one). Count every attempt before checking the password,
 * successful or not, so the check itself is never the thing being hammered.
 */
public final class SignInLimiter {
  private final RateLimiter perAccount;
  private final RateLimiter perClient;
  private final TrustedProxies proxies;

  SignInLimiter(RateLimiter perAccount, RateLimiter perClient, TrustedProxies proxies) {
    this.perAccount = perAccount;
    this.perClient = perClient;
    this.proxies = proxies;
  }

  /**
   * Counts one attempt at {@code account} from {@code req}'s client; when either bucket is empty,
   * answers 429 with {@code Retry-After} and returns false. On the request's event loop.
   */
  public boolean admit(HttpServerRequest req, String account) {
    RateLimiter.Decision byClient = perClient.acquire(proxies.clientOf(req));
    if (!byClient.allowed()) {
      RateLimits.refusal(perClient, byClient).send(req.response(), req.path());
      return false;
    }
    return RateLimits.admit(perAccount, accountKey(account), req);
  }

  /**
   * The same count without answering: allowed, or the longer wait of the two. Answer a refusal
   * with {@code RateLimits.refusal}-style {@code Problem.rateLimited(detail, retryAfterSeconds)}.
   */
  public RateLimiter.Decision attempt(String client, String account) {
    RateLimiter.Decision byClient = perClient.acquire(client);
    if (!byClient.allowed()) return byClient;
    return perAccount.acquire(accountKey(account));
  }

  /** Accounts compare without case, so "Ed" and "ed" share one bucket. */
  private static String accountKey(String account) {
    return account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
  }
}
