package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.Browser;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.system.Hashes;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.assignment.HandoverStatus;

/** A unit confirms receipt in a real browser, typing the SHA-256 beside each item of the package. */
@TakedownTest
class ConfirmReceiptPageBrowserTest {

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired NationalAssignmentService assignments;
  @LocalServerPort int port;

  @Test
  void eachItemHasItsOwnHashFieldAndAWrongHashIsExplainedKeepingWhatWasTyped() throws IOException {
    WebDriver browser = Browser.start();
    try {
      String ref = driver.approveForAssignment(tip("TLP:AMBER", list("SE")));
      driver.complete(driver.officer("SE"), ref, "Task_RespondToAssignment", "SE", vars("assignmentResponse", "ACCEPT"));
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", "SE", vars("evidenceItems", ProcessDriver.evidencePackage(driver.registerEvidence(ref, "Disk image", "Memory dump"))));
      MimeMessage handover = MailBox.to(mail, "it-brott@se.units.example", ref).stream()
          .filter(m -> "EVIDENCE_HANDOVER".equals(MailBox.kind(m))).findFirst().orElseThrow();
      String link = MailBox.link(handover, "Confirm receipt of the evidence");
      String handoverInstance = driver.called(ref, "evidence-handover", "SE").getId();

      browser.get("http://localhost:" + port + URI.create(link).getRawPath());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Confirm receipt of the evidence");
      assertThat(browser.findElement(By.cssSelector("p.operation")).getText()).isEqualTo("Operation " + ref + ", Sweden, for Nationellt IT-brottscentrum.");
      List<String> items = browser.findElements(By.cssSelector(".item-name")).stream().map(WebElement::getText).toList();
      assertThat(items).containsExactly("E1", "E2");
      Browser.shot(browser, "confirm-receipt-form");

      String memoryHash = Hashes.sha256("Memory dump");
      browser.findElement(By.id("sha256-0")).sendKeys("12345 not a hash");
      browser.findElement(By.id("sha256-1")).sendKeys(memoryHash);
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error")));

      assertThat(browser.findElement(By.cssSelector("p.error")).getText())
          .isEqualTo("The SHA-256 for 'E1' must be 64 hexadecimal characters (0-9, a-f).");
      assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Task_", "reportedSha256");
      assertThat(browser.findElement(By.id("sha256-0")).getAttribute("value")).isEqualTo("12345 not a hash");
      assertThat(browser.findElement(By.id("sha256-1")).getAttribute("value")).isEqualTo(memoryHash);
      Browser.shot(browser, "confirm-receipt-wrong-hash");
      driver.runJobs(ref);
      assertThat(assignments.get(ref, "SE").getHandoverStatus()).as("a refused answer records nothing").isEqualTo(HandoverStatus.HANDED_OVER);

      String diskHash = Hashes.sha256("Disk image");
      browser.findElement(By.id("sha256-0")).clear();
      browser.findElement(By.id("sha256-0")).sendKeys(diskHash.toUpperCase());
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Thank you"));
      driver.runJobs(ref);
      assertThat(assignments.get(ref, "SE").getHandoverStatus()).isEqualTo(HandoverStatus.RECEIVED);
      assertThat(driver.engine().getHistoryService().createHistoricVariableInstanceQuery()
          .processInstanceId(handoverInstance).variableName("reportedSha256").singleResult()
          .getValue().toString()).contains("\"E1\":\"" + diskHash + "\"", "\"E2\":\"" + memoryHash + "\"");
    } finally {
      browser.quit();
    }
  }

}
