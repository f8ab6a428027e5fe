package newsdesk.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server-side request forgery guard: what a callback URL may be and where it may point. */
class CallbackAddressesTest {

  @Test
  void privateLoopbackLinkLocalAndReservedAddressesAreNotPublic() throws Exception {
    for (String a : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
        "100.64.0.1", "198.18.0.1", "192.0.0.8", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1",
        "fd12:3456::1", "64:ff9b::a00:1", "::ffff:127.0.0.1"}) {
      assertThat(CallbackAddresses.isPublic(InetAddress.getByName(a))).as(a).isFalse();
    }
    for (String a : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "64:ff9b::808:808"}) {
      assertThat(CallbackAddresses.isPublic(InetAddress.getByName(a))).as(a).isTrue();
    }
  }

  @Test
  void aNameIsJudgedByEveryAddressItResolvesTo() throws Exception {
    var dns = Map.of(
        "public.example", new InetAddress[] {InetAddress.getByName("93.184.216.34")},
        "sneaky.example", new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5")},
        "metadata.example", new InetAddress[] {InetAddress.getByName("169.254.169.254")});
    var guard = new CallbackAddresses(false, host -> {
      var found = dns.get(host);
      if (found == null) throw new UnknownHostException(host);
      return found;
    });
    assertThat(guard.check("https://public.example/cb?x=1")).isEqualTo(URI.create("https://public.example/cb?x=1"));
    assertThatThrownBy(() -> guard.check("https://sneaky.example/cb")).isInstanceOf(CallbackRefused.class)
        .hasMessageContaining("private");
    assertThatThrownBy(() -> guard.check("http://metadata.example/latest")).isInstanceOf(CallbackRefused.class);
    assertThatThrownBy(() -> guard.check("http://nowhere.example/")).isInstanceOf(CallbackRefused.class)
        .hasMessageContaining("does not resolve");
    assertThatThrownBy(() -> guard.check("http://127.0.0.1:8080/")).isInstanceOf(CallbackRefused.class);
    assertThatThrownBy(() -> guard.check("http://[::1]/")).isInstanceOf(CallbackRefused.class);
  }

  @Test
  void onlyAbsoluteHttpUrlsWithoutCredentialsOrFragmentsAreCallbacks() {
    var guard = new CallbackAddresses(true);
    for (String bad : new String[] {"ftp://example.org/", "file:///etc/passwd", "gopher://x/", "/relative", "",
        "http://user:pw@example.org/", "https://example.org/#frag", "http:///nohost", "https://example.org/" + "a".repeat(2_100)}) {
      assertThatThrownBy(() -> guard.check(bad)).as(bad).isInstanceOf(CallbackRefused.class);
    }
  }

  @Test
  void allowedPrivateCallbacksSkipTheAddressCheckButNotTheShape() throws Exception {
    var guard = new CallbackAddresses(true, host -> {
      throw new AssertionError("no lookup when private callbacks are allowed");
    });
    assertThat(guard.check("http://127.0.0.1:9/cb")).isNotNull();
    assertThatThrownBy(() -> guard.check("ftp://127.0.0.1/")).isInstanceOf(CallbackRefused.class);
  }
}
