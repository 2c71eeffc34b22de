package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.evidencePackage;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.provider.ProviderAnswer;
import org.takedown.provider.ProviderRequest;
import org.takedown.provider.ProviderRequests;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;

/**
 * A unit walks its operation on a phone (390 px wide), from the page link of its assignment mail: it accepts, sends and
 * records its drafted requests and a provider's answer, opens and confirms the evidence, reports a result; at each
 * moment the page names its next step, in the unit's language: France's unit reads French, Morocco's Arabic (right to
 * left). The texts expected are the bundle's, so the test reads what the unit reads.
 */
@TakedownTest
class UnitPageBrowserTest {

  private static final Pattern PAGE_LINK = Pattern.compile("https?://\\S+?(/partner/units/[0-9a-f]{32}\\.[A-Za-z0-9_-]{43})");

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired JdbcTemplate jdbc;
  @Autowired UnitPages pages;
  @Autowired NationalAssignmentService assignments;
  @Autowired ProviderRequests requests;
  @Autowired PartnerMessages messages;
  @LocalServerPort int port;

  @Test
  void franceWalksItsOperationInFrench() throws Exception {
    walk("FR", "ofac@fr.units.example", new Language("fr"));
  }

  @Test
  void moroccoWalksItsOperationInArabicRightToLeft() throws Exception {
    walk("MA", "ncb@ma.ncb.example", new Language("ar"));
  }

  private void walk(String country, String unitEmail, Language language) throws Exception {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list(country)));
    String page = "http://localhost:" + port + pageLink(ref, country, unitEmail);
    WebDriver browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(390, 844));
      browser.get(page);
      assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language.code());
      assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo(language.dir());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text(language, "unit.page.heading"));
      assertThat(browser.findElement(By.cssSelector("#operation bdi[dir=ltr]")).getText()).isEqualTo(ref);
      assertNext(browser, language, "ANSWER");
      assertThat(browser.findElement(By.cssSelector("#next .purpose")).getText()).isEqualTo(text(language, "unit.step.ANSWER.purpose"));
      assertThat(browser.findElement(By.cssSelector("#next .due")).getText()).startsWith(text(language, "unit.next.due", "").strip());
      assertThat(fitsTheScreen(browser)).as("the page fits 390 px").isTrue();
      Browser.shot(browser, "unit-page-" + language.code() + "-asked");

      // Accept through the page's button: the action page of an emailed link, then back to the unit's page.
      browser.findElement(By.linkText(text(language, "action.ACCEPT"))).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.getCurrentUrl().contains("/partner/actions/"));
      waitFor(browser, "form button[type=submit]");
      browser.findElement(By.cssSelector("form button[type=submit]")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.getCurrentUrl().equals(page) && b.findElements(By.tagName("form")).isEmpty());
      driver.runJobs(ref);

      // The drafts (one provider: a preservation and a takedown request), made at acceptance.
      List<ProviderRequest> drafted = drafts(ref, country);
      browser.get(page);
      assertNext(browser, language, "SEND");
      assertThat(state(browser, "ANSWER")).isEqualTo(text(language, "unit.state.DONE"));
      assertThat(browser.findElements(By.cssSelector("article.request"))).hasSize(drafted.size());
      assertThat(browser.findElement(By.cssSelector("article.request h3 bdi")).getText()).isEqualTo("Example Hosting");

      // The drafts, seen and downloaded: each request as a Word document, and all of them in a zip.
      List<WebElement> draftLinks = browser.findElements(By.linkText(text(language, "unit.request.draft")));
      assertThat(draftLinks).hasSize(drafted.size());
      for (WebElement link : draftLinks) {
        assertDownload(link.getAttribute("href"), "wordprocessingml");
      }
      assertDownload(browser.findElement(By.id("all-drafts")).getAttribute("href"), "application/zip");
      assertThat(browser.findElement(By.id("all-drafts")).getText()).isEqualTo(text(language, "unit.requests.all"));

      // Both requests sent today, then the preservation's answer: the provider complied.
      for (ProviderRequest request : drafted) {
        WebElement article = browser.findElement(By.id("request-" + request.getId()));
        record(browser, article.findElement(By.cssSelector("form.record button[type=submit]")));
      }
      assertNext(browser, language, "ANSWERS");
      ProviderRequest preservation = drafted.stream().filter(r -> r.getKind().name().equals("PRESERVATION")).findFirst().orElseThrow();
      WebElement article = browser.findElement(By.id("request-" + preservation.getId()));
      article.findElement(By.cssSelector("input[name=answer][value=COMPLIED]")).click();
      record(browser, article.findElement(By.cssSelector("details form button[type=submit]")));
      assertThat(browser.findElement(By.cssSelector("#request-" + preservation.getId() + " dd.answer")).getText())
          .startsWith(text(language, "unit.request.answer.COMPLIED"));
      assertThat(browser.findElement(By.cssSelector("#request-" + preservation.getId() + " dd.until")).getText()).isNotBlank();
      assertThat(requests.forCountry(ref, country)).filteredOn(r -> r.getId().equals(preservation.getId()))
          .extracting(ProviderRequest::getAnswer).containsExactly(ProviderAnswer.COMPLIED);
      Browser.shot(browser, "unit-page-" + language.code() + "-requests");

      // The takedown's answer still awaited: recording answers stays the next step until the evidence comes.
      assertNext(browser, language, "ANSWERS");
      ProviderRequest takedown = drafted.stream().filter(r -> r != preservation).findFirst().orElseThrow();
      WebElement other = browser.findElement(By.id("request-" + takedown.getId()));
      other.findElement(By.cssSelector("input[name=answer][value=NO_ANSWER]")).click();
      record(browser, other.findElement(By.cssSelector("details form button[type=submit]")));
      assertNext(browser, language, "FOLLOW_UP");

      // The coordinators hand the evidence over: download, then confirm receipt with the hashes.
      List<String> items = driver.registerEvidence(ref, "Disk image");
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", country, vars("evidenceItems", evidencePackage(items)));
      driver.runJobs(ref);
      browser.get(page);
      assertNext(browser, language, "DOWNLOAD");
      browser.findElement(By.cssSelector("#step-DOWNLOAD form button")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.getCurrentUrl().contains("/partner/evidence/"));
      waitFor(browser, "form button[type=submit]");
      browser.findElement(By.cssSelector("form button[type=submit]")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.findElements(By.tagName("form")).isEmpty());

      browser.get(page);
      assertNext(browser, language, "CONFIRM");
      assertThat(state(browser, "DOWNLOAD")).isEqualTo(text(language, "unit.state.DONE"));
      browser.findElement(By.linkText(text(language, "action.CONFIRM_RECEIPT"))).click();
      waitFor(browser, "input[name=sha256]");
      Matcher hash = Pattern.compile("\"([0-9a-f]{64})\"").matcher(driver.matchingHashes(ref, items));
      for (WebElement field : browser.findElements(By.name("sha256"))) {
        assertThat(hash.find()).isTrue();
        field.sendKeys(hash.group(1));
      }
      browser.findElement(By.cssSelector("form button[type=submit]")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.findElements(By.name("sha256")).isEmpty());
      driver.runJobs(ref);

      // Results: one line reported taken down, and the results said complete.
      browser.get(page);
      assertNext(browser, language, "RESULTS");
      assertThat(state(browser, "CONFIRM")).isEqualTo(text(language, "unit.state.DONE"));
      browser.findElement(By.linkText(text(language, "action.REPORT_RESULTS"))).click();
      waitFor(browser, "#complete");
      new Select(browser.findElement(By.name("status-0"))).selectByValue("TAKEN_DOWN");
      browser.findElement(By.id("complete")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.findElements(By.id("save")).isEmpty());
      driver.runJobs(ref);

      browser.get(page);
      assertThat(state(browser, "RESULTS")).isEqualTo(text(language, "unit.state.DONE"));
      assertNext(browser, language, "FOLLOW_UP");
      assertThat(browser.findElement(By.cssSelector("#next .due")).getText()).isNotBlank();
      assertThat(fitsTheScreen(browser)).as("the page fits 390 px at the end").isTrue();
      Browser.shot(browser, "unit-page-" + language.code() + "-results");
      if (language.rightToLeft()) {
        assertThat(browser.findElement(By.cssSelector("p.tlp")).getAttribute("dir")).isEqualTo("ltr");
        assertThat(browser.findElement(By.cssSelector("#operation bdi")).getAttribute("dir")).isEqualTo("ltr");
      }
      // Every step's name and purpose the unit read is its language's text.
      for (WebElement step : browser.findElements(By.cssSelector("li.step"))) {
        String name = step.getAttribute("id").substring("step-".length());
        assertThat(step.findElement(By.tagName("h3")).getText()).isEqualTo(text(language, "unit.step." + name));
        assertThat(step.findElement(By.cssSelector(".purpose")).getText()).isEqualTo(text(language, "unit.step." + name + ".purpose"));
      }
    } finally {
      browser.quit();
    }
  }

  /** The page link of the unit's assignment mail, the one {@link UnitPages} gives for its operation and country. */
  private String pageLink(String ref, String country, String unitEmail) {
    String everything = MailBox.everything(MailBox.to(mail, unitEmail, ref).get(0));
    Matcher link = PAGE_LINK.matcher(everything);
    assertThat(link.find()).as("the assignment mail links the unit's page").isTrue();
    assertThat(link.group(1)).isEqualTo(URI.create(pages.url(assignments.get(ref, country))).getRawPath());
    return link.group(1);
  }

  private static void assertDownload(String url, String contentType) throws Exception {
    java.net.http.HttpResponse<byte[]> file = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(URI.create(url)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).as(url).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type").orElse("")).contains(contentType);
    assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
    assertThat(new String(file.body(), 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).as("a zip (.docx are zips too)").isEqualTo("PK");
  }

  /** The country's drafts, made at acceptance: one provider, the one the vendor stated for the tip's domain. */
  private List<ProviderRequest> drafts(String ref, String country) {
    return requests.forCountry(ref, country);
  }

  /** A tip whose one indicator, a domain, names its hosting provider: one provider to ask. */
  private static Map<String, Object> tip(String tlp, List<String> countries) {
    Map<String, Object> tip = ProcessDriver.tip(tlp, countries);
    tip.put("indicators", List.of(Map.of("type", "domain-name", "value", "c2.example.net", "provider", "Example Hosting")));
    return tip;
  }

  /** The bundle's text as a browser's getText() gives it: a no-break space (French before ':' and ';') as a space. */
  private String text(Language language, String key, Object... args) {
    return messages.text(language, key, args).replace('\u00a0', ' ').replace('\u202f', ' ');
  }

  private void assertNext(WebDriver browser, Language language, String step) {
    assertThat(browser.findElement(By.cssSelector("#next .next-step")).getText()).as("next step").isEqualTo(text(language, "unit.step." + step));
  }

  private static String state(WebDriver browser, String step) {
    return browser.findElement(By.cssSelector("#step-" + step + " .state")).getText();
  }

  /** Presses a recording form's button and waits for the page it leads back to (not the one still shown) to say it is recorded. */
  private static void record(WebDriver browser, WebElement button) {
    WebElement before = browser.findElement(By.tagName("html"));
    button.click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before));
    waitFor(browser, "p.recorded");
  }

  private static void waitFor(WebDriver browser, String css) {
    new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
        .until(b -> b.findElement(By.cssSelector(css)).isDisplayed());
  }

  private static boolean fitsTheScreen(WebDriver browser) {
    return (Boolean) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
  }
}
