package newsdesk.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupTest {

  @Test
  void scriptTagsAndTheirContentAreRemoved() {
    String html = Markup.toSafeHtml("before <script>alert('x')</script> after\n\n<SCRIPT src=//evil.example/x.js></SCRIPT>");
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("alert").doesNotContain("evil.example")
        .contains("before").contains("after");
  }

  @Test
  void eventHandlerAttributesAreRemoved() {
    String html = Markup.toSafeHtml("<img src=\"https://img.example/a.png\" onerror=\"alert(1)\" alt=\"a\">"
        + "<p onclick=\"steal()\" onmouseover=alert(2)>hi</p><svg onload=alert(3)></svg>");
    assertThat(html).doesNotContainIgnoringCase("onerror").doesNotContainIgnoringCase("onclick")
        .doesNotContainIgnoringCase("onmouseover").doesNotContainIgnoringCase("onload").doesNotContain("alert")
        .doesNotContainIgnoringCase("<svg").contains("hi").contains("src=\"https://img.example/a.png\"");
  }

  @Test
  void javascriptLinksLoseTheirAddress() {
    for (String src : new String[] {"[click](javascript:alert(1))", "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">click</a>", "<a href=\"&#106;avascript:alert(1)\">click</a>",
        "<a href=\"  javascript:alert(1)\">click</a>", "<a href=\"vbscript:x\">click</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
        "![x](javascript:alert(1))"}) {
      String html = Markup.toSafeHtml(src);
      assertThat(html).as(src).doesNotContainIgnoringCase("javascript").doesNotContainIgnoringCase("vbscript")
          .doesNotContainIgnoringCase("data:").doesNotContain("alert(");
    }
  }

  @Test
  void styleIframeObjectAndFormsAreStripped() {
    String html = Markup.toSafeHtml("<style>body{display:none}</style><iframe src=\"https://evil.example\"></iframe>"
        + "<object data=x></object><embed src=x><form action=/x><input name=a></form>"
        + "<p style=\"background:url(javascript:alert(1))\">text</p><link rel=stylesheet href=x><meta http-equiv=refresh>");
    assertThat(html).doesNotContainIgnoringCase("<style").doesNotContain("display:none")
        .doesNotContainIgnoringCase("<iframe").doesNotContain("evil.example").doesNotContainIgnoringCase("<object")
        .doesNotContainIgnoringCase("<embed").doesNotContainIgnoringCase("<form").doesNotContainIgnoringCase("<input")
        .doesNotContainIgnoringCase("style=").doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("<meta")
        .contains("text");
  }

  @Test
  void markdownIsRendered() {
    String html = Markup.toSafeHtml("# Title\n\nSome **bold** and *em* and `code`.\n\n- one\n- two\n\n> quote\n\n"
        + "```\nx < y\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    assertThat(html).contains("<h1>Title</h1>", "<strong>bold</strong>", "<em>em</em>", "<code>code</code>",
        "<ul>", "<li>one</li>", "<blockquote>", "<pre><code>x &lt; y", "<table>", "<td>1</td>");
  }

  @Test
  void safeLinksAndImagesAreKept() {
    String html = Markup.toSafeHtml("See [the report](https://example.com/report?a=1&b=2) and "
        + "[mail](mailto:desk@example.com). ![chart](https://img.example/chart.png)");
    assertThat(html).contains("href=\"https://example.com/report?a&#61;1&amp;b&#61;2\"").contains("the report")
        .contains("href=\"mailto:desk&#64;example.com\"").contains("src=\"https://img.example/chart.png\"")
        .contains("alt=\"chart\"");
  }

  @Test
  void safeInlineHtmlIsKept() {
    assertThat(Markup.toSafeHtml("<p>a<br>b <b>bold</b> <i>it</i></p>")).contains("<b>bold</b>", "<i>it</i>", "<br");
  }

  @Test
  void textIsEscapedAndEmptyInputIsEmpty() {
    assertThat(Markup.toSafeHtml("1 < 2 & \"quotes\"")).isEqualTo("<p>1 &lt; 2 &amp; &#34;quotes&#34;</p>");
    assertThat(Markup.toSafeHtml("")).isEmpty();
    assertThat(Markup.toSafeHtml(null)).isEmpty();
  }
}
