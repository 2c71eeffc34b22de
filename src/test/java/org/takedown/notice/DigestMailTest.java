package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.takedown.MailBox;
import org.takedown.MovableClock;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.operation.OperationService;
import org.takedown.result.IndicatorResults;
import org.takedown.result.ResultFigures;
import org.takedown.system.OncePerCluster;

/**
 * The digests as their readers get them. A known set of operations: AMBER (Germany and France accepted; Germany reported
 * one of its two addresses, France nothing), RED (Germany accepted, reported nothing), AMBER+STRICT (Germany asked,
 * not yet answered) and GREEN (waiting at triage, its triage overdue two days later). The database is shared with the
 * other tests, so the weekly counts are asserted as what this set adds to the digest composed before it existed.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigestMailTest {

  static final String DE1 = "193.99.200.11";
  static final String DE2 = "193.99.200.12";
  static final String DE_RED = "193.99.200.13";
  static final String DE_ASKED = "193.99.200.14";
  static final String FR = "212.27.40.11";
  static final String GERMAN_UNIT = "so4@de.units.example";
  static final String FRENCH_UNIT = "ofac@fr.units.example";

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired IndicatorResults results;
  @Autowired DigestQueries queries;
  @Autowired OperationService operations;
  @Autowired ResultFigures figures;
  @Autowired Recipients recipients;
  @Autowired NoticeRecorder recorder;
  @Autowired NoticeDelivery delivery;
  @Autowired MailWords words;
  @Autowired OncePerCluster once;
  @Autowired PlatformTransactionManager transactions;
  @Autowired NationalUnitDirectory directory;
  @Autowired NoticeRepository notices;
  @Autowired org.takedown.partner.UnitPages unitPages;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  // Two days on: the GREEN operation's triage (due in a day) is overdue; the results reported today are in the week.
  final Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(2));
  final MovableClock clock = new MovableClock(at);

  CoordinatorDigest.Weekly before;
  String amber;
  String red;
  String strict;
  String green;

  @BeforeAll
  void aKnownSetOfOperations() {
    before = coordinatorDigest().compose(at);

    Map<String, Object> a = tip("TLP:AMBER", list("DE", "FR"));
    a.put("title", "Emotet loaders");
    a.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", DE1), Map.of("type", "ipv4-addr", "value", DE2),
        Map.of("type", "ipv4-addr", "value", FR)));
    amber = driver.approveForAssignment(a);
    driver.complete(driver.officer("DE"), amber, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), amber, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    results.record(amber, "DE", IndicatorResults.Reporter.of(driver.officer("DE"), false, IndicatorResults.Channel.API),
        List.of(new IndicatorResults.Line(1, DE1, "taken down", null)), new IndicatorResults.CountryCounts(2, null, 1, null, null));

    Map<String, Object> r = tip("TLP:RED", list("DE"));
    r.put("title", "Operation NIGHTJAR against a bulletproof hoster");
    r.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", DE_RED)));
    red = driver.openForLegalReview(r);
    driver.complete("lena", red, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:RED"));
    driver.complete("leon", red, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
    driver.complete(driver.officer("DE"), red, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));

    Map<String, Object> s = tip("TLP:AMBER+STRICT", list("DE"));
    s.put("title", "Phishing kit panels");
    s.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", DE_ASKED)));
    strict = driver.approveForAssignment(s);

    Map<String, Object> g = tip("TLP:GREEN", list("NL"));
    g.put("title", "Scam shop domains");
    green = driver.submit(g);
  }

  /** Naming every line of a section: the shared test database holds hundreds of open operations (the cut: DigestListingTest). */
  CoordinatorDigest coordinatorDigest() {
    return new CoordinatorDigest(queries, operations, figures, recipients, recorder, delivery, once, transactions, clock, Integer.MAX_VALUE);
  }

  UnitDigest unitDigest() {
    return new UnitDigest(queries, operations, figures, directory, recorder, delivery, once, transactions, clock, recipients, unitPages, words);
  }

  @Test
  void theWeeklyDigestCountsWhatTheKnownSetAddsAndSaysItInWords() throws Exception {
    CoordinatorDigest digest = coordinatorDigest();
    CoordinatorDigest.Weekly after = digest.compose(at);
    assertThat(after.open() - before.open()).as("open operations").isEqualTo(4);
    assertThat(after.overdue() - before.overdue()).as("overdue tasks: GREEN's triage").isEqualTo(1);
    assertThat(after.results() - before.results()).as("results reported this week").isEqualTo(1);
    assertThat(after.resultOperations() - before.resultOperations()).as("operations with results this week").isEqualTo(1);
    assertThat(after.withoutResults() - before.withoutResults()).as("AMBER (France) and RED (Germany)").isEqualTo(2);

    int received = mail.getReceivedMessages().length;
    digest.weekly();
    digest.weekly();
    List<MimeMessage> digests = digests("COORDINATOR_DIGEST", "cora@takedown.example");
    assertThat(digests).as("the same week twice: one mail").hasSize(1);
    // Even with the claim of the week gone (an operator re-running it), the digest is recorded once per coordinator.
    jdbc.update("delete from scheduled_run where job_name = ?", CoordinatorDigest.JOB);
    digest.weekly();
    assertThat(digests("COORDINATOR_DIGEST", "cora@takedown.example")).as("run again without its claim: still one mail").hasSize(1);
    assertThat(notices.findByDigestOrderById("weekly " + after.from())).extracting(Notice::getStatus).containsOnly(Notice.Status.SENT);
    assertThat(mail.getReceivedMessages().length - received).as("one per coordinator").isEqualTo(recipients.coordinators().size());
    // A digest the mail server refused stays pending and goes out at the next run, late rather than never.
    Long refused = notices.findByDigestOrderById("weekly " + after.from()).get(0).getId();
    jdbc.update("update notice set status = 'PENDING', sent_at = null where id = ?", refused);
    digest.weekly();
    assertThat(notices.findById(refused).orElseThrow().getStatus()).isEqualTo(Notice.Status.SENT);
    assertThat(mail.getReceivedMessages().length - received).as("the refused one sent again").isEqualTo(recipients.coordinators().size() + 1);

    MimeMessage weekly = digests.get(0);
    assertThat(weekly.getSubject()).startsWith("[" + after.tlp().label() + "] Weekly digest, ")
        .contains(Digests.plural(after.open(), "open operation", "open operations") + ", " + Digests.plural(after.overdue(), "overdue task", "overdue tasks")
            + ", " + Digests.plural(after.results(), "result", "results") + " reported");
    assertThat(after.tlp().ordinal()).as("AMBER+STRICT is listed: the label is at least as strict").isLessThanOrEqualTo(org.takedown.system.Tlp.AMBER_STRICT.ordinal());

    // As a mail client shows it: the HTML part rendered as text.
    String html = MailBox.text(weekly, "text/html");
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/weekly-digest.html"), html);
    Files.writeString(Path.of("target/weekly-digest.txt"), weekly.getSubject() + "\n\n" + MailBox.text(weekly, "text/plain"));
    String shown = Jsoup.parse(html).text();
    assertThat(shown).contains(Digests.plural(after.open(), "open operation", "open operations"),
        Digests.plural(after.overdue(), "overdue task", "overdue tasks") + " (tasks past their due date)",
        Digests.plural(after.results(), "result", "results") + " reported, in " + Digests.plural(after.resultOperations(), "operation", "operations"),
        "TLP:RED operations appear by their reference only");
    assertThat(shown).contains(amber + " Emotet loaders TLP:AMBER Evidence handover",
        strict + " Phishing kit panels TLP:AMBER+STRICT National assignment",
        green + " Scam shop domains TLP:GREEN Triage",
        red + " TLP:RED: sign in to read it");
    assertThat(shown).containsPattern(green + " Triage tip coordinators \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d UTC (23 h \\d+ min|1 d 0 h)");
    assertThat(shown).contains(amber + " Emotet loaders (Evidence handover): 1 result from Germany "
        + "1 of 3 indicators taken down (33 %) in 1 of 2 countries; 2 servers seized; 1 arrest");
    assertThat(shown).containsPattern(amber + " Emotet loaders: nothing reported yet by France \\(accepted \\d+ \\w+ \\d+ \\w+ ago\\)")
        .contains(red + " TLP:RED: sign in to read it");
    assertThat(shown).doesNotContain("NIGHTJAR", "bulletproof");
    assertThat(MailBox.text(weekly, "text/plain")).contains("OVERDUE TASKS", "\"Scam shop domains\": Triage tip, coordinators, due")
        .doesNotContain("NIGHTJAR");
  }

  @Test
  void aUnitsDigestNamesItsCountryOnlyAndGoesOnlyToUnitsThatAskedForIt() throws Exception {
    assertThat(directory.dailyDigests()).extracting(NationalUnitDirectory.Entry::country).contains("DE").doesNotContain("FR");
    UnitDigest digest = unitDigest();
    Instant day = at.plus(Duration.ofDays(1));
    List<Long> sent = digest.run(day);
    // Later the same UTC day, whatever the hour the test runs at.
    Instant later = day.plus(Duration.ofHours(3));
    Instant endOfDay = day.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).minusSeconds(1);
    assertThat(digest.run(later.isBefore(endOfDay) ? later : endOfDay)).as("the same day again").isEmpty();
    assertThat(sent).isNotEmpty();
    assertThat(digests("UNIT_DIGEST", FRENCH_UNIT)).as("France did not ask for a digest").isEmpty();
    List<MimeMessage> german = digests("UNIT_DIGEST", GERMAN_UNIT);
    assertThat(german).hasSize(1);

    MimeMessage daily = german.get(0);
    assertThat(daily.getSubject()).startsWith("[TLP:AMBER+STRICT] Daily digest for Germany, ").contains("awaiting your results");
    String shown = Jsoup.parse(MailBox.text(daily, "text/html")).text();
    Files.writeString(Path.of("target/unit-digest.html"), MailBox.text(daily, "text/html"));
    assertThat(shown).containsPattern(strict + " Respond to assignment Phishing kit panels \\(TLP:AMBER\\+STRICT\\), from a private-sector partner \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d UTC");
    assertThat(shown).contains(
        amber + " Emotet loaders (TLP:AMBER, from a private-sector partner): 1 of 2 indicators still without a result",
        red + " TLP:RED: sign in to read it");
    String everything = MailBox.everything(daily);
    assertThat(everything).doesNotContain("France", FR, DE1, "Office anti-cybercriminalit", FRENCH_UNIT, "NIGHTJAR", "vera", "Vera", "Aegis Threat Research");
    assertThat(MailBox.text(daily, "text/plain")).contains("- " + strict + " \"Phishing kit panels\" from a private-sector partner: Respond to assignment, due ");
  }

  private List<MimeMessage> digests(String kind, String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return kind.equals(m.getHeader("X-Takedown-Notice")[0])
            && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
