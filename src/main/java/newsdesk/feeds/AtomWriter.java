package newsdesk.feeds;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A feed page as Atom (RFC 4287), written with a real XML writer so newsroom text can never break
 * the document: one {@code id}, {@code title} and {@code updated} for the feed and each entry, an
 * author everywhere, {@code rel="self"}, {@code rel="alternate"} to the page, RFC 5005 paging
 * links ({@code first}, {@code next}) and, when there is one, the WebSub {@code rel="hub"}.
 */
final class AtomWriter {
  static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";
  private static final String NS = "http://www.w3.org/2005/Atom";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private AtomWriter() {}

  static byte[] write(Feed feed, String hub) {
    var out = new ByteArrayOutputStream(16 * 1024);
    try {
      XMLStreamWriter x = FACTORY.createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("feed");
      x.writeDefaultNamespace(NS);
      text(x, "id", feed.address().atom());
      text(x, "title", feed.title());
      if (!feed.description().isEmpty()) text(x, "subtitle", feed.description());
      text(x, "updated", feed.updated());
      author(x, Feed.PUBLISHER);
      link(x, "self", "application/atom+xml", feed.address().page(FeedAddress.ATOM, feed.before()));
      link(x, "alternate", "text/html", feed.homePage());
      link(x, "alternate", "application/feed+json", feed.address().page(FeedAddress.JSON, feed.before()));
      link(x, "first", "application/atom+xml", feed.address().atom());
      if (feed.next() != null) link(x, "next", "application/atom+xml", feed.address().page(FeedAddress.ATOM, feed.next()));
      if (hub != null) link(x, "hub", null, hub);
      for (FeedItem item : feed.items()) entry(x, item);
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing an Atom feed in memory failed", e);
    }
    return out.toByteArray();
  }

  private static void entry(XMLStreamWriter x, FeedItem item) throws XMLStreamException {
    x.writeStartElement("entry");
    text(x, "id", item.id());
    text(x, "title", item.title());
    text(x, "updated", item.updated());
    if (item.published() != null) text(x, "published", item.published());
    List<String> authors = item.authors().isEmpty() ? List.of(Feed.PUBLISHER) : item.authors();
    for (String a : authors) author(x, a);
    link(x, "alternate", "text/html", item.url());
    for (String c : item.categories()) {
      x.writeEmptyElement("category");
      x.writeAttribute("term", c);
    }
    if (item.summary() != null && !item.summary().isEmpty()) text(x, "summary", item.summary());
    x.writeStartElement("content");
    x.writeAttribute("type", "html");
    x.writeCharacters(item.contentHtml());
    x.writeEndElement();
    x.writeEndElement();
  }

  private static void author(XMLStreamWriter x, String name) throws XMLStreamException {
    x.writeStartElement("author");
    text(x, "name", name);
    x.writeEndElement();
  }

  private static void link(XMLStreamWriter x, String rel, String type, String href) throws XMLStreamException {
    x.writeEmptyElement("link");
    x.writeAttribute("rel", rel);
    if (type != null) x.writeAttribute("type", type);
    x.writeAttribute("href", href);
  }

  private static void text(XMLStreamWriter x, String name, Instant t) throws XMLStreamException {
    text(x, name, t.toString());
  }

  private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeStartElement(name);
    x.writeCharacters(value);
    x.writeEndElement();
  }
}
