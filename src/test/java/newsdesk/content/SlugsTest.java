package newsdesk.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

  @Test
  void headlineBecomesLowerCaseHyphenatedWords() {
    assertThat(Slugs.fromHeadline("Council Approves 2025 Budget")).isEqualTo("council-approves-2025-budget");
    assertThat(Slugs.fromHeadline("  What's next?  -- Markets, rates & you!  ")).isEqualTo("what-s-next-markets-rates-you");
  }

  @Test
  void accentsAreFoldedToAscii() {
    assertThat(Slugs.fromHeadline("Élan: Café crème à São Paulo")).isEqualTo("elan-cafe-creme-a-sao-paulo");
    assertThat(Slugs.fromHeadline("Ｆｕｌｌ ｗｉｄｔｈ")).isEqualTo("full-width");
  }

  @Test
  void headlineWithoutLettersOrDigitsGivesStory() {
    assertThat(Slugs.fromHeadline("!!! ???")).isEqualTo("story");
    assertThat(Slugs.fromHeadline("中文标题")).isEqualTo("story");
    assertThat(Slugs.fromHeadline("")).isEqualTo("story");
  }

  @Test
  void longHeadlineIsCutAtAWordBoundaryWithinTheLimit() {
    String slug = Slugs.fromHeadline("Extraordinarily ".repeat(20));
    assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX_LENGTH);
    assertThat(slug).doesNotEndWith("-").startsWith("extraordinarily-");
    assertThat(slug.split("-")).allMatch("extraordinarily"::equals);
    assertThat(Slugs.isValid(slug)).isTrue();
  }

  @Test
  void longSingleWordIsCutAtTheLimit() {
    String slug = Slugs.fromHeadline("a".repeat(200));
    assertThat(slug).isEqualTo("a".repeat(Slugs.MAX_LENGTH));
  }

  @Test
  void derivedSlugsAreAlwaysValid() {
    for (String h : new String[] {"Hello", "-x-", "A  B", "Ǆ digraph", "İstanbul", "ß", "x".repeat(79) + " yy",
        "word ".repeat(40), "1-2-3", "\u0000nul"}) {
      assertThat(Slugs.isValid(Slugs.fromHeadline(h))).as(h).isTrue();
    }
  }

  @Test
  void numberedVariantsStayWithinTheLimit() {
    assertThat(Slugs.numbered("budget", 2)).isEqualTo("budget-2");
    String max = "word-".repeat(16).substring(0, Slugs.MAX_LENGTH);
    for (int n : new int[] {2, 10, 12345}) {
      String slug = Slugs.numbered(max, n);
      assertThat(slug).endsWith("-" + n);
      assertThat(Slugs.isValid(slug)).as(slug).isTrue();
    }
    assertThat(Slugs.numbered("a".repeat(80), 2)).isEqualTo("a".repeat(78) + "-2");
  }

  @Test
  void validityRules() {
    assertThat(Slugs.isValid("a")).isTrue();
    assertThat(Slugs.isValid("a-1-b")).isTrue();
    assertThat(Slugs.isValid("a".repeat(80))).isTrue();
    assertThat(Slugs.isValid("a".repeat(81))).isFalse();
    assertThat(Slugs.isValid(null)).isFalse();
    assertThat(Slugs.isValid("")).isFalse();
    assertThat(Slugs.isValid("A")).isFalse();
    assertThat(Slugs.isValid("a b")).isFalse();
    assertThat(Slugs.isValid("a--b")).isFalse();
    assertThat(Slugs.isValid("-a")).isFalse();
    assertThat(Slugs.isValid("a-")).isFalse();
    assertThat(Slugs.isValid("a_b")).isFalse();
    assertThat(Slugs.isValid("café")).isFalse();
  }

  @Test
  void sectionNamesHaveTheSlugShapeAndAShorterLimit() {
    assertThat(Slugs.isSectionName("world-news")).isTrue();
    assertThat(Slugs.isSectionName("a".repeat(40))).isTrue();
    assertThat(Slugs.isSectionName("a".repeat(41))).isFalse();
    assertThat(Slugs.isSectionName(null)).isFalse();
    assertThat(Slugs.isSectionName("")).isFalse();
    assertThat(Slugs.isSectionName("World")).isFalse();
    assertThat(Slugs.isSectionName("a--b")).isFalse();
  }
}
