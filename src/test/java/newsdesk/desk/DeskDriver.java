package newsdesk.desk;

import java.io.IOException;
import java.time.Duration;
import newsdesk.content.ContentJson;
import newsdesk.testing.Await;
import newsdesk.testing.TestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the desk's browser tests do in Chromium: find parts by accessible name, sign in, run script.
 * {@link DeskBrowser} is one, with its browser and server started for each test; {@link #of} wraps
 * any other browser.
 */
abstract class DeskDriver {
  /** The browser this drives. */
  abstract ChromeDriver driver();

  /** The server its pages come from. */
  abstract TestServer server();

  static DeskDriver of(ChromeDriver driver, TestServer server) {
    return new DeskDriver() {
      @Override
      ChromeDriver driver() {
        return driver;
      }

      @Override
      TestServer server() {
        return server;
      }
    };
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
    driver().get(server().baseUrl() + "/desk/sign-in");
    signIn(email, password);
  }

  /** Loads {@code path} on the server and waits until the page has loaded. */
  void go(String path) {
    driver().get(server().baseUrl() + path);
    Await.until(() -> "complete".equals(js("return document.readyState")), Duration.ofSeconds(20), "the page to load");
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
    } catch (WebDriverException navigated) { // "does not belong to the document": the page has gone
      return String.valueOf(navigated.getMessage()).contains("does not belong to the document");
    }
  }

  WebElement byName(String tag, String accessibleName) {
    return byName(driver(), tag, accessibleName);
  }

  /** The first {@code tag} inside {@code within} whose accessible name is {@code accessibleName}. */
  WebElement byName(SearchContext within, String tag, String accessibleName) {
    var all = within.findElements(By.tagName(tag));
    return all.stream()
        .filter(e -> accessibleName.equals(e.getAccessibleName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + tag + " named " + accessibleName + " on " + driver().getCurrentUrl()
            + "; there are " + all.stream().map(WebElement::getAccessibleName).toList()));
  }

  /** The accessible name of the element that has the focus. */
  String focusedName() {
    return driver().switchTo().activeElement().getAccessibleName();
  }

  /** The status of the answer to a fetch the page makes. */
  long fetchStatus(String fetchExpression) {
    Object status = ((JavascriptExecutor) driver()).executeAsyncScript(
        "const done = arguments[arguments.length - 1]; " + fetchExpression + ".then(r => done(r.status), e => done(-1));");
    return ((Number) status).longValue();
  }

  Object js(String script) {
    return ((JavascriptExecutor) driver()).executeScript(script.startsWith("return") ? script : script + ";");
  }

  /** A field of the story as the API has it now. */
  String stored(String slug, String field) {
    var res = server().editor("GET", "/api/v1/stories/" + slug, null);
    if (res.statusCode() != 200) return null;
    try {
      var n = ContentJson.MAPPER.readTree(res.body()).path(field);
      return n.isArray() ? n.toString() : n.asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
