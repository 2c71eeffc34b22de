package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/**
 * What each partner reads in its mails over a whole operation: a unit its own country only, the vendor what the
 * fusion centre chose to tell it, and nobody outside the fusion centre the internal triage note.
 */
@TakedownTest
class PartnerMailContentTest {

  static final String VENDOR = "vera@takedown.example";
  static final String COORDINATOR = "cora@takedown.example";
  static final String GERMANY = "so4@de.units.example";
  static final String FRANCE = "ofac@fr.units.example";
  static final String FRANCE_ALTERNATE = "unc@fr.units.example";
  static final String NETHERLANDS = "thtc@nl.units.example";
  static final String TRIAGE_NOTE = "Correlates with OP-2026-0001, the informant's case";
  static final String VENDOR_MESSAGE = "Thank you: we open an operation and will keep you informed.";
  static final String FRENCH_NOTE = "No capacity this month; please ask the Gendarmerie.";

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;

  @Test
  void eachPartnerReadsOnlyWhatIsMeantForIt() throws Exception {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR", "NL"));
    tip.put("summary", "C2 servers in Germany, France and the Netherlands.");
    String ref = driver.submit(tip);
    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", "[\"DE\",\"FR\",\"NL\"]",
        "triageNote", TRIAGE_NOTE, "vendorMessage", VENDOR_MESSAGE));
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "Art. 6 mandate", "releaseTlp", "TLP:AMBER"));
    driver.runJobs(ref);
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT", "responseNote", "BKA takes it"));
    driver.complete(driver.officer("NL"), ref, "Task_RespondToAssignment", "NL", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "DECLINE", "responseNote", FRENCH_NOTE));

    // The decline goes to the coordinators, with the way to the task that decides it.
    MimeMessage decline = MailBox.to(mail, COORDINATOR, ref).stream().filter(m -> kind(m).equals("ASSIGNMENT_ANSWER"))
        .filter(m -> MailBox.everything(m).contains("declined")).findFirst().orElseThrow();
    assertThat(MailBox.text(decline, "text/plain")).contains(FRENCH_NOTE, "Resolve assignment", "http://localhost:8080/operations/" + ref)
        .doesNotContain("Tasklist: reassign to the alternate unit, or drop the country. http://localhost:8080/\n");
    assertThat(MailBox.text(decline, "text/html")).contains("href=\"http://localhost:8080/operations/" + ref + "\"");

    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    List<String> items = driver.registerEvidence(ref, "Disk image srv-1");
    for (String country : List.of("DE", "FR", "NL")) {
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", country, vars("evidenceItems", ProcessDriver.evidencePackage(items)));
    }
    driver.runJobs(ref);
    for (String country : List.of("DE", "FR", "NL")) {
      driver.complete(driver.officer(country), ref, "Task_ConfirmReceipt", country, vars("receiptConfirmed", true,
          "reportedSha256", driver.matchingHashes(ref, items)));
    }
    // Each unit is asked for its results, with a link to its own results page.
    for (String country : List.of("DE", "FR", "NL")) {
      driver.completeResults(ref, country);
    }
    driver.complete("cora", ref, "Task_RecordOutcome", vars("outcomeSummary", "The botnet's C2 servers are down. Thank you for the tip.",
        "outcomes", "{\"DE\":\"2 servers seized\",\"FR\":\"domain sinkholed\",\"NL\":\"1 server seized\"}"));
    driver.runJobs(ref);

    // Germany's unit: its own country, in every mail it got; no other country, unit, note or the vendor's name.
    List<MimeMessage> german = MailBox.to(mail, GERMANY, ref);
    assertThat(german).extracting(PartnerMailContentTest::kind)
        .containsExactly("ASSIGNMENT_REQUEST", "EVIDENCE_HANDOVER", "RESULTS_REQUEST", "CLOSURE");
    for (MimeMessage message : german) {
      assertThat(readable(message)).contains("Germany").doesNotContain("France", "Netherlands", "Office anti-cybercriminalité", "Gendarmerie",
          "Team High Tech Crime", "domain sinkholed", "1 server seized", FRENCH_NOTE, TRIAGE_NOTE, VENDOR_MESSAGE,
          "The botnet's C2 servers are down");
      assertThat(Pattern.compile("\\b(FR|NL|vera|Aegis Threat Research)\\b").matcher(readable(message)).find()).as(readable(message)).isFalse();
    }
    // The results request: Germany's own indicators, its results link, the ways to report.
    MimeMessage results = german.get(2);
    assertThat(results.getSubject()).isEqualTo("[TLP:AMBER] " + ref + " results request: Germany");
    assertThat(MailBox.text(results, "text/plain")).contains("To Bundeskriminalamt SO4 Cybercrime: thank you for confirming receipt",
        "act on in Germany", "Report by ", "results spreadsheet", "POST /api/operations/" + ref + "/results");
    String resultsLink = MailBox.link(results, "Report your results");
    assertThat(resultsLink).startsWith("http://localhost:8080/partner/actions/");
    assertThat(MailBox.text(results, "text/html")).contains("href=\"" + resultsLink + "\"");
    MimeMessage germanClosure = german.get(3);
    assertThat(MailBox.text(germanClosure, "text/plain")).contains("The result recorded for Germany:", "- Germany: 2 servers seized");
    assertThat(MailBox.text(germanClosure, "text/plain")).doesNotContain("/operations/");

    // The vendor: the message chosen for it and the outcome summary; no unit, note, result per country or task.
    List<MimeMessage> vendor = MailBox.to(mail, VENDOR, ref);
    assertThat(vendor).extracting(PartnerMailContentTest::kind).containsExactly("TIP_ACKNOWLEDGED", "TRIAGE_RESULT", "CLOSURE");
    MimeMessage acknowledgement = vendor.get(0);
    assertThat(MailBox.text(acknowledgement, "text/plain")).contains("http://localhost:8080/operations/" + ref).doesNotContain("/api/");
    assertThat(MailBox.text(acknowledgement, "text/html")).contains("href=\"http://localhost:8080/operations/" + ref + "\"");
    assertThat(MailBox.text(vendor.get(1), "text/plain")).contains("Message from the fusion centre: " + VENDOR_MESSAGE,
        "http://localhost:8080/operations/" + ref);
    assertThat(MailBox.text(vendor.get(1), "text/html")).contains(VENDOR_MESSAGE);
    assertThat(MailBox.text(vendor.get(2), "text/plain")).contains("The botnet's C2 servers are down. Thank you for the tip.")
        .doesNotContain("Germany", "2 servers seized", "Results recorded");
    for (MimeMessage message : vendor) {
      assertThat(readable(message)).doesNotContain(TRIAGE_NOTE, "informant", FRENCH_NOTE, "Bundeskriminalamt", "Office anti-cybercriminalité",
          "Team High Tech Crime", "Gendarmerie", "BKA takes it", "unit-");
    }

    // No partner, vendor or unit, ever reads the internal triage note.
    for (String partner : List.of(VENDOR, GERMANY, FRANCE, FRANCE_ALTERNATE, NETHERLANDS)) {
      assertThat(MailBox.to(mail, partner, ref)).as(partner).isNotEmpty()
          .allSatisfy(message -> assertThat(MailBox.everything(message)).doesNotContain(TRIAGE_NOTE, "informant"));
    }
    assertThat(MailBox.to(mail, FRANCE, ref)).extracting(PartnerMailContentTest::kind).containsExactly("ASSIGNMENT_REQUEST");
    assertThat(MailBox.text(MailBox.to(mail, NETHERLANDS, ref).get(3), "text/plain")).contains("The result recorded for the Netherlands:",
        "- Netherlands: 1 server seized").doesNotContain("Germany", "France");

    // The coordinators read every country with its unit and result, and every mail of theirs links the operation's page.
    MimeMessage coordinatorClosure = MailBox.to(mail, COORDINATOR, ref).stream().filter(m -> kind(m).equals("CLOSURE")).findFirst().orElseThrow();
    assertThat(MailBox.text(coordinatorClosure, "text/plain")).contains("- Germany (Bundeskriminalamt SO4 Cybercrime): 2 servers seized",
        "- France (Gendarmerie – Unité nationale cyber): domain sinkholed", "- Netherlands (Team High Tech Crime): 1 server seized");
    assertThat(MailBox.to(mail, COORDINATOR, ref)).isNotEmpty().allSatisfy(message ->
        assertThat(MailBox.text(message, "text/plain")).contains("http://localhost:8080/operations/" + ref));
  }

  @Test
  void withoutAMessageTheVendorReadsTheDecisionAlone() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "REJECT", "triageNote", "Looks like the informant's own servers"));

    MimeMessage result = MailBox.to(mail, VENDOR, ref).get(1);
    assertThat(MailBox.everything(result)).contains("It will not be acted on.").doesNotContain("informant", "Message from the fusion centre");
  }

  /** What a person reads: subject and text parts, without the links (their tokens are random letters). */
  private static String readable(MimeMessage message) {
    return MailBox.everything(message).replaceAll("https?://\\S+", "");
  }

  private static String kind(MimeMessage message) {
    try {
      return message.getHeader("X-Takedown-Notice")[0];
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
