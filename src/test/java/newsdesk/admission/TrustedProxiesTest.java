package newsdesk.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import newsdesk.config.ConfigException;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private static final TrustedProxies FRONT = TrustedProxies.parse(List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8"));

  @Test
  void withNoTrustedFrontsTheHeaderIsIgnored() {
    assertThat(TrustedProxies.NONE.clientOf("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("127.0.0.1");
    assertThat(TrustedProxies.parse(List.of()).clientOf("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("127.0.0.1");
  }

  @Test
  void aTrustedFrontNamesTheClient() {
    assertThat(FRONT.clientOf("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
    assertThat(FRONT.clientOf("127.0.0.1", List.of(" 2001:db8::1 "))).isEqualTo("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItSends() {
    assertThat(FRONT.clientOf("198.51.100.9", List.of("203.0.113.7"))).isEqualTo("198.51.100.9");
  }

  @Test
  void addressesAClientWroteBeforeTheFrontsOwnAreNotBelieved() {
    // The client sent "X-Forwarded-For: 192.0.2.1"; the front appended the address it saw.
    assertThat(FRONT.clientOf("127.0.0.1", List.of("192.0.2.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
    assertThat(FRONT.clientOf("127.0.0.1", List.of("192.0.2.1", "203.0.113.7"))).isEqualTo("203.0.113.7");
  }

  @Test
  void trustedHopsInAChainAreSkipped() {
    assertThat(FRONT.clientOf("127.0.0.1", List.of("203.0.113.7, 10.1.2.3"))).isEqualTo("203.0.113.7");
    assertThat(FRONT.clientOf("fd00::5", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
  }

  @Test
  void aHopThatIsNoAddressStopsTheWalkAtTheLastTrustedHop() {
    assertThat(FRONT.clientOf("127.0.0.1", List.of("203.0.113.7, unknown, 10.1.2.3"))).isEqualTo("10.1.2.3");
    assertThat(FRONT.clientOf("127.0.0.1", List.of(""))).isEqualTo("127.0.0.1");
    assertThat(FRONT.clientOf("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
  }

  @Test
  void entriesMustBeAddressesOrBlocksNeverHostNames() {
    for (String bad : new String[] {"localhost", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "1.2.3"}) {
      assertThatThrownBy(() -> TrustedProxies.parse(List.of(bad))).as(bad)
          .isInstanceOf(ConfigException.class).hasMessageContaining("limits.trusted-proxies");
    }
  }
}
