package newsdesk.feeds;

import newsdesk.content.SiteUrls;

/** The feeds of the site, of each section and of each live blog, beside the pages they follow. */
public final class FeedUrls {
  private final SiteUrls urls;

  public FeedUrls(SiteUrls urls) {
    this.urls = urls;
  }

  public FeedAddress site() {
    return new FeedAddress(urls.base() + "/feed");
  }

  public FeedAddress section(String name) {
    return new FeedAddress(urls.section(name) + "/feed");
  }

  public FeedAddress liveBlog(String slug) {
    return new FeedAddress(urls.story(slug) + "/feed");
  }
}
