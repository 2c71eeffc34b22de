package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.icegreen.greenmail.util.GreenMail;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.Browser;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.NationalAssignmentService;

/** A national unit opens the emailed link in a real browser, reads the page and confirms. */
@TakedownTest
class ActionPageBrowserTest {

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired NationalAssignmentService assignments;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @Test
  void declineFromTheEmailedLinkWithANote() {
    WebDriver browser = Browser.start();
    try {
      String ref = driver.approveForAssignment(tip("TLP:AMBER", list("NL")));
      String link = MailBox.link(MailBox.to(mail, "thtc@nl.units.example", ref).get(0), "Decline the assignment");

      browser.get("http://localhost:" + port + URI.create(link).getRawPath());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Decline the assignment");
      assertThat(browser.findElement(By.tagName("main")).getText()).contains(ref, "Netherlands", "Team High Tech Crime", "TLP:AMBER");
      assertThat(browser.findElement(By.cssSelector("p.operation")).getText()).startsWith("Operation " + ref + ", Netherlands, for Team High Tech Crime");
      assertThat(browser.findElement(By.cssSelector("button[type=submit]")).getAttribute("class")).as("declining is the secondary action").isEqualTo("secondary");
      assertThat(assignments.get(ref, "NL").getStatus()).as("opening the page changes nothing").isEqualTo(AssignmentStatus.REQUESTED);

      browser.findElement(By.name("note")).sendKeys("No capacity this month <script>alert(1)</script>");
      browser.findElement(By.cssSelector("button[type=submit]")).click();

      // The click returns before a loaded machine has shown the answer page: wait for it, not for a time.
      new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
          .until(b -> "Thank you".equals(b.findElement(By.tagName("h1")).getText()));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Thank you");
      // The answer is recorded by the asynchronous step after the task, as the job executor would run it.
      driver.runJobs(ref);
      assertThat(assignments.get(ref, "NL").getStatus()).isEqualTo(AssignmentStatus.DECLINED);
      assertThat(assignments.get(ref, "NL").getResponseNote()).isEqualTo("No capacity this month <script>alert(1)</script>");

      browser.navigate().back();
      browser.navigate().refresh();
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This link has already been used");
      assertThat(browser.findElement(By.tagName("main")).getText()).contains("Your answer \u201cDecline the assignment\u201d was recorded on ");
    } finally {
      browser.quit();
    }
  }

  /** A double click sends the form twice: the answer is recorded once, and the page the unit sees says it is. */
  @Test
  void aDoubleClickRecordsTheAnswerOnceAndThanksTheUnit() {
    WebDriver browser = Browser.start();
    try {
      // An English-reading unit (Belgium's reads French: PartnerPagesBrowserTest).
      String ref = driver.approveForAssignment(tip("TLP:AMBER", list("AT")));
      String link = MailBox.link(MailBox.to(mail, "c4@at.units.example", ref).get(0), "Accept the assignment");
      browser.get("http://localhost:" + port + URI.create(link).getRawPath());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accept the assignment");

      new Actions(browser).doubleClick(browser.findElement(By.cssSelector("button[type=submit]"))).perform();

      new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
          .until(b -> "Thank you".equals(b.findElement(By.tagName("h1")).getText()));
      assertThat(browser.findElement(By.tagName("main")).getText())
          .contains("Your answer is recorded: Accept the assignment for operation " + ref + ", Austria.")
          .doesNotContain("already been used", "Nothing was changed");
      driver.runJobs(ref);
      assertThat(assignments.get(ref, "AT").getStatus()).isEqualTo(AssignmentStatus.ACCEPTED);
      assertThat(jdbc.queryForObject("select count(*) from unit_answer a join operation o on o.id = a.operation_id "
          + "where o.reference = ? and a.country = 'AT'", Integer.class, ref)).as("one answer recorded").isEqualTo(1);

      // Pressing again on the answer page (the browser re-sends the form) still thanks, never "lost".
      browser.navigate().refresh();
      new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
          .until(b -> "Thank you".equals(b.findElement(By.tagName("h1")).getText()));
    } finally {
      browser.quit();
    }
  }
}
