package newsdesk.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the URI-template matcher behind every subscriber's topic selector.
 * Input: a template, a newline, a topic. Seeds in UriTemplateFuzzTestInputs/parseAndMatch/.
 */
@Tag("fuzz")
class UriTemplateFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parseAndMatch(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    String template = nl < 0 ? text : text.substring(0, nl);
    String topic = nl < 0 ? "" : text.substring(nl + 1);

    try {
      UriTemplate.parse(template).ifPresent(t -> t.matches(topic));
    } catch (UriTemplate.TooComplex e) {
      assertThat(template.indexOf('{') > UriTemplate.MAX_LITERAL_PREFIX
          || template.chars().filter(c -> c == '{' || c == ',').count() > UriTemplate.MAX_VARIABLES
          || prefixModifiersAddUpTo(template) > UriTemplate.MAX_PREFIX_MODIFIERS)
          .as("refused as too complex only past a cap: %s", template).isTrue();
    }

    // Whatever the literal holds (regex syntax included), it matches only itself.
    String literal = template.replace("{", "").replace("}", "");
    if (literal.length() > UriTemplate.MAX_LITERAL_PREFIX) literal = literal.substring(0, UriTemplate.MAX_LITERAL_PREFIX);
    UriTemplate withVariable = UriTemplate.parse(literal + "{x}").orElseThrow();
    assertThat(withVariable.matches(literal + "v1")).as(literal).isTrue();
    assertThat(withVariable.matches(literal)).as(literal).isTrue();
    assertThat(withVariable.matches(literal + "v/1")).as(literal).isFalse();
  }

  /** An upper bound on what a template's {@code {var:N}} modifiers add up to: every ":digits" counted. */
  private static long prefixModifiersAddUpTo(String template) {
    long sum = 0;
    for (var m = PREFIX.matcher(template); m.find(); ) sum += Math.min(Long.parseLong(m.group(1)), 1_000_000L);
    return sum;
  }

  private static final Pattern PREFIX = Pattern.compile(":0*(\\d{1,9})");
}
