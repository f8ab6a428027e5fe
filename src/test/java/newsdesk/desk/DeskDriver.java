package newsdesk.desk;

import java.io.IOException;
import java.time.Duration;
import newsdesk.content.ContentJson;
import newsdesk.testing.Await;
import newsdesk.testing.TestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** What the desk's browser tests do in Chromium: find parts by accessible name, sign in, run script. */
final class DeskDriver {
  private final ChromeDriver driver;
  private final TestServer server;

  DeskDriver(ChromeDriver driver, TestServer server) {
    this.driver = driver;
    this.server = server;
  }

  /** Signs in through the form, finding its parts by their accessible names as a screen reader would. */
  void signIn(String email, String password) {
    byName("input", "Email").sendKeys(email);
    byName("input", "Password").sendKeys(password);
    WebElement button = byName("button", "Sign in");
    button.click();
    // The form posts and the browser loads what answers: wait until the old page is gone.
    Await.until(() -> isStale(button), Duration.ofSeconds(10), "the sign-in to answer");
    Await.until(() -> "complete".equals(js("return document.readyState")), Duration.ofSeconds(10), "the page to load");
  }

  /** Opens the sign-in page and signs in. */
  void openAndSignIn(String email, String password) {
    driver.get(server.baseUrl() + "/desk/sign-in");
    signIn(email, password);
  }

  /** Clicks what loads another page, and waits until the old one is gone and the new one has loaded. */
  void clickAndWait(WebElement e) {
    e.click();
    Await.until(() -> isStale(e), Duration.ofSeconds(15), "the page to answer");
    Await.until(() -> "complete".equals(js("return document.readyState")), Duration.ofSeconds(15), "the page to load");
  }

  static boolean isStale(WebElement e) {
    try {
      e.isEnabled();
      return false;
    } catch (StaleElementReferenceException gone) {
      return true;
    }
  }

  WebElement byName(String tag, String accessibleName) {
    return driver.findElements(By.tagName(tag)).stream()
        .filter(e -> accessibleName.equals(e.getAccessibleName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + tag + " named " + accessibleName + " on " + driver.getCurrentUrl()));
  }

  /** The status of the answer to a fetch the page makes. */
  long fetchStatus(String fetchExpression) {
    Object status = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1]; " + fetchExpression + ".then(r => done(r.status), e => done(-1));");
    return ((Number) status).longValue();
  }

  Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script.startsWith("return") ? script : script + ";");
  }

  /** A field of the story as the API has it now. */
  String stored(String slug, String field) {
    var res = server.editor("GET", "/api/v1/stories/" + slug, null);
    if (res.statusCode() != 200) return null;
    try {
      var n = ContentJson.MAPPER.readTree(res.body()).path(field);
      return n.isArray() ? n.toString() : n.asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
