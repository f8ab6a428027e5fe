package newsdesk.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import newsdesk.admission.TopicLimits;
import newsdesk.http.FormBody;
import newsdesk.store.NewEvent;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the Mercure publish form as the hub reads it: the body decoder
 * ({@link FormBody#fields}) and then {@link MercureUpdates}. Any body is refused (a bad escape,
 * a field named in the refusal) or is an update within every limit, with no control character in
 * its id or type. Input: the request body. Seeds in MercureFormFuzzTestInputs/formsDecodeOrAreRefused/.
 */
@Tag("fuzz")
class MercureFormFuzzTest {
  private static final int MAX_TOPICS = 100;

  @FuzzTest(maxDuration = "30s")
  void formsDecodeOrAreRefused(byte[] input) {
    Map<String, List<String>> fields;
    try {
      fields = FormBody.fields(new String(input, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException badEscape) {
      return; // answered 400 by FormBody
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    fields.forEach(form::add);
    NewEvent update;
    try {
      update = MercureUpdates.parse(form, MAX_TOPICS, TopicLimits.MAX_TOPIC_LENGTH, TopicLimits.MAX_ID_LENGTH);
    } catch (MercureUpdates.Refused r) {
      assertThat(r.field()).isIn("topic", "id", "type", "retry");
      return;
    }
    assertThat(update.topics()).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_TOPICS)
        .allSatisfy(t -> assertThat(t.length()).isBetween(1, TopicLimits.MAX_TOPIC_LENGTH));
    assertThat(update.topics()).isEqualTo(form.getAll("topic"));
    if (update.id() != null) {
      assertThat(update.id().length()).isBetween(1, TopicLimits.MAX_ID_LENGTH);
      assertThat(update.id().chars().noneMatch(MercureFormFuzzTest::control)).isTrue();
      assertThat(update.id()).isNotEqualTo("earliest").doesNotMatch("[0-9]+");
    }
    if (update.type() != null) {
      assertThat(update.type()).isNotEmpty().hasSizeLessThanOrEqualTo(256);
      assertThat(update.type().chars().noneMatch(MercureFormFuzzTest::control)).isTrue();
    }
    if (update.retry() != null) assertThat(update.retry()).isBetween(0L, 999_999_999L);
    assertThat(update.data()).isEqualTo(form.get("data") == null ? "" : form.get("data"));
  }

  private static boolean control(int c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
  }
}
