package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.Browser;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.evidence.EvidenceRegister;
import org.takedown.evidence.EvidenceStore;
import org.takedown.system.Hashes;

/** A unit opens the mailed download link in a real browser, downloads a file, and confirms receipt with the hashes it computed. */
@TakedownTest
class EvidenceDownloadBrowserTest {

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired EvidenceRegister register;
  @Autowired EvidenceStore store;
  @Autowired TransactionTemplate transaction;
  @Autowired NationalAssignmentService assignments;
  @LocalServerPort int port;

  @Test
  void theUnitDownloadsThePackageAndConfirmsReceipt() throws Exception {
    EvidencePackages handover = EvidencePackages.handedOver(driver, register, store, transaction, "PL");
    String ref = handover.reference();
    MimeMessage message = MailBox.to(mail, "cbzc@pl.units.example", ref).stream()
        .filter(m -> "EVIDENCE_HANDOVER".equals(MailBox.kind(m))).findFirst().orElseThrow();
    String download = local(MailBox.link(message, "Download the evidence package"));
    String confirm = local(MailBox.link(message, "Confirm receipt of the evidence"));

    WebDriver browser = Browser.start();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get(download);
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Evidence package");
      assertThat(browser.findElement(By.cssSelector("p.tlp")).getText()).isEqualTo("TLP:AMBER");
      assertThat(browser.findElement(By.cssSelector("p.operation")).getText())
          .isEqualTo("Operation " + ref + ", Poland, for Centralne Biuro Zwalczania Cyberprzestępczości.");
      assertThat(browser.findElements(By.cssSelector("code.sha256")).stream().map(WebElement::getText).toList())
          .containsExactly(handover.items().get(0).getSha256(), handover.items().get(1).getSha256(), handover.items().get(2).getSha256());
      Browser.shot(browser, "evidence-package-unopened");

      browser.findElement(By.cssSelector("form button[type=submit]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("download-all")));
      List<WebElement> buttons = browser.findElements(By.cssSelector("a.download"));
      assertThat(buttons).extracting(WebElement::getText).containsExactly("Download E1", "Download E2");
      assertThat(browser.findElement(By.id("item-E1")).getText()).contains("Sinkhole log of the C2 domains", "Log", "kB (");
      assertThat(browser.findElement(By.id("item-E3")).getText()).contains("Forensic lab Wiesbaden, locker 12", "not sent as a file");
      assertThat(browser.findElement(By.id("confirm-next")).getText()).contains("Confirm receipt of the evidence");
      Browser.shot(browser, "evidence-package-opened");

      // What the browser would save, fetched with its session cookie.
      Cookie session = browser.manage().getCookieNamed(EvidenceDownloadController.SESSION_COOKIE);
      String e1 = sha256Of(buttons.get(0).getAttribute("href"), session);
      String e2 = sha256Of(buttons.get(1).getAttribute("href"), session);
      assertThat(e1).isEqualTo(handover.items().get(0).getSha256());

      browser.get(confirm);
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Confirm receipt of the evidence");
      assertThat(browser.findElements(By.cssSelector(".item-name")).stream().map(WebElement::getText).toList()).containsExactly("E1", "E2", "E3");
      String page = browser.findElement(By.tagName("main")).getText();
      assertThat(page).contains("Loader sample", "Registered size: 550 GB (549,755,813,888 bytes)", "Get-FileHash -Algorithm SHA256 <file>",
          "certutil -hashfile <file> SHA256", "shasum -a 256 <file>", "sha256sum <file>")
          .doesNotContain(handover.items().get(0).getSha256());
      browser.findElement(By.id("sha256-0")).sendKeys(e1);
      browser.findElement(By.id("sha256-1")).sendKeys(e2);
      // E3 is held elsewhere: the unit collects it there and reports the hash it computed, as for the others.
      String e3 = handover.items().get(2).getSha256();
      browser.findElement(By.id("sha256-2")).sendKeys(e3);
      Browser.shot(browser, "evidence-confirm-receipt");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Thank you"));
      driver.runJobs(ref);
      assertThat(assignments.get(ref, "PL").getHandoverStatus()).isEqualTo(HandoverStatus.RECEIVED);
      assertThat(assignments.get(ref, "PL").getReportedSha256()).containsEntry("E1", e1).containsEntry("E2", e2).containsEntry("E3", e3);
    } finally {
      browser.quit();
    }
  }

  private String sha256Of(String href, Cookie session) throws IOException, InterruptedException {
    HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
        .header("Cookie", session.getName() + "=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    return Hashes.sha256(file.body());
  }

  private String local(String url) {
    return "http://localhost:" + port + URI.create(url).getRawPath();
  }

}
