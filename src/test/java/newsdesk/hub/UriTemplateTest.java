package newsdesk.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6570 templates as topic selectors: levels 1 to 4, percent-encoding, and what must not match. */
class UriTemplateTest {

  @ParameterizedTest(name = "{0} matches {1}")
  @CsvSource(delimiterString = " | ", value = {
      // level 1: simple string expansion; values are unreserved or percent-encoded
      "https://example.com/books/{id} | https://example.com/books/1",
      "https://example.com/books/{id} | https://example.com/books/caf%C3%A9",
      "https://example.com/books/{id} | https://example.com/books/hello%20world",
      "https://example.com/books/{id} | https://example.com/books/",
      "https://example.com/books/{id} | https://example.com/books/café",
      "https://example.com/{a}/{b} | https://example.com/x/y",
      // level 2: reserved (+) and fragment (#) expansion let reserved characters through
      "https://example.com/files/{+path} | https://example.com/files/a/b/c.txt",
      "https://example.com/page{#section} | https://example.com/page#intro",
      "https://example.com/page{#section} | https://example.com/page",
      // level 3: several variables, and the label, path, path-parameter and query operators
      "https://example.com/map?{x,y} | https://example.com/map?1024,768",
      "https://example.com/files{.ext} | https://example.com/files.json",
      "https://example.com{/a,b} | https://example.com/one/two",
      "https://example.com/m{;x,y} | https://example.com/m;x=1;y=2",
      "https://example.com/m{;empty} | https://example.com/m;empty",
      "https://example.com/search{?q,lang} | https://example.com/search?q=news&lang=fr",
      "https://example.com/search{?q,lang} | https://example.com/search?q=news",
      "https://example.com/search?fixed=1{&q} | https://example.com/search?fixed=1&q=x",
      "https://example.com/users/foo/{?topic} | https://example.com/users/foo/?topic=https%3A%2F%2Fexample.com%2Fbooks%2F1",
      // level 4: prefix and explode modifiers
      "https://example.com/{id:3} | https://example.com/abc",
      "https://example.com/{id:3} | https://example.com/%41bc",
      "https://example.com{/segments*} | https://example.com/a/b/c",
      "https://example.com/q{?params*} | https://example.com/q?a=1&b=2",
      "https://example.com/list/{items} | https://example.com/list/a,b,c",
      // a literal percent-encoding in the template is part of the literal
      "https://example.com/a%20b/{x} | https://example.com/a%20b/1",
  })
  void matches(String template, String topic) {
    assertThat(UriTemplate.parse(template)).hasValueSatisfying(t -> assertThat(t.matches(topic)).isTrue());
  }

  @ParameterizedTest(name = "{0} does not match {1}")
  @CsvSource(delimiterString = " | ", value = {
      "https://example.com/books/{id} | https://example.com/books/1/2",
      "https://example.com/books/{id} | https://example.com/books/a?b",
      "https://example.com/books/{id} | https://example.com/books/a%2",
      "https://example.com/books/{id} | https://example.com/book/1",
      "https://example.com/books/{id} | 'https://example.com/books/1 '",
      "https://example.com/books/{id} | https://example.net/books/1",
      "https://example.com/{id:3} | https://example.com/abcd",
      "https://example.com/search{?q} | https://example.com/search?other=1",
      "https://example.com/files{.ext} | https://example.com/files/json",
      "https://example.com/m{;x} | https://example.com/m;y=1",
      "https://example.com/a%20b/{x} | https://example.com/a b/1",
  })
  void doesNotMatch(String template, String topic) {
    assertThat(UriTemplate.parse(template)).hasValueSatisfying(t -> assertThat(t.matches(topic)).isFalse());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.com/{id", "https://example.com/id}", "https://example.com/{}",
      "https://example.com/{a b}", "https://example.com/{id:0}", "https://example.com/{id:3*}", "{?}"})
  void malformedTemplatesAreNotTemplates(String template) {
    assertThat(UriTemplate.parse(template)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void selectorsMatchWildcardExactAndThemselves() {
    assertThat(TopicSelector.of("*").matches("anything at all")).isTrue();
    assertThat(TopicSelector.of("raw-string").matches("raw-string")).isTrue();
    assertThat(TopicSelector.of("raw-string").matches("raw-strin")).isFalse();
    assertThat(TopicSelector.of("https://example.com/{id}").matches("https://example.com/{id}")).isTrue();
    assertThat(TopicSelector.of("https://example.com/{id").matches("https://example.com/{id")).isTrue();
    assertThat(TopicSelector.of("https://example.com/{id").matches("https://example.com/1")).isFalse();
  }

  @org.junit.jupiter.api.Test
  void aTemplateHoldsAtMostSixteenVariables() {
    String sixteen = "https://example.com/" + "{a,b,c,d,e,f,g,h}".repeat(2);
    assertThat(UriTemplate.parse(sixteen)).isPresent();
    assertThatThrownBy(() -> UriTemplate.parse(sixteen + "{i}"))
        .isInstanceOf(UriTemplate.TooComplex.class).hasMessageContaining("16 variables");
    assertThatThrownBy(() -> TopicSelector.of("https://example.com/" + "{x}".repeat(17)))
        .isInstanceOf(UriTemplate.TooComplex.class);
  }

  @org.junit.jupiter.api.Test
  void aTemplateHoldsAtMost256CharactersBeforeItsFirstExpression() {
    String prefix = "https://example.com/" + "p".repeat(236);
    assertThat(UriTemplate.parse(prefix + "{id}")).hasValueSatisfying(t -> assertThat(t.matches(prefix + "1")).isTrue());
    assertThatThrownBy(() -> UriTemplate.parse(prefix + "p{id}"))
        .isInstanceOf(UriTemplate.TooComplex.class).hasMessageContaining("256 characters");
  }

  /**
   * A prefix modifier {@code {v:N}} compiles to N copies of a character class: over the total cap it is
   * refused as too complex, never compiled (RE2/J itself refuses repeats over 1,000, and sixteen
   * {@code {v:1000}} took two seconds a topic).
   */
  @org.junit.jupiter.api.Test
  void aTemplatesPrefixModifiersAddUpToAtMost256Characters() {
    String sixteen = "https://example.com/" + "{v:16}".repeat(16);
    assertThat(UriTemplate.parse(sixteen)).hasValueSatisfying(t -> {
      assertThat(t.matches("https://example.com/" + "a".repeat(256))).isTrue();
      assertThat(t.matches("https://example.com/" + "a".repeat(257))).isFalse();
    });
    assertThat(UriTemplate.parse("https://example.com/{v:256}")).isPresent();
    assertThatThrownBy(() -> UriTemplate.parse("https://example.com/{v:256}{w:1}"))
        .isInstanceOf(UriTemplate.TooComplex.class).hasMessageContaining("prefix modifiers");
    assertThatThrownBy(() -> TopicSelector.of("h{8:8808}8*{9:8}")).isInstanceOf(UriTemplate.TooComplex.class);
    assertThatThrownBy(() -> TopicSelector.of("https://example.com/{v:9999}")).isInstanceOf(UriTemplate.TooComplex.class);
  }

  /** Adjacent variables once made java.util.regex backtrack for minutes on a topic that did not match. */
  @org.junit.jupiter.api.Test
  @org.junit.jupiter.api.Timeout(60) // a hang guard, not a speed limit
  void adjacentVariablesDoNotBacktrack() {
    var t = UriTemplate.parse("https://example.com/" + "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}{k}{l}{m}{n}{o}{p}").orElseThrow();
    String topic = "https://example.com/" + "a,".repeat(1_000);
    assertThat(t.matches(topic)).isTrue();
    assertThat(t.matches(topic + "/")).isFalse();
  }
}
