package org.takedown.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.Browser;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.NationalAssignmentService;

/**
 * An operation worked through Camunda Tasklist in a real browser, as cora and lena do: the list
 * names the operation, the forms show what the decision needs, mark what the engine requires, and
 * a value the server still refuses comes back as one plain sentence.
 */
@TakedownTest
class TasklistBrowserTest {

  /** Partner text is data: markup in it must show as typed, neither rendered nor dropped. */
  private static final String TITLE = "C2 servers of a *banking* trojan <b>Loader</b>";

  @Autowired ProcessDriver driver;
  @Autowired NationalAssignmentService assignments;
  @LocalServerPort int port;

  private WebDriver browser;
  private WebDriverWait wait;

  @Test
  void coraTriagesAndLenaApprovesThroughTasklist() throws IOException {
    browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(1400, 1000));
      wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      java.util.Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
      tip.put("title", TITLE);
      String ref = driver.submit(tip);

      signIn("cora");
      WebElement triage = taskInList(ref + " · Triage tip · " + TITLE);
      shot("tasklist-triage-in-list");
      click(triage);
      claim();
      assertThat(form().getText()).contains(TITLE, "198.51.100.1", "c2.example.net", "Correlated operations:");

      // The server refuses what the form cannot know: the plain sentence reaches the user.
      click(field("Field_triageDecision-1"));
      field("Field_mergeInto").sendKeys("OP-1999-0001");
      complete();
      WebElement toast = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath("//*[contains(@class,'alert') and contains(., 'There is no operation OP-1999-0001 to merge into.')]")));
      assertThat(toast.getText()).doesNotContain("ENGINE-", "Task_", "mergeInto", "TaskListener");
      shot("tasklist-triage-refused");
      for (WebElement close : browser.findElements(By.cssSelector(".page-notifications .close"))) {
        if (close.isDisplayed()) {
          close.click();
        }
      }
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//*[contains(@class,'alert') and contains(., 'There is no operation')]")));

      // Opening needs countries: the form marks them required, and they are picked, not typed as JSON.
      click(field("Field_triageDecision-0"));
      assertThat(tags()).containsExactly("Germany (DE)", "France (FR)");
      while (!browser.findElements(By.cssSelector(".fjs-taglist-tag-remove")).isEmpty()) {
        click(browser.findElements(By.cssSelector(".fjs-taglist-tag-remove")).get(0));
      }
      field("Field_countries").sendKeys(Keys.ESCAPE);
      click(field("Field_triageNote"));
      assertThat(errorOf("Field_countries")).isEqualTo("Field is required.");
      assertThat(completeButton().isEnabled()).isFalse();
      shot("tasklist-triage-countries-required");
      field("Field_countries").sendKeys("Germ");
      click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//div[contains(@class,'fjs-dropdownlist-item') and .='Germany (DE)']"))));
      assertThat(tags()).containsExactly("Germany (DE)");
      field("Field_countries").sendKeys(Keys.ESCAPE);
      field("Field_triageNote").sendKeys("Only the German servers are in scope.");
      complete();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(taskLink(ref + " · Triage tip")));
      driver.runJobs(ref);
      assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.LEGAL_REVIEW);
      assertThat(assignments.countries(ref, org.takedown.assignment.AssignmentStatus.PROPOSED)).containsExactly("DE");

      browser.manage().deleteAllCookies();
      signIn("lena");
      click(taskInList(ref + " · Legal review · " + TITLE));
      claim();
      assertThat(form().getText()).contains("Vendor: Aegis Threat Research", "Countries: Germany (DE)", "c2.example.net",
          "Review level: standard: one legal officer decides", "MLAT required: no", "Data-protection check: not required");
      click(field("Field_legalDecision-0"));
      click(browser.findElement(By.cssSelector("[id$='Field_releaseTlp-display']")));
      click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//div[contains(@class,'fjs-dropdownlist-item') and .='TLP:AMBER']"))));
      assertThat(browser.findElement(By.cssSelector("[id$='Field_releaseTlp-display']")).getText()).isEqualTo("TLP:AMBER");

      // APPROVE without a legal basis: the form marks it required and does not submit.
      assertThat(labelOf("Field_legalBasis")).isEqualTo("Legal basis, or the grounds for rejecting*");
      click(field("Field_legalBasis"));
      click(field("Field_legalDecision-0"));
      assertThat(errorOf("Field_legalBasis")).isEqualTo("Field is required.");
      assertThat(completeButton().isEnabled()).isFalse();
      shot("tasklist-legal-basis-required");

      field("Field_legalBasis").sendKeys("Art. 4 of the fusion centre mandate");
      complete();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(taskLink(ref + " · Legal review")));
      shot("tasklist-legal-review-done");
      driver.runJobs(ref);
      assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.NATIONAL_ASSIGNMENT);
    } finally {
      browser.quit();
    }
  }

  /**
   * The second "Resolve assignment" after both units of a country declined: nothing is preselected, the unit that
   * declined is not offered, and the form says only dropping is left.
   */
  @Test
  void resolveAssignmentNeverOffersAUnitThatDeclined() throws IOException {
    browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(1400, 1000));
      wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      String ref = driver.approveForAssignment(tip("TLP:AMBER", list("AT")));
      driver.complete(driver.officer("AT"), ref, "Task_RespondToAssignment", "AT", ProcessDriver.vars("assignmentResponse", "DECLINE"));

      signIn("cora");
      click(taskInList(ref + " · Resolve assignment · Austria · C2 servers of a banking trojan"));
      claim();
      assertThat(form().getText()).contains("Reassigning asks Landeskriminalamt Wien – Cybercrime.");
      assertThat(radioLabels()).containsExactly("Reassign to Landeskriminalamt Wien – Cybercrime", "Drop Austria");
      assertThat(checkedRadios()).as("nothing preselected").isEmpty();
      click(field("Field_escalationDecision-0"));
      complete();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(taskLink(ref + " · Resolve assignment")));
      driver.runJobs(ref);
      driver.complete(driver.officer("AT"), ref, "Task_RespondToAssignment", "AT", ProcessDriver.vars("assignmentResponse", "DECLINE"));

      browser.navigate().refresh();
      click(taskInList(ref + " · Resolve assignment · Austria · C2 servers of a banking trojan"));
      claim();
      assertThat(form().getText()).contains("No unit is left to ask: every unit of Austria has declined this operation. Only dropping the country is possible.")
          .doesNotContain("Reassign to");
      assertThat(radioLabels()).containsExactly("Drop Austria");
      assertThat(checkedRadios()).as("the first decision (REASSIGN) is not preselected").isEmpty();
      shot("tasklist-resolve-assignment-none-left");
      click(field("Field_escalationDecision-0"));
      complete();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(taskLink(ref + " · Resolve assignment")));
      driver.runJobs(ref);
      assertThat(assignments.get(ref, "AT").getStatus()).isEqualTo(org.takedown.assignment.AssignmentStatus.DROPPED);
    } finally {
      browser.quit();
    }
  }

  private List<String> radioLabels() {
    return browser.findElements(By.cssSelector("input[type=radio][id*='Field_escalationDecision-']")).stream()
        .map(input -> browser.findElement(By.cssSelector("label[for='" + input.getAttribute("id") + "']")).getText().trim()).toList();
  }

  private List<WebElement> checkedRadios() {
    return browser.findElements(By.cssSelector("input[type=radio][id*='Field_escalationDecision-']")).stream().filter(WebElement::isSelected).toList();
  }

  private void signIn(String user) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
    browser.findElement(By.cssSelector("input[placeholder=Username]")).sendKeys(user);
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.tasks-list, .tasks-list")));
  }

  private static By taskLink(String namePrefix) {
    return By.xpath("//ol[contains(@class,'tasks-list')]//h4/a[starts-with(normalize-space(.), '" + namePrefix + "')]");
  }

  /** The task of the list, found by the name Tasklist shows. */
  private WebElement taskInList(String name) {
    WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(taskLink(name)));
    assertThat(link.getText()).isEqualTo(name);
    return link;
  }

  private void claim() {
    click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']"))));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.unclaim")));
    form();
  }

  private WebElement form() {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
  }

  private WebElement field(String idSuffix) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id$='" + idSuffix + "']")));
  }

  private String errorOf(String idSuffix) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[id$='" + idSuffix + "-error-message']"))).getText();
  }

  private String labelOf(String idSuffix) {
    return browser.findElement(By.cssSelector("label[for$='" + idSuffix + "']")).getText().replace("\n", "");
  }

  private List<String> tags() {
    return browser.findElements(By.cssSelector(".fjs-taglist-tag-label")).stream().map(WebElement::getText).toList();
  }

  private WebElement completeButton() {
    return browser.findElement(By.xpath("//button[normalize-space()='Complete']"));
  }

  private void complete() {
    click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Complete']"))));
  }

  private void click(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    element.click();
  }

  private void shot(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
