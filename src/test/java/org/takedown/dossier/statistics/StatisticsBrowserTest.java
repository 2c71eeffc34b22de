package org.takedown.dossier.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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

/** A coordinator signs in, opens the statistics, picks a period with the form and downloads its CSV export. */
@TakedownTest
class StatisticsBrowserTest {

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;

  @Test
  void coraReadsTheStatisticsAndDownloadsTheCsv() throws Exception {
    WebDriver browser = Browser.start();
    try {
      // One operation triaged in 5 hours, in June 2032, a month no other test touches.
      Instant start = Instant.parse("2032-06-07T09:00:00Z");
      try {
        ClockUtil.setCurrentTime(Date.from(start));
        String ref = driver.submit(tip("TLP:GREEN", list("NL")));
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(5))));
        driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", list("NL")));
      } finally {
        ClockUtil.reset();
      }
      String base = "http://localhost:" + port;
      browser.manage().window().setSize(new Dimension(1280, 1400));
      browser.get(base + "/login");
      browser.findElement(By.name("username")).sendKeys("cora");
      browser.findElement(By.name("password")).sendKeys("demo");
      browser.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

      browser.get(base + "/statistics");
      setDate(browser, "from", "2032-06-01");
      setDate(browser, "to", "2032-06-30");
      browser.findElement(By.cssSelector("form.period button[type=submit]")).click();
      // The click navigates: read the page only once the chosen period is loaded.
      wait.until(ExpectedConditions.urlContains("from=2032-06-01"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section[aria-labelledby=stages-heading] tbody tr")));

      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Statistics");
      assertThat(browser.findElement(By.cssSelector("label[for=from]")).getText()).isEqualTo("From (UTC)");
      String firstRow = browser.findElement(By.cssSelector("section[aria-labelledby=stages-heading] tbody tr")).getText();
      assertThat(firstRow).isEqualTo("Triage All countries 1 5 h 0 min 5 h 0 min");
      screenshot(browser, "statistics.png");

      WebElement csvLink = browser.findElement(By.linkText("CSV"));
      String href = csvLink.getDomAttribute("href");
      assertThat(href).isEqualTo("/statistics.csv?from=2032-06-01&to=2032-06-30");
      // The download, with the browser's session, as the browser would fetch it.
      String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
      HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + href))
          .header("Cookie", "JSESSIONID=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("takedown-statistics-2032-06-01-to-2032-06-30.csv");
      assertThat(csv.body().split("\r\n")).startsWith("section,item,country,count,median (hours),p90 (hours),share (%)")
          .contains("Stage cycle time,Triage,All countries,1,5.00,5.00,", "Stage cycle time,Triage,NL,1,5.00,5.00,",
              "Stage cycle time,Legal review,All countries,0,,,");
    } finally {
      browser.quit();
    }
  }

  /** Date inputs take keyboard entry in the browser's locale; setting the value is what a date picker does. */
  private static void setDate(WebDriver browser, String id, String isoDate) {
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, isoDate);
  }

  private static void screenshot(WebDriver browser, String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
