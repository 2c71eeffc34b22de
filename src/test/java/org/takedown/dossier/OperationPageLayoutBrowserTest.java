package org.takedown.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.Browser;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/**
 * The operation page on a phone (390 px) and a desktop (1400 px): no table cell breaks a word ("Ger ma ny",
 * "Statu s"), the indicators read normalised with the value as sent beside them, and the process diagram is drawn at
 * its natural size with a link that opens it alone. Screenshots go to target/screenshots/operation-*.png.
 */
@TakedownTest
class OperationPageLayoutBrowserTest {

  /**
   * Every word of every visible table cell that the browser laid out on more than one line. A word is a run between
   * spaces and hyphens (where a browser may break); machine values (indicators, hashes in code) may break anywhere.
   */
  static final String BROKEN_WORDS = """
      const broken = [];
      for (const cell of document.querySelectorAll('main td, main th')) {
        if (cell.getClientRects().length === 0) continue;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement.closest('code, .normalised')) continue;
          const words = /[^\\s\\-\\u2013]+/g;
          for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.bottom)));
            if (lines.size > 1) broken.push((cell.closest('section') || {}).id + ': ' + m[0]);
          }
        }
      }
      return broken;""";

  @Autowired ProcessDriver driver;
  @LocalServerPort int port;

  @Test
  void noTableCellBreaksAWordOnAPhoneOrADesktop() throws IOException {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR", "NL"));
    tip.put("indicators", List.of(Map.of("type", "domain-name", "value", "Login-Secure.Example.ORG."),
        Map.of("type", "ipv4-addr", "value", "198.51.100.7")));
    String ref = driver.approveForAssignment(tip);
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("NL"), ref, "Task_RespondToAssignment", "NL",
        vars("assignmentResponse", "DECLINE", "responseNote", "No capacity this month; please ask the regional unit in Rotterdam."));
    driver.runJobs(ref);
    driver.registerEvidence(ref, "Disk image of the C2 server at the hosting provider in Frankfurt");

    WebDriver browser = Browser.start();
    try {
      Browser.signIn(browser, port, "cora");
      for (int width : new int[] {1400, 390}) {
        browser.manage().window().setSize(new Dimension(width, 1000));
        browser.get(url("/operations/" + ref));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> (Boolean) js(b).executeScript(
            "const i = document.querySelector('figure.diagram img'); return i.complete && i.naturalWidth > 0"));
        Browser.shot(browser, "operation-" + width);
        fullPageShot(browser, "operation-" + width + "-full");
        for (String section : List.of("countries", "timeline", "indicators", "documents", "notices")) {
          js(browser).executeScript("document.getElementById(arguments[0]).scrollIntoView()", section);
          Browser.shot(browser, "operation-" + width + "-" + section);
        }

        assertThat(brokenWords(browser)).as("words broken across lines at " + width + " px").isEmpty();
        assertThat(js(browser).executeScript("""
            const right = document.documentElement.clientWidth;
            return Array.from(document.querySelectorAll('main *')).filter(e => !e.closest('.table-wrap, .diagram-frame'))
                .filter(e => e.getBoundingClientRect().right > right + 0.5).map(e => e.tagName + '.' + e.className + '#' + e.id);"""))
            .as("the page itself does not scroll sideways at " + width + " px; wide tables and the diagram scroll in their frames")
            .asList().isEmpty();
        assertThat(text(browser, "#country-DE td:nth-child(1)")).isEqualTo("Germany (DE)");
        assertThat(text(browser, "#country-NL td:nth-child(2)")).isEqualTo("declined");

        // The diagram keeps its natural size (11 px labels) in a frame that scrolls; a link opens it alone.
        assertThat(js(browser).executeScript("const i = document.querySelector('figure.diagram img'); return i.getBoundingClientRect().width / i.naturalWidth"))
            .as("diagram scale at " + width + " px").isEqualTo(1L);
        assertThat(browser.findElement(By.id("diagram-full-size")).getAttribute("href")).endsWith("/operations/" + ref + "/diagram.svg");
      }

      // The indicators: normalised, with the value as sent where it differs.
      assertThat(browser.findElements(By.cssSelector("#indicators td.value")).stream().map(e -> e.getText().replace('\n', ' ')).toList())
          .containsExactlyInAnyOrder("login-secure.example.org sent as Login-Secure.Example.ORG.", "198.51.100.7");

      // The check itself: with the old rule (cells break anywhere) the same page at 390 px is caught.
      js(browser).executeScript("document.querySelectorAll('main td, main th').forEach(c => c.style.overflowWrap = 'anywhere')");
      assertThat(brokenWords(browser)).as("the check finds words broken letter by letter").isNotEmpty();
    } finally {
      browser.quit();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> brokenWords(WebDriver browser) {
    return (List<String>) js(browser).executeScript(BROKEN_WORDS);
  }

  private static JavascriptExecutor js(WebDriver browser) {
    return (JavascriptExecutor) browser;
  }

  private static String text(WebDriver browser, String css) {
    return (String) js(browser).executeScript("var e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;", css);
  }


  private String url(String path) {
    return "http://localhost:" + port + path;
  }


  /** The whole page in one picture: the window made as tall as the page, then back. */
  private static void fullPageShot(WebDriver browser, String name) throws IOException {
    Dimension before = browser.manage().window().getSize();
    long height = (Long) js(browser).executeScript("return Math.ceil(document.documentElement.scrollHeight)");
    browser.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(height + 150, 12000)));
    Browser.shot(browser, name);
    browser.manage().window().setSize(before);
  }
}
