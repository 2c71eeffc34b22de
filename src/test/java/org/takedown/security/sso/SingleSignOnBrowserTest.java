package org.takedown.security.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.Browser;
import org.takedown.ProcessDriver;

/**
 * A coordinator of the fusion centre signs in through the organisation's identity provider, in a real browser: the
 * board, then Tasklist in the same session with the groups the provider gave (she is not a user of the engine), and
 * signing out ends both and the provider's session.
 */
@SsoTest
class SingleSignOnBrowserTest {

  @Autowired ProcessDriver driver;
  @Autowired TestRestTemplate http;
  @LocalServerPort int port;

  @Test
  void aCoordinatorSignsInThroughTheIdentityProviderToTheBoardAndTasklist() throws IOException {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    WebDriver browser = Browser.start();
    try {
      browser.manage().window().setSize(new Dimension(1400, 1000));
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

      browser.get(url("/board"));
      wait.until(ExpectedConditions.urlContains("/login"));
      assertThat(browser.findElement(By.id("username")).isDisplayed()).isTrue(); // local accounts stay
      IdentityProvider.nextSignIn("c3f0a9e2", "carla", List.of("idp-staff", "all-staff"));
      browser.findElement(By.linkText("Sign in with " + IdentityProvider.NAME)).click();
      wait.until(ExpectedConditions.urlMatches("^" + url("/board") + "(\\?continue)?$"));
      assertThat(browser.findElement(By.cssSelector("header .who")).getText()).isEqualTo("carla (coordinator)");
      assertThat(browser.findElement(By.id("main")).getText()).contains(ref);
      Browser.shot(browser, "sso-board");
      assertThat(http.withBasicAuth("admin", "demo").getForObject("/api/admin/audit?actor=carla", String.class))
          .contains("through the identity provider, as coordinators", "\"via\":\"sso\"");

      // Tasklist, from the navigation: signed in as carla, with the coordinators' tasks.
      browser.findElement(By.linkText("Tasklist")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath("//ol[contains(@class,'tasks-list')]//h4/a[starts-with(normalize-space(.), '" + ref + " · Triage tip')]")));
      assertThat(browser.findElements(By.cssSelector("input[type=password]"))).isEmpty();
      // Her name in Tasklist's header, as the engine's Admin would show a local user's.
      assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.account > a.dropdown-toggle"))).getText())
          .isEqualTo("carla");
      Browser.shot(browser, "sso-tasklist");

      // Signing out of the product ends its session, the webapps' and the identity provider's.
      browser.get(url("/board"));
      browser.findElement(By.cssSelector("form.signout button")).click();
      wait.until(ExpectedConditions.urlToBe(url("/login?logout")));
      assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("You have signed out.");
      assertThat(IdentityProvider.endSessionCalled()).as("the identity provider's end_session endpoint was called").isTrue();
      browser.get(url("/board"));
      wait.until(ExpectedConditions.urlContains("/login"));

      // A Tasklist page opened without a session leads to the sign-in page, and back to Tasklist after it.
      browser.get(url("/camunda/app/tasklist/default/"));
      wait.until(ExpectedConditions.urlContains("/login"));
      IdentityProvider.nextSignIn("c3f0a9e2", "carla", List.of("idp-staff"));
      browser.findElement(By.linkText("Sign in with " + IdentityProvider.NAME)).click();
      wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/default/"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.tasks-list, .tasks-list")));

      // Signing out in Tasklist ends the product's session too: the board asks to sign in again.
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account > a.dropdown-toggle"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='Log out']"))).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
      browser.get(url("/board"));
      wait.until(ExpectedConditions.urlContains("/login"));

      // Someone the provider knows but gives none of the product's groups is not let in.
      IdentityProvider.nextSignIn("9d2b", "dave", List.of("all-staff"));
      browser.findElement(By.linkText("Sign in with " + IdentityProvider.NAME)).click();
      wait.until(ExpectedConditions.urlToBe(url("/login?sso=no-groups")));
      assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
          .startsWith("Your identity provider signed you in, but gives you none of Takedown's roles.");
    } finally {
      browser.quit();
    }
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
