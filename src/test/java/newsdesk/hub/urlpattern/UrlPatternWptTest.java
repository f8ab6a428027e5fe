package newsdesk.hub.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The web-platform-tests URL Pattern cases (the data browsers are held to), run against our
 * {@link UrlPattern}: every pattern the suite calls malformed is refused, and every input matches or
 * not as the suite expects. Only what Mercure never uses is left out: {@code ignoreCase} (the draft
 * forbids it) and the captured groups' values (a matcher only answers yes or no). The few cases
 * that differ, and why, are listed in {@link #KNOWN}.
 */
class UrlPatternWptTest {
  /** Case index → why we differ from the suite there; each is a deliberate or documented gap. */
  private static final Map<Integer, String> KNOWN = Map.of();

  @Test
  void everyCaseOfTheSuiteThatAHubCanMeetHolds() throws IOException {
    JsonArray cases;
    try (InputStream in = getClass().getResourceAsStream("/urlpattern/urlpatterntestdata.json")) {
      cases = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (int i = 0; i < cases.size(); i++) {
      JsonObject c = cases.getJsonObject(i);
      String outcome = check(c);
      if (outcome == null) continue;
      run++;
      if (!outcome.isEmpty() && !KNOWN.containsKey(i)) failures.add("#" + i + " " + c.encode() + " → " + outcome);
    }
    assertThat(run).isGreaterThan(250);
    assertThat(failures).isEmpty();
  }

  /** Null when the case is out of scope; "" when it holds; otherwise what went wrong. */
  private static String check(JsonObject c) {
    JsonArray pattern = c.getJsonArray("pattern");
    Object patternInput = pattern.isEmpty() ? new JsonObject() : pattern.getValue(0);
    String base = null;
    for (int k = 1; k < pattern.size(); k++) {
      Object arg = pattern.getValue(k);
      if (arg instanceof JsonObject options) {
        if (options.getBoolean("ignoreCase", false)) return null;
      } else {
        base = (String) arg;
      }
    }
    boolean errorExpected = "error".equals(c.getValue("expected_obj"));
    UrlPattern compiled;
    try {
      if (patternInput instanceof String s) {
        compiled = UrlPattern.compile(s, base);
      } else {
        if (base != null) throw new UrlPattern.Invalid("a dictionary pattern takes no base URL");
        compiled = UrlPattern.compileInit(patternInput.toString(), init((JsonObject) patternInput));
      }
    } catch (UrlPattern.Invalid e) {
      return errorExpected ? "" : "refused: " + e.getMessage();
    }
    if (errorExpected) return "accepted a pattern the suite calls malformed";
    Object expected = c.getValue("expected_match");
    JsonArray inputs = c.getJsonArray("inputs", new JsonArray());
    if ("error".equals(expected)) return null; // a TypeError from test() itself, not a match result
    boolean expectMatch = expected instanceof JsonObject;
    Object input = inputs.isEmpty() ? new JsonObject() : inputs.getValue(0);
    String inputBase = inputs.size() > 1 ? inputs.getString(1) : null;
    boolean matched = input instanceof String s ? compiled.test(s, inputBase) : compiled.test(init((JsonObject) input));
    return matched == expectMatch ? "" : (expectMatch ? "did not match" : "matched");
  }

  private static Map<String, String> init(JsonObject o) {
    var m = new HashMap<String, String>();
    for (String k : o.fieldNames()) if (Set.of("protocol", "username", "password", "hostname", "port", "pathname",
        "search", "hash", "baseURL").contains(k)) m.put(k, o.getString(k));
    return m;
  }
}
