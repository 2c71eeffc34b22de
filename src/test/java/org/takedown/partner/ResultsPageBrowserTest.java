package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.evidencePackage;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.Browser;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.operation.Stage;

/**
 * Germany's unit reports its results on its phone (390 px wide), from the results link of its mail: one line set, the
 * bulk choice for ticked lines with an exception, saved and shown as recorded; then the list filtered and paged, the
 * rest set at once, and the results said complete.
 */
@TakedownTest
class ResultsPageBrowserTest {

  static final int GERMAN = 120;
  static final String FRANCE = "212.27.40.1";

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private static String german(int i) {
    return "193.99.200." + i;
  }

  /** Germany (120 addresses) and France (one) accepted; Germany received its evidence and was asked for results. */
  private String germanyAskedForResults() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
    List<Map<String, String>> indicators = new ArrayList<>();
    for (int i = 1; i <= GERMAN; i++) {
      indicators.add(Map.of("type", "ipv4-addr", "value", german(i)));
    }
    indicators.add(Map.of("type", "ipv4-addr", "value", FRANCE));
    tip.put("indicators", indicators);
    String ref = driver.approveForAssignment(tip);
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    List<String> items = driver.registerEvidence(ref, "Disk image");
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", "DE", vars("evidenceItems", evidencePackage(items)));
    driver.complete(driver.officer("DE"), ref, "Task_ConfirmReceipt", "DE", vars("receiptConfirmed", true,
        "reportedSha256", driver.matchingHashes(ref, items)));
    return ref;
  }

  private String resultsLink(String ref) {
    return MailBox.link(MailBox.to(mail, "so4@de.units.example", ref).stream()
        .filter(m -> MailBox.everything(m).contains("Report your results")).reduce((a, b) -> b).orElseThrow(), "Report your results");
  }

  /** A line of the list by its indicator. */
  private static WebElement line(WebDriver browser, String indicator) {
    return browser.findElements(By.cssSelector("li.line")).stream()
        .filter(l -> l.findElement(By.cssSelector("code.indicator")).getText().equals(indicator)).findFirst().orElseThrow();
  }

  private static void waitForPage(WebDriver browser, String css, String text) {
    new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
        .until(b -> b.findElement(By.cssSelector(css)).getText().contains(text));
  }

  private static boolean fitsTheScreen(WebDriver browser) {
    return (Boolean) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
  }

  private List<String> recorded(String ref) {
    return jdbc.queryForList("select i.indicator_value || ' ' || r.status || ' ' || rr.channel || ' ' || rr.reported_by from indicator_result r"
        + " join indicator i on i.id = r.indicator_id join result_report rr on rr.id = r.report_id join operation o on o.id = r.operation_id"
        + " where o.reference = ? order by i.id", String.class, ref);
  }

  @Test
  void theUnitSetsALineAndTheRestInBulkWithAnExceptionThenCompletes() throws Exception {
    String ref = germanyAskedForResults();
    String link = resultsLink(ref);
    WebDriver browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(390, 844));
      browser.get("http://localhost:" + port + URI.create(link).getRawPath());

      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Report your results");
      assertThat(browser.findElement(By.cssSelector("p.operation")).getText())
          .isEqualTo("Operation " + ref + ", Germany, for Bundeskriminalamt SO4 Cybercrime.");
      assertThat(browser.findElement(By.id("progress")).getText()).startsWith("0 of your 120 indicators reported; due by ");
      assertThat(browser.findElement(By.id("showing")).getText()).isEqualTo("Indicators 1–100 of 120");
      assertThat(browser.findElements(By.cssSelector("li.line"))).hasSize(100);
      assertThat(browser.findElement(By.tagName("main")).getText()).as("only Germany's indicators").doesNotContain(FRANCE, "France");
      assertThat(line(browser, german(1)).findElement(By.cssSelector(".now")).getText()).isEqualTo("Now: requested");
      assertThat(browser.findElement(By.id("spreadsheet")).getText()).contains("Upload the results spreadsheet");
      assertThat(fitsTheScreen(browser)).as("the results page fits 390 px").isTrue();

      // One line set on its own; two more ticked for the bulk choice, one of them with its own status (the exception).
      new Select(line(browser, german(1)).findElement(By.tagName("select"))).selectByVisibleText("taken down");
      line(browser, german(2)).findElement(By.cssSelector("input[type=checkbox]")).click();
      line(browser, german(3)).findElement(By.cssSelector("input[type=checkbox]")).click();
      new Select(line(browser, german(3)).findElement(By.tagName("select"))).selectByVisibleText("seized");
      new Select(browser.findElement(By.name("bulkStatus"))).selectByVisibleText("not found");
      browser.findElement(By.name("serversSeized")).sendKeys("2");
      browser.findElement(By.name("arrests")).sendKeys("1");
      browser.findElement(By.id("save")).click();

      waitForPage(browser, "#recorded h2", "Recorded for Germany");
      assertThat(browser.findElement(By.cssSelector("#recorded h2")).getText())
          .isEqualTo("Recorded for Germany: 3 results (3 changed), and the country's counts.");
      assertThat(browser.findElements(By.cssSelector("#recorded li"))).extracting(WebElement::getText).containsExactly(
          german(1) + ": requested → taken down", german(2) + ": requested → not found", german(3) + ": requested → seized");
      assertThat(browser.findElement(By.id("progress")).getText()).startsWith("3 of your 120 indicators reported");
      assertThat(line(browser, german(1)).findElement(By.cssSelector(".now")).getText()).startsWith("Now: taken down (");
      assertThat(line(browser, german(2)).findElement(By.cssSelector(".now")).getText()).startsWith("Now: not found (");
      assertThat(line(browser, german(3)).findElement(By.cssSelector(".now")).getText()).startsWith("Now: seized (");
      assertThat(line(browser, german(4)).findElement(By.cssSelector(".now")).getText()).isEqualTo("Now: requested");
      assertThat(browser.findElement(By.name("serversSeized")).getAttribute("value")).isEqualTo("2");
      assertThat(fitsTheScreen(browser)).as("the saved page fits 390 px").isTrue();
      Browser.shot(browser, "results-page-390");
      ((JavascriptExecutor) browser).executeScript("document.querySelector('fieldset.bulk').scrollIntoView()");
      Browser.shot(browser, "results-bulk-390");
      assertThat(recorded(ref)).contains(german(1) + " TAKEN_DOWN PAGE so4@de.units.example", german(2) + " NOT_FOUND PAGE so4@de.units.example",
          german(3) + " SEIZED PAGE so4@de.units.example").hasSize(3);

      // The ones not reported yet, a page at a time, then all of them at once.
      new Select(browser.findElement(By.name("filter"))).selectByVisibleText("Not reported yet (117)");
      browser.findElement(By.cssSelector("form.filter button")).click();
      waitForPage(browser, "#showing", "of 117");
      assertThat(browser.findElement(By.id("showing")).getText()).isEqualTo("Indicators 1–100 of 117");
      browser.findElement(By.linkText("Next →")).click();
      waitForPage(browser, "#showing", "101–117");
      assertThat(browser.findElements(By.cssSelector("li.line"))).hasSize(17);
      new Select(browser.findElement(By.name("bulkStatus"))).selectByVisibleText("still active");
      browser.findElement(By.cssSelector("input[name=bulkScope][value=all]")).click();
      browser.findElement(By.id("save")).click();
      waitForPage(browser, "#recorded h2", "Recorded for Germany");
      assertThat(browser.findElement(By.cssSelector("#recorded h2")).getText()).isEqualTo("Recorded for Germany: 117 results (117 changed).");
      assertThat(browser.findElement(By.id("progress")).getText()).startsWith("120 of your 120 indicators reported");
      assertThat(browser.findElement(By.id("showing")).getText()).isEqualTo("No indicator");

      browser.findElement(By.id("complete")).click();
      waitForPage(browser, "h1", "Thank you");
      assertThat(browser.findElement(By.id("complete")).getText())
          .isEqualTo("Your results for operation " + ref + ", Germany, are complete. Results for 120 of your 120 indicators are recorded.");
      Browser.shot(browser, "results-done-390");
    } finally {
      browser.quit();
    }
    assertThat(driver.operation(ref).getStage()).as("France has not reported yet").isEqualTo(Stage.EVIDENCE_HANDOVER);
    assertThat(driver.engine().getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(ref)
        .taskDefinitionKey("Task_ReportResults").finished().count()).isEqualTo(1);
    HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + URI.create(link).getRawPath() + "/results")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.body()).contains("This link has already been used");
  }

  @Test
  void badInputIsAPlainPageAndNothingIsRecorded() throws Exception {
    String ref = germanyAskedForResults();
    String page = "http://localhost:" + port + URI.create(resultsLink(ref)).getRawPath() + "/results";
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> letters = post(http, page, Map.of("indicator-0", german(1), "status-0", "TAKEN_DOWN", "arrests", "two"));
    assertThat(letters.statusCode()).isEqualTo(400);
    assertThat(letters.body()).contains("Nothing was recorded", "Arrests: &quot;two&quot; is not a whole number of 0 or more.",
        "Back to your results");

    HttpResponse<String> foreign = post(http, page, Map.of("indicator-0", german(1), "status-0", "TAKEN_DOWN",
        "indicator-1", FRANCE, "status-1", "SEIZED", "date", "2099-01-01"));
    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(foreign.body()).contains("is not one of Germany&#39;s indicators", "is in the future", "Nothing was recorded");

    HttpResponse<String> unselected = post(http, page, Map.of("indicator-0", german(1), "bulkStatus", "NOT_FOUND"));
    assertThat(unselected.statusCode()).isEqualTo(400);
    assertThat(unselected.body()).contains("no line is selected");

    assertThat(recorded(ref)).as("nothing half-stored").isEmpty();
    assertThat(post(http, page, Map.of("indicator-0", german(1), "status-0", "TAKEN_DOWN")).statusCode()).isEqualTo(200);
    assertThat(recorded(ref)).containsExactly(german(1) + " TAKEN_DOWN PAGE so4@de.units.example");
  }

  private static HttpResponse<String> post(HttpClient http, String page, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(URI.create(page)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
