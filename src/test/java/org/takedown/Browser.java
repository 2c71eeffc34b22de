package org.takedown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium for page tests; skipped, saying why, where Chromium is not installed (.ci/run installs it). */
public final class Browser {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  public static WebDriver start() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver): browser test skipped");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  /** Signs in through the product's sign-in form (password demo) and waits for the page it leads to. */
  public static void signIn(WebDriver browser, int port, String user) {
    browser.get("http://localhost:" + port + "/login");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys("demo");
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.getCurrentUrl().contains("/login"));
  }

  /** A screenshot in target/screenshots/NAME.png, to look at after the run. */
  public static void shot(WebDriver browser, String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
