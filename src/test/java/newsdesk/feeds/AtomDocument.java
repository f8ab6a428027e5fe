package newsdesk.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** An Atom document parsed by the JDK's DOM parser, and the checks RFC 4287 makes of it. */
final class AtomDocument {
  static final String NS = "http://www.w3.org/2005/Atom";
  final Element feed;

  private AtomDocument(Element feed) {
    this.feed = feed;
  }

  static AtomDocument parse(String xml) {
    try {
      var f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Element root = d.getDocumentElement();
      assertThat(root.getNamespaceURI()).isEqualTo(NS);
      assertThat(root.getLocalName()).isEqualTo("feed");
      return new AtomDocument(root);
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + xml, e);
    }
  }

  /** RFC 4287 §4.1.1 and §4.1.2: exactly one id, title and updated; an author; a self link. */
  void assertValid() {
    assertThat(children(feed, "id")).as("feed ids").hasSize(1);
    assertThat(children(feed, "title")).as("feed titles").hasSize(1);
    assertThat(children(feed, "updated")).as("feed updated").hasSize(1);
    assertThat(children(feed, "author")).as("feed author").isNotEmpty();
    assertThat(link(feed, "self")).as("rel=self").isNotNull();
    Instant.parse(text(feed, "updated"));
    for (Element e : entries()) {
      assertThat(children(e, "id")).as("entry ids").hasSize(1);
      assertThat(children(e, "title")).as("entry titles").hasSize(1);
      assertThat(children(e, "updated")).as("entry updated").hasSize(1);
      assertThat(children(e, "author")).as("entry author").isNotEmpty();
      assertThat(children(e, "author")).allSatisfy(a -> assertThat(children(a, "name")).hasSize(1));
      Instant.parse(text(e, "updated"));
      assertThat(children(e, "content").size() + children(e, "link").size()).isPositive();
    }
    assertThat(entries()).extracting(e -> text(e, "id")).doesNotHaveDuplicates();
  }

  List<Element> entries() {
    return children(feed, "entry");
  }

  static List<Element> children(Element parent, String name) {
    var out = new ArrayList<Element>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) out.add(e);
    }
    return out;
  }

  static String text(Element parent, String name) {
    var list = children(parent, name);
    return list.isEmpty() ? null : list.get(0).getTextContent();
  }

  /** The href of the first link with this rel, or null. */
  static String link(Element parent, String rel) {
    for (Element l : children(parent, "link")) {
      if (rel.equals(l.getAttribute("rel"))) return l.getAttribute("href");
    }
    return null;
  }
}
