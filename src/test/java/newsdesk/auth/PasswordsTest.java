package newsdesk.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argon2id hashes as PHC strings: salted, checked in constant time, and never matching what is not ours. */
class PasswordsTest {
  private final Passwords passwords = new Passwords();

  @Test
  void aHashIsASaltedArgon2idPhcStringThatMatchesOnlyItsPassword() {
    String one = passwords.hash("tea for two and two for tea".toCharArray());
    String two = passwords.hash("tea for two and two for tea".toCharArray());
    assertThat(one).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(one).as("salted").isNotEqualTo(two);
    assertThat(passwords.matches("tea for two and two for tea".toCharArray(), one)).isTrue();
    assertThat(passwords.matches("tea for two and two for tea!".toCharArray(), one)).isFalse();
    assertThat(passwords.matches("".toCharArray(), one)).isFalse();
  }

  @Test
  void aHashMadeAtAnotherCostStillMatches() {
    String cheap = new Passwords(64, 1, 1).hash("an older, cheaper hash".toCharArray());
    assertThat(cheap).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(passwords.matches("an older, cheaper hash".toCharArray(), cheap)).isTrue();
  }

  @Test
  void anythingButOurPhcStringNeverMatches() {
    char[] p = "whatever it may be".toCharArray();
    assertThat(passwords.matches(p, null)).isFalse();
    assertThat(passwords.matches(p, "")).isFalse();
    assertThat(passwords.matches(p, "$2b$12$abcdefghijklmnopqrstuu")).isFalse();
    assertThat(passwords.matches(p, "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
    assertThat(passwords.matches(p, "$argon2id$v=19$m=9999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"))
        .as("a cost beyond 1 GiB is refused, not attempted").isFalse();
    assertThat(passwords.matchesNothing(p)).isFalse();
  }

  @Test
  void passwordsShorterThanTwelveOrLongerThanTheLimitAreRefused() {
    assertThat(Passwords.problem("eleven char".toCharArray())).contains("at least 12");
    assertThat(Passwords.problem("twelve chars".toCharArray())).isNull();
    assertThat(Passwords.problem(new char[Passwords.MAX_LENGTH + 1])).contains("at most");
  }
}
