package org.takedown.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.Browser;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/**
 * A vendor or a unit who opens a staff page (statistics, inbox, review queue) reads a page in the product's look
 * that says whose page it is and what they may open instead; a throttled sign-in looks like the sign-in page.
 */
@TakedownTest
class WrongRolePagesBrowserTest {

  @Autowired ProcessDriver driver;
  @LocalServerPort int port;

  @Test
  void aVendorIsToldWhatSheMayOpenInstead() throws IOException {
    WebDriver browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(1280, 900));
      Browser.signIn(browser, port, "vera");
      for (String[] page : new String[][] {{"/statistics", "The statistics are for the fusion centre's staff"},
          {"/statistics.csv", "The statistics are for the fusion centre's staff"},
          {"/inbox", "The inbox of partner answers is for the fusion centre's staff"},
          {"/review", "The review queue is for the fusion centre's staff"}}) {
        browser.get(url(page[0]));
        assertThat(browser.findElement(By.tagName("h1")).getText()).as(page[0]).isEqualTo(page[1]);
        assertThat(browser.findElement(By.tagName("main")).getText()).as(page[0])
            .contains("You are signed in as vera (vendor).", "the board: your operations and the stage each has reached")
            .doesNotContain("not routed yet", "\"status\"", "problem");
        assertStyled(browser);
        assertThat(browser.findElements(By.cssSelector("header.top nav a"))).as("the navigation is there").isNotEmpty();
      }
      Browser.shot(browser, "wrong-role-vendor");
      browser.findElement(By.linkText("the board")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(NoSuchElementException.class)
          .until(b -> "Board".equals(b.findElement(By.tagName("h1")).getText()));
    } finally {
      browser.quit();
    }
  }

  @Test
  void aUnitIsPointedToItsTasks() throws IOException {
    String unit = driver.user("wrong-role-officer-nl", "unit-nl");
    WebDriver browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(390, 844));
      Browser.signIn(browser, port, unit);
      browser.get(url("/statistics"));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("The statistics are for the fusion centre's staff");
      assertThat(browser.findElement(By.tagName("main")).getText())
          .contains("(national unit NL)", "the board: your country's operations", "Tasklist: your country's tasks");
      assertStyled(browser);
      Browser.shot(browser, "wrong-role-unit-390");
    } finally {
      browser.quit();
    }
  }

  @Test
  void aThrottledSignInLooksLikeTheSignInPage() throws IOException {
    String user = driver.user("throttle-browser", "vendors");
    WebDriver browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(1280, 900));
      // Five wrong passwords go back to the form; the sixth attempt is throttled.
      for (int i = 0; i < 6; i++) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("guess-" + i);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.getCurrentUrl().endsWith("/login?error")
            || !b.findElements(By.xpath("//h1[.='Too many failed sign-ins']")).isEmpty());
      }
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Too many failed sign-ins");
      assertThat(browser.findElement(By.cssSelector("p.error")).getText()).startsWith("Too many failed sign-ins for this account from your address. Wait ");
      assertStyled(browser);
      Browser.shot(browser, "sign-in-throttled");
      browser.findElement(By.linkText("Back to sign in")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.findElements(By.id("username")).isEmpty());
    } finally {
      browser.quit();
    }
  }

  /** The product's stylesheet applies: the content is a white card on the grey page, not the browser's plain default. */
  private static void assertStyled(WebDriver browser) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertThat(js.executeScript("return getComputedStyle(document.documentElement).backgroundColor")).isEqualTo("rgb(245, 246, 248)");
    assertThat(js.executeScript("return getComputedStyle(document.querySelector('main')).backgroundColor")).isEqualTo("rgb(255, 255, 255)");
  }


  private String url(String path) {
    return "http://localhost:" + port + path;
  }

}
