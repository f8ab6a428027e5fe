package newsdesk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\|", Pattern.MULTILINE);

  @Test
  void everyTypeHasItsOwnProblemsUri() {
    assertThat(ProblemType.values()).allSatisfy(t -> assertThat(t.uri()).matches("/problems/[a-z]+(-[a-z]+)*"));
    assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri).distinct().count())
        .isEqualTo(ProblemType.values().length);
  }

  @Test
  void theApiDocsListEveryTypeWithItsStatusAndTitle() throws IOException {
    String section = Files.readString(Path.of("docs/api.md")).split("## Problem types", 2)[1];
    Map<String, String[]> rows = new HashMap<>();
    var m = ROW.matcher(section);
    while (m.find()) rows.put(m.group(1), new String[] {m.group(2).strip(), m.group(3).strip()});
    for (ProblemType t : ProblemType.values()) {
      assertThat(rows).as("a row for %s in docs/api.md", t.uri()).containsKey(t.uri());
      String status = t == ProblemType.REQUEST_REFUSED ? "any 4xx" : String.valueOf(t.status());
      assertThat(rows.get(t.uri())).as("status and title of %s", t.uri()).containsExactly(status, t.title());
    }
    assertThat(rows.keySet()).as("rows for types the catalogue does not have")
        .allMatch(uri -> Arrays.stream(ProblemType.values()).anyMatch(t -> t.uri().equals(uri)));
  }

  @Test
  void aProblemIsSentOnlyWithItsTypesStatus() {
    assertThat(Problem.of(ProblemType.NOT_FOUND, "gone").status()).isEqualTo(404);
    assertThat(Problem.refused(416, "no such range").toJson("/x").path("type").asText()).isEqualTo("/problems/request-refused");
    assertThatThrownBy(() -> new Problem(ProblemType.NOT_FOUND, 410, "gone", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Problem.refused(500, "ours")).isInstanceOf(IllegalArgumentException.class);
  }
}
