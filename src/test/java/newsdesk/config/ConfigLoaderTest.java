package newsdesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Map<String, String> flags(String... kv) {
    var m = new HashMap<String, String>();
    m.put("data", dir.toString());
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("newsdesk.properties"), text);
  }

  @Test
  void defaultsApplyWhenNothingIsGiven() {
    Config c = ConfigLoader.load(null, flags(), Map.of());
    assertThat(c.server().host()).isEqualTo("0.0.0.0");
    assertThat(c.server().port()).isEqualTo(8080);
    assertThat(c.storage().dataDir()).isEqualTo(dir);
    assertThat(c.server().publicUrl()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(c.subscribers().heartbeat()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.history().keep()).isEqualTo(100_000);
    assertThat(c.history().pruneEvery()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.subscribers().maxBufferBytes()).isEqualTo(262_144);
    assertThat(c.subscribers().maxTopics()).isEqualTo(32);
    assertThat(c.subscribers().maxPending()).isEqualTo(10_000);
    assertThat(c.subscribers().reconnectMillis()).isEqualTo(1_000);
    assertThat(c.server().eventLoops()).isGreaterThanOrEqualTo(1);
    assertThat(c.storage().sampleContent()).isTrue();
  }

  @Test
  void fileOverridesDefaultsEnvOverridesFileFlagsOverrideEnv() throws IOException {
    file("port=1001\nhost=10.0.0.1\nsse.max-topics=5\nheartbeat-seconds=7\n");
    var env = Map.of("NEWSDESK_PORT", "1002", "NEWSDESK_SSE_MAX_TOPICS", "6");
    Config c = ConfigLoader.load(null, flags("port", "1003"), env);
    assertThat(c.server().port()).isEqualTo(1003);
    assertThat(c.subscribers().maxTopics()).isEqualTo(6);
    assertThat(c.server().host()).isEqualTo("10.0.0.1");
    assertThat(c.subscribers().heartbeat()).isEqualTo(Duration.ofSeconds(7));
    assertThat(ConfigLoader.load(null, flags(), env).server().port()).isEqualTo(1002);
    assertThat(ConfigLoader.load(null, flags(), Map.of()).server().port()).isEqualTo(1001);
  }

  @Test
  void explicitConfigFileFromFlagOrEnvironmentIsRead() throws IOException {
    Path f = Files.writeString(dir.resolve("other.properties"), "history.keep=42\n");
    assertThat(ConfigLoader.load(f, flags(), Map.of()).history().keep()).isEqualTo(42);
    assertThat(ConfigLoader.load(null, flags(), Map.of("NEWSDESK_CONFIG", f.toString())).history().keep()).isEqualTo(42);
  }

  @Test
  void missingExplicitConfigFileIsAnError() {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> ConfigLoader.load(missing, flags(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties").hasMessageContaining("does not exist");
  }

  @Test
  void rateLimitsHaveDefaultsAndComeFromEnvironmentAndFlags() {
    Config.Limits d = ConfigLoader.load(null, flags(), Map.of()).limits();
    assertThat(d.publishPerSecond()).isEqualTo(1_000);
    assertThat(d.apiPerSecond()).isEqualTo(200);
    assertThat(d.pushPerSecond()).isEqualTo(20);
    assertThat(d.signInPerMinute()).isEqualTo(10);
    assertThat(d.maxKeys()).isEqualTo(100_000);
    Config.Limits c = ConfigLoader.load(null, flags("limits.publish-per-second", "7"),
        Map.of("NEWSDESK_LIMITS_API_PER_SECOND", "9", "NEWSDESK_LIMITS_SIGN_IN_IP_BURST", "3")).limits();
    assertThat(c.publishPerSecond()).isEqualTo(7);
    assertThat(c.apiPerSecond()).isEqualTo(9);
    assertThat(c.signInIpBurst()).isEqualTo(3);
    assertThatThrownBy(() -> ConfigLoader.load(null, flags("limits.api-burst", "0"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("limits.api-burst");
  }

  @Test
  void environmentNamesAreUpperCaseWithUnderscores() {
    assertThat(ConfigLoader.envName("sse.max-buffer-bytes")).isEqualTo("NEWSDESK_SSE_MAX_BUFFER_BYTES");
    Config c = ConfigLoader.load(null, flags(), Map.of("NEWSDESK_SAMPLE_CONTENT", "no", "NEWSDESK_HISTORY_PRUNE_SECONDS", "5"));
    assertThat(c.storage().sampleContent()).isFalse();
    assertThat(c.history().pruneEvery()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void publicUrlDefaultsToTheLocalPortAndMayBeSet() {
    assertThat(ConfigLoader.load(null, flags("port", "9000"), Map.of()).server().publicUrl()).isEqualTo(URI.create("http://localhost:9000"));
    assertThat(ConfigLoader.load(null, flags("public-url", "https://news.example"), Map.of()).server().publicUrl())
        .isEqualTo(URI.create("https://news.example"));
  }

  @Test
  void outOfRangeOrNonNumericValuesAreRefusedNamingTheKeyAndValue() {
    assertRefused(flags("port", "70000"), "port", "70000");
    assertRefused(flags("port", "eighty"), "port", "eighty");
    assertRefused(flags("port", ""), "port", "");
    assertRefused(flags("heartbeat-seconds", "0"), "heartbeat-seconds", "0");
    assertRefused(flags("sse.max-buffer-bytes", "10"), "sse.max-buffer-bytes", "10");
    assertRefused(flags("event-loops", "99999999999999999999"), "event-loops", "99999999999999999999");
    assertRefused(flags("history.keep", "-1"), "history.keep", "-1");
  }

  @Test
  void badBooleanIsRefusedNamingTheValue() {
    assertRefused(flags("sample-content", "maybe"), "sample-content", "maybe");
  }

  @Test
  void badPublicUrlIsRefused() {
    assertRefused(flags("public-url", "not a url"), "public-url", "not a url");
    assertRefused(flags("public-url", "/relative"), "public-url", "/relative");
    assertRefused(flags("public-url", "ftp://files.example"), "public-url", "ftp://files.example");
    assertRefused(flags("public-url", "javascript:alert(1)"), "public-url", "javascript:alert(1)");
  }

  @Test
  void blankHostOrDataIsRefused() {
    assertRefused(flags("host", " "), "host", " ");
    assertRefused(flags("data", ""), "data", "");
  }

  @Test
  void badValueInTheFileIsRefused() throws IOException {
    file("port=abc\n");
    assertRefused(flags(), "port", "abc");
  }

  @Test
  void unknownKeyInTheFileIsRejectedNamingTheFile() throws IOException {
    Path f = file("prot=8080\n");
    assertThatThrownBy(() -> ConfigLoader.load(null, flags(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("prot").hasMessageContaining(f.toString());
  }

  @Test
  void unknownFlagIsRejectedAsAFlag() {
    assertThatThrownBy(() -> ConfigLoader.load(null, flags("colour", "blue"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("colour").hasMessageNotContaining("newsdesk.properties");
  }

  @Test
  void unrelatedEnvironmentVariablesAreIgnored() {
    Config c = ConfigLoader.load(null, flags(), Map.of("NEWSDESK_UNKNOWN", "x", "PATH", "/bin"));
    assertThat(c.server().port()).isEqualTo(8080);
  }

  @Test
  void mercureKeysNeverShowInTheConfigsText() {
    String secret = "s3cret-".repeat(6);
    Config c = ConfigLoader.load(null, flags("mercure.publisher-key", secret, "mercure.subscriber-key", secret), Map.of());
    assertThat(c.mercure().publisherKey()).isEqualTo(secret);
    assertThat(c.toString()).doesNotContain(secret).contains("publisherKey=***", "subscriberKey=***");
    assertThat(ConfigLoader.load(null, flags(), Map.of()).toString()).contains("publisherKey=unset");
  }

  @Test
  void theBusIsInProcessUnlessARedisUrlIsGiven() {
    assertThat(ConfigLoader.load(null, flags(), Map.of()).bus().url()).isEmpty();
    assertThat(ConfigLoader.load(null, flags("bus", "redis://10.0.0.5:6379"), Map.of()).bus().url()).isEqualTo("redis://10.0.0.5:6379");
    Config fromEnv = ConfigLoader.load(null, flags(), Map.of("NEWSDESK_BUS", "redis://cache:6380", "NEWSDESK_BUS_MAX_LENGTH", "5000"));
    assertThat(fromEnv.bus().url()).isEqualTo("redis://cache:6380");
    assertThat(fromEnv.bus().maxLength()).isEqualTo(5000);
    assertThat(fromEnv.bus().stream()).isEqualTo("newsdesk:events");
  }

  @Test
  void theNewsroomTimeZoneIsUtcUnlessAnIanaZoneIsGiven() {
    assertThat(ConfigLoader.load(null, flags(), Map.of()).server().timeZone()).isEqualTo(java.time.ZoneId.of("UTC"));
    assertThat(ConfigLoader.load(null, flags(), Map.of("NEWSDESK_TIME_ZONE", "Europe/Berlin")).server().timeZone())
        .isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
    assertRefused(flags("time-zone", "Mars/Olympus"), "time-zone", "Mars/Olympus");
    assertRefused(flags("time-zone", "+01:00"), "time-zone", "+01:00"); // no summer time: not a newsroom's zone
  }

  @Test
  void aBusThatIsNotARedisUrlIsRefusedWithoutShowingItsPassword() {
    assertRefused(flags("bus", "http://cache:6379"), "bus", "http://cache:6379");
    assertRefused(flags("bus", "cache:6379"), "bus", "cache:6379");
    assertThatThrownBy(() -> ConfigLoader.load(null, flags("bus", "amqp://:s3cret@cache:6379"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bus").hasMessageNotContaining("s3cret");
    Config c = ConfigLoader.load(null, flags("bus", "redis://:s3cret@cache:6379"), Map.of());
    assertThat(c.toString()).contains("cache:6379").doesNotContain("s3cret");
  }

  @Test
  void theStoreIsEmbeddedUnlessAPostgresUrlIsGivenByFlagEnvironmentOrFile() throws IOException {
    assertThat(ConfigLoader.load(null, flags(), Map.of()).storage().store()).isEmpty();
    String url = "postgresql://newsdesk@db.internal:5432/newsdesk";
    assertThat(ConfigLoader.load(null, flags("store", url), Map.of()).storage().store()).isEqualTo(url);
    assertThat(ConfigLoader.load(null, flags(), Map.of("NEWSDESK_STORE", "jdbc:postgresql://db/news")).storage().store())
        .isEqualTo("jdbc:postgresql://db/news");
    file("store=postgres://db/news\n");
    assertThat(ConfigLoader.load(null, flags(), Map.of()).storage().store()).isEqualTo("postgres://db/news");
  }

  @Test
  void aStoreThatIsNoPostgresUrlIsRefusedWithoutEchoingIt() {
    for (String bad : List.of("mysql://u:hunter2@db/x", "postgresql://", "sqlite:data.db", "hunter2")) {
      assertThatThrownBy(() -> ConfigLoader.load(null, flags("store", bad), Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("store must be")
          .hasMessageNotContaining("hunter2");
    }
  }

  @Test
  void theStorePasswordNeverShowsInTheConfigsText() {
    Config c = ConfigLoader.load(null, flags("store", "postgresql://news:hunter2@db:5432/news"), Map.of());
    assertThat(c.toString()).doesNotContain("hunter2").contains("postgresql://news:***@db:5432/news");
    Config jdbc = ConfigLoader.load(null, flags("store", "jdbc:postgresql://db/news?user=news&password=hunter2&ssl=true"), Map.of());
    assertThat(jdbc.toString()).doesNotContain("hunter2").contains("password=***&ssl=true");
    assertThat(ConfigLoader.load(null, flags(), Map.of()).toString()).contains("store=embedded");
  }

  @Test
  void trustedProxiesAreNoneByDefaultAndACommaSeparatedList() {
    assertThat(ConfigLoader.load(null, flags(), Map.of()).subscribers().trustedProxies()).isEmpty();
    Config c = ConfigLoader.load(null, flags(), Map.of("NEWSDESK_LIMITS_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,"));
    assertThat(c.subscribers().trustedProxies()).containsExactly("127.0.0.1", "10.0.0.0/8");
  }

  @Test
  void theConnectionCapAndReadTimeoutsHaveDefaultsAndComeFromEnvironmentOrFlags() {
    var defaults = ConfigLoader.load(null, flags(), Map.of()).connections();
    assertThat(defaults).isEqualTo(new Config.Connections(19_000, Duration.ofSeconds(15), Duration.ofSeconds(60)));
    var set = ConfigLoader.load(null, flags("limits.max-connections", "500", "limits.body-timeout-seconds", "5"),
        Map.of("NEWSDESK_LIMITS_HEADER_TIMEOUT_SECONDS", "3")).connections();
    assertThat(set).isEqualTo(new Config.Connections(500, Duration.ofSeconds(3), Duration.ofSeconds(5)));
    assertRefused(flags("limits.max-connections", "0"), "limits.max-connections", "0");
    assertRefused(flags("limits.header-timeout-seconds", "0"), "limits.header-timeout-seconds", "0");
  }

  private static void assertRefused(Map<String, String> flags, String key, String value) {
    assertThatThrownBy(() -> ConfigLoader.load(null, flags, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("'" + value + "'");
  }
}
