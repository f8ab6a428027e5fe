package newsdesk.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsdesk.testing.Chromium;

/**
 * One case of Mercure's conformance suite in a browser page on the hub's origin: subscribe with
 * {@code EventSource}, publish with {@code fetch}, and (for a case that must not arrive) publish a
 * sentinel the page does receive, so "not received" is decided by order, not by waiting out a timer.
 * Shared by the draft-07 and draft-08 conformance tests; {@code param} picks the subscription
 * parameter: draft-07's {@code topic}, or draft-08's {@code match} / {@code match_urlpattern}.
 */
final class ConformancePage {
  private ConformancePage() {}

  /** {@code sentinel} is a public topic the selectors match, published after a case that must not arrive. */
  record Case(String name, List<String> updateTopics, List<String> selectors, boolean mustBeReceived,
      boolean privateUpdate, String sentinel) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String SCRIPT = """
      const [selectors, topics, isPrivate, updateId, sentinel, token, draft, done] = arguments;
      const url = new URL('/.well-known/mercure', location.origin);
      const param = (s) => draft === '07' ? 'topic' : /\\/:[A-Za-z_]/.test(s) ? 'match_urlpattern' : 'match';
      selectors.forEach(s => url.searchParams.append(param(s), s));
      const es = new EventSource(url);
      const result = {};
      let finished = false;
      const finish = () => { if (!finished) { finished = true; es.close(); done(result); } };
      // The first event and the publish answer can come in either order; wait for both.
      const settle = () => { if ('firstId' in result && 'body' in result) finish(); };
      const post = (fields) => {
        const body = new URLSearchParams();
        for (const [k, v] of fields) body.append(k, v);
        return fetch('/.well-known/mercure', {method: 'POST', headers: {Authorization: 'Bearer ' + token}, body});
      };
      es.onmessage = (e) => {
        if ('firstId' in result) return;
        result.firstId = e.lastEventId;
        result.firstData = e.data;
        settle();
      };
      es.onerror = () => { result.error = 'EventSource error, readyState ' + es.readyState; finish(); };
      es.onopen = async () => {
        const fields = topics.map(t => ['topic', t]);
        fields.push(['id', updateId], ['data', 'data for\\n\\n' + updateId]);
        if (isPrivate) fields.push(['private', 'on']);
        const res = await post(fields);
        result.status = res.status;
        result.contentType = res.headers.get('Content-Type');
        const text = await res.text();
        if (sentinel) await post([['topic', sentinel], ['id', updateId + '-sentinel'], ['data', 'sentinel']]);
        result.body = text;
        settle();
      };
      setTimeout(() => { result.error = 'nothing arrived within 10 s'; finish(); }, 10000);
      """;

  /** Runs {@code c} in the page with a publisher's {@code token}; {@code draft} is "07" or "08". */
  static void check(Chromium browser, Case c, String token, String draft) {
    String updateId = "urn:uuid:" + UUID.randomUUID();
    browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
    @SuppressWarnings("unchecked")
    var result = (Map<String, Object>) browser.driver().executeAsyncScript(SCRIPT,
        c.selectors(), c.updateTopics(), c.privateUpdate(), updateId, c.sentinel(), token, draft);

    assertThat(result).doesNotContainKey("error");
    assertThat(result.get("status")).isEqualTo(200L);
    assertThat(result.get("contentType")).isEqualTo("text/plain; charset=utf-8");
    assertThat(result.get("body")).isEqualTo(updateId);
    if (c.mustBeReceived()) {
      assertThat(result.get("firstId")).isEqualTo(updateId);
      assertThat(result.get("firstData")).isEqualTo("data for\n\n" + updateId);
    } else {
      assertThat(result.get("firstId")).as("the update must not reach this subscriber").isEqualTo(updateId + "-sentinel");
      assertThat(result.get("firstData")).isEqualTo("sentinel");
    }
  }
}
