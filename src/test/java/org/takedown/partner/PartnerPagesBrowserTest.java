package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.evidencePackage;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.takedown.Browser;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.NationalAssignmentService;

/**
 * On a phone (390 px wide): France's unit accepts from its action link and reads the page and the confirmation in
 * French; Morocco's unit reports a result on its results page, which reads right to left in Arabic with the
 * indicator and the operation's reference left to right.
 */
@TakedownTest
class PartnerPagesBrowserTest {

  @Autowired ProcessDriver driver;
  @Autowired ActionLinks links;
  @Autowired NationalAssignmentService assignments;
  @LocalServerPort int port;

  @Test
  void franceAcceptsFromItsLinkAndReadsItsConfirmationInFrench() throws Exception {
    String ref = approved(List.of("FR"), Map.of("FR", "c2-fr.example.net"));
    String accept = links.issue(driver.operation(ref), driver.called(ref, "national-assignment", "FR").getId(), PartnerAction.ACCEPT,
        "ofac@fr.units.example");
    WebDriver browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(390, 844));
      browser.get("http://localhost:" + port + URI.create(accept).getRawPath());
      assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accepter la mission");
      assertThat(browser.findElement(By.cssSelector("p.operation")).getText())
          .isEqualTo("Opération " + ref + ", France, pour Office anti-cybercriminalité (OFAC).");
      assertThat(browser.findElement(By.tagName("main")).getText()).contains("Note à l’attention des coordinateurs (facultative)",
          "Rien ne se produit tant que vous n’appuyez pas sur le bouton.");
      assertThat(fitsTheScreen(browser)).as("no sideways scrolling at 390 px").isTrue();
      Browser.shot(browser, "partner-fr-accept");

      browser.findElement(By.name("note")).sendKeys("Nous prenons l’affaire.");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
          .until(b -> "Merci".equals(b.findElement(By.tagName("h1")).getText()));
      assertThat(browser.findElement(By.id("recorded")).getText())
          .isEqualTo("Votre réponse est enregistrée : Accepter la mission pour l’opération " + ref + ", France.");
      assertThat(browser.findElement(By.tagName("main")).getText()).contains("Les coordinateurs en ont été informés.");
      Browser.shot(browser, "partner-fr-accepted");
      driver.runJobs(ref);
      assertThat(assignments.get(ref, "FR").getStatus()).isEqualTo(AssignmentStatus.ACCEPTED);
    } finally {
      browser.quit();
    }
  }

  @Test
  void moroccosResultsPageReadsRightToLeftWithItsIndicatorLeftToRight() throws Exception {
    String indicator = "c2-ma.example.net";
    String ref = approved(List.of("MA"), Map.of("MA", indicator));
    driver.complete(driver.officer("MA"), ref, "Task_RespondToAssignment", "MA", vars("assignmentResponse", "ACCEPT"));
    driver.runJobs(ref);
    List<String> items = driver.registerEvidence(ref, "Server image C2-BETA");
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", "MA", vars("evidenceItems", evidencePackage(items)));
    driver.runJobs(ref);
    driver.complete(driver.officer("MA"), ref, "Task_ConfirmReceipt", "MA", vars("receiptConfirmed", true,
        "reportedSha256", driver.matchingHashes(ref, items)));
    driver.runJobs(ref);
    String results = links.issue(driver.operation(ref), driver.task(ref, "Task_ReportResults", "MA").getProcessInstanceId(),
        PartnerAction.REPORT_RESULTS, "ncb@ma.ncb.example");

    WebDriver browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(390, 844));
      browser.get("http://localhost:" + port + URI.create(results).getRawPath());
      JavascriptExecutor js = (JavascriptExecutor) browser;
      assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
      assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("الإبلاغ عن نتائجكم");
      assertThat(js.executeScript("return getComputedStyle(document.querySelector('main')).direction")).isEqualTo("rtl");

      // The heading starts at the right: its text ends nearer the right edge of the page than the left.
      WebElement main = browser.findElement(By.tagName("main"));
      assertThat(((Number) js.executeScript("const r = document.createRange(); r.selectNodeContents(document.querySelector('h1'));"
          + " const t = r.getBoundingClientRect(), m = document.querySelector('main').getBoundingClientRect();"
          + " return (m.right - t.right) - (t.left - m.left);")).doubleValue()).as("text hugs the right edge").isLessThan(0);

      WebElement code = browser.findElement(By.cssSelector("code.indicator"));
      assertThat(code.getText()).isEqualTo(indicator);
      assertThat(code.getAttribute("dir")).isEqualTo("ltr");
      assertThat(js.executeScript("return getComputedStyle(arguments[0]).direction", code)).isEqualTo("ltr");
      assertThat(browser.findElement(By.cssSelector("p.operation bdi[dir=ltr]")).getText()).isEqualTo(ref);
      assertThat(main.getText()).contains("العملية " + ref + "، المغرب", "أُبلغ عن 0 من أصل 1 من مؤشراتكم");
      assertThat(fitsTheScreen(browser)).as("no sideways scrolling at 390 px").isTrue();
      Browser.shot(browser, "partner-ar-results");

      new Select(browser.findElement(By.name("status-0"))).selectByValue("TAKEN_DOWN");
      browser.findElement(By.id("save")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
          .until(b -> b.findElement(By.id("recorded")).isDisplayed());
      assertThat(browser.findElement(By.id("recorded")).getText()).contains("سُجّل بشأن المغرب: نتيجة واحدة");
      assertThat(browser.findElement(By.id("progress")).getText()).startsWith("أُبلغ عن 1 من أصل 1 من مؤشراتكم");
      assertThat(fitsTheScreen(browser)).isTrue();
      Browser.shot(browser, "partner-ar-results-saved");
    } finally {
      browser.quit();
    }
  }

  /** An operation approved for the countries, each with one indicator placed in it; four eyes when the table asks. */
  private String approved(List<String> countries, Map<String, String> indicators) {
    Map<String, Object> tip = tip("TLP:AMBER", countries);
    tip.put("indicators", indicators.entrySet().stream().map(e -> Map.of("type", "domain-name", "value", e.getValue(), "country", e.getKey()))
        .toList());
    String ref = driver.approveForAssignment(tip);
    if (driver.openTasks(ref).stream().anyMatch(t -> t.getTaskDefinitionKey().equals("Task_SecondLegalApproval"))) {
      driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
      driver.runJobs(ref);
    }
    return ref;
  }

  private static boolean fitsTheScreen(WebDriver browser) {
    return (Boolean) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
  }
}
