package org.takedown.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.Browser;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * The pages in a real browser, as each role uses them: the board refreshing itself as an operation
 * moves on and its deadline passes (the engine clock moves, nobody sleeps), the dossier, the review
 * queue, a vendor's and a unit's views, on a desktop and a phone. Screenshots go to target/screenshots/.
 */
@TakedownTest
class BoardBrowserTest {

  @Autowired ProcessDriver driver;
  @LocalServerPort int port;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void eachRoleSeesItsPagesAndTheBoardFollowsTheOperation() throws Exception {
    WebDriver browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(1280, 900));
      Map<String, Object> hostile = tip("TLP:AMBER", list("DE"));
      hostile.put("title", "<script>alert('x')</script><img src=x onerror=alert(1)> panels");
      String scripted = driver.submit(hostile);
      String ref = driver.submit(tip("TLP:AMBER", list("DE")));
      String unitUser = driver.user("board-browser-officer-de", "unit-de");

      browser.get(url("/"));
      assertThat(browser.getCurrentUrl()).endsWith("/login");
      Browser.shot(browser, "board-login");
      Browser.signIn(browser, port, "cora");
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Board");
      assertThat(column(browser, ref)).isEqualTo("column-TRIAGE");
      assertThat(((JavascriptExecutor) browser).executeScript("return typeof htmx")).as("htmx runs under the CSP").isEqualTo("object");

      // The hostile title is text: no alert, no injected element.
      assertThat(text(browser, "#card-" + scripted + " .title")).isEqualTo("<script>alert('x')</script><img src=x onerror=alert(1)> panels");
      assertThat(((JavascriptExecutor) browser).executeScript("return document.querySelectorAll('#card-" + scripted + " img').length"))
          .isEqualTo(0L);
      assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
      Browser.shot(browser, "board-board");

      // Triage through the API: the card moves to legal review by itself, without a reload.
      ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
      completeThroughApi(driver.task(ref, "Task_TriageTip").getId(), "{\"variables\":{\"triageDecision\":{\"value\":\"OPEN\"},"
          + "\"countries\":{\"value\":\"[\\\"DE\\\"]\"}}}");
      driver.runJobs(ref);
      waitFor(browser, b -> "column-LEGAL_REVIEW".equals(column(b, ref)));
      assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true")).isEqualTo(true);
      assertThat(text(browser, "#card-" + ref + " .tasks")).isEqualTo("Legal review: legal officers");
      assertThat(text(browser, "#card-" + ref + " .flag-overdue")).isNull();

      // The legal review is due in 3 days: 2.5 days on it is due soon, 4 days on it is overdue.
      Instant due = driver.task(ref, "Task_LegalReview").getDueDate().toInstant();
      ClockUtil.setCurrentTime(Date.from(due.minus(Duration.ofHours(12))));
      waitFor(browser, b -> text(b, "#card-" + ref).contains("Due soon"));
      ClockUtil.setCurrentTime(Date.from(due.plus(Duration.ofDays(1))));
      waitFor(browser, b -> text(b, "#card-" + ref).contains("Overdue"));
      assertThat(((JavascriptExecutor) browser).executeScript("return document.getElementById('card-' + arguments[0]).className", ref))
          .asString().contains("overdue");
      Browser.shot(browser, "board-board-overdue");
      browser.get(url("/board?overdue=true"));
      assertThat(browser.findElements(By.id("card-" + ref))).hasSize(1);
      assertThat(browser.findElement(By.id("overdue")).isSelected()).isTrue();
      ClockUtil.reset();

      // The dossier, reached from the card; the keyboard starts at the skip link.
      browser.get(url("/board?q=" + ref));
      ((JavascriptExecutor) browser).executeScript("document.querySelector('#card-' + arguments[0] + ' a.ref').click()", ref);
      waitFor(browser, b -> b.getCurrentUrl().endsWith("/operations/" + ref));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(ref + " C2 servers of a banking trojan");
      assertThat(browser.findElement(By.cssSelector("figure.diagram img")).getAttribute("alt"))
          .isEqualTo("Process diagram of " + ref + ": current step Legal review");
      browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
      assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to the content");
      Browser.shot(browser, "board-operation");
      browser.get(url("/inbox"));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Partner answers");
      Browser.shot(browser, "board-inbox");
      browser.get(url("/operations?state=ended"));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Ended operations");
      Browser.shot(browser, "board-ended");

      // A phone: one column under the other, nothing wider than the screen.
      browser.manage().window().setSize(new Dimension(390, 844));
      browser.get(url("/board?q=" + ref));
      assertThat(fitsTheScreen(browser)).as("the board fits 390 px").isTrue();
      Browser.shot(browser, "board-board-phone");
      browser.get(url("/operations/" + ref));
      assertThat(fitsTheScreen(browser)).as("the operation page fits 390 px").isTrue();
      Browser.shot(browser, "board-operation-phone");
      browser.manage().window().setSize(new Dimension(1280, 900));
      signOut(browser);

      Browser.signIn(browser, port, "lena");
      assertThat(browser.getCurrentUrl()).endsWith("/review");
      assertThat(browser.findElement(By.id("review-" + ref)).getText()).contains("standard");
      Browser.shot(browser, "board-review-queue");
      signOut(browser);

      Browser.signIn(browser, port, "vera");
      assertThat(text(browser, "#card-" + ref)).contains("C2 servers of a banking trojan").doesNotContain("legal officers");
      assertThat(browser.findElements(By.cssSelector("article.card .vendor"))).isEmpty();
      Browser.shot(browser, "board-board-vendor");
      signOut(browser);

      driver.complete("lena", ref, "Task_LegalReview", Map.of("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
      Browser.signIn(browser, port, unitUser);
      assertThat(text(browser, "#card-" + ref)).contains("DE requested", "Respond to assignment (Germany): unit DE");
      assertThat(browser.findElements(By.id("card-" + scripted))).as("never asked: not on the unit's board").isEmpty();
      Browser.shot(browser, "board-board-unit");
      signOut(browser);
      assertThat(browser.getCurrentUrl()).endsWith("/login?logout");
    } finally {
      browser.quit();
    }
  }


  private static void signOut(WebDriver browser) {
    browser.findElement(By.cssSelector("form.signout button")).click();
    waitFor(browser, b -> b.getCurrentUrl().contains("/login"));
  }

  private static String column(WebDriver browser, String ref) {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "var c = document.getElementById('card-' + arguments[0]); return c ? c.closest('section.column').id : null;", ref);
  }

  /** Read in one script, because the board's refresh may replace the cards between two WebDriver calls. */
  private static String text(WebDriver browser, String css) {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "var e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;", css);
  }

  private static boolean fitsTheScreen(WebDriver browser) {
    return (Boolean) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
  }

  /** The board refreshes every 2 s in tests (test.properties); the wait polls the page, it does not sleep in the test's logic. */
  private static void waitFor(WebDriver browser, java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(condition::apply);
  }

  private void completeThroughApi(String taskId, String json) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/engine-rest/task/" + taskId + "/complete")))
        .header("Authorization", RawHttp.basic("cora", "demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

}
