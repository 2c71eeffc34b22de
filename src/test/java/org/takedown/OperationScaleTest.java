package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.vars;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.operation.Stage;
import org.takedown.routing.IpCountryTable;

/**
 * One operation of the size of a real one through its whole lifecycle: a tip of 5,000 addresses hosted in 40
 * countries (real allocations, placed by the IP table), triage, the legal review (four eyes, for 40 countries), an
 * assignment request with its national brief to each of the 40 units, their answers, the evidence handover to each,
 * the outcome and the closure. Not timed (ScaleBenchmark measures); it checks that nothing is lost on the way.
 */
@TakedownTest
class OperationScaleTest {

  static final int COUNTRIES = 40;
  static final int PER_COUNTRY = 125;

  @Autowired ProcessDriver driver;
  @Autowired NationalAssignmentService assignments;
  @Autowired NationalUnitDirectory directory;
  @Autowired JdbcTemplate jdbc;
  @Autowired GreenMail mail;
  @Autowired IpCountryTable table;

  @Test
  void fiveThousandIndicatorsInFortyCountriesFromTipToClosure() throws Exception {
    List<String> members = directory.all().stream().map(NationalUnitDirectory.Entry::country).toList();
    // Skips the first addresses of each country, which other tests' tips may hold (the picks are the same in every run).
    Map<String, List<String>> picked = RoutedAddresses.pick(members, COUNTRIES, PER_COUNTRY, 1_000,
        (country, address) -> table.placement(address).countries().equals(java.util.Set.of(country)));
    List<String> countries = List.copyOf(picked.keySet());
    Map<String, Object> tip = new HashMap<>();
    tip.put("title", "Botnet C2 servers in " + COUNTRIES + " countries");
    tip.put("summary", "Addresses seen in our telemetry.");
    tip.put("tlp", "TLP:AMBER");
    tip.put("pap", "PAP:GREEN");
    tip.put("countries", countries);
    tip.put("indicators", RoutedAddresses.interleaved(picked).stream().map(a -> Map.of("type", "ipv4-addr", "value", a)).toList());
    tip.put("vendor", "vera");

    String ref = driver.submit(tip);

    assertThat(jdbc.queryForObject("select count(*) from indicator i join operation o on o.id = i.operation_id where o.reference = ?",
        Long.class, ref)).isEqualTo(5_000L);
    Map<String, Long> placed = new TreeMap<>();
    jdbc.query("""
        select c.country, count(*) from indicator_country c join indicator i on i.id = c.indicator_id join operation o on o.id = i.operation_id
        where o.reference = ? group by c.country""", row -> {
      placed.put(row.getString(1), row.getLong(2));
    }, ref);
    assertThat(placed).as("each address in its country").hasSize(COUNTRIES).containsOnlyKeys(countries).allSatisfy((c, n) -> assertThat(n).isEqualTo(125L));
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.TRIAGE);

    String json = new ObjectMapper().writeValueAsString(countries);
    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", json, "triageNote", "all forty"));
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "Art. 6 mandate", "releaseTlp", "TLP:AMBER"));
    driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "Art. 6 mandate, confirmed"));
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.NATIONAL_ASSIGNMENT);

    // Every unit asked once, by mail to its address in the directory, with its own country's brief attached.
    Map<String, String> briefs = new TreeMap<>();
    for (MimeMessage message : MailBox.about(mail, ref)) {
      String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
      for (String country : countries) {
        if (to.equals(directory.find(country).orElseThrow().unit().email()) && attachments(message).stream().anyMatch(n -> n.contains("brief"))) {
          assertThat(briefs.put(country, attachments(message).toString())).as("one request to %s", country).isNull();
        }
      }
    }
    assertThat(briefs).hasSize(COUNTRIES);
    assertThat(briefs.get(countries.get(0))).isEqualTo("[" + ref + "-national-assignment-brief-" + countries.get(0) + "-v1.docx, "
        + ref + "-results-list-" + countries.get(0) + "-v1.xlsx]");
    for (String country : countries) {
      CountryAssignment assignment = assignments.get(ref, country);
      assertThat(assignment.getStatus()).as(country).isEqualTo(AssignmentStatus.REQUESTED);
      assertThat(assignment.getNationalUnit()).as(country).isEqualTo(directory.find(country).orElseThrow().unit().name());
    }
    assertThat(jdbc.queryForList("""
        select d.country from document d join operation o on o.id = d.operation_id where o.reference = ? and d.kind = 'ASSIGNMENT_BRIEF'
        order by d.country""", String.class, ref)).isEqualTo(countries);

    // Need to know: a brief lists its own country's 125 addresses and not one of the other 4,875.
    for (String country : List.of(countries.get(0), countries.get(COUNTRIES - 1))) {
      byte[] brief = jdbc.queryForObject("""
          select d.content from document d join operation o on o.id = d.operation_id where o.reference = ? and d.kind = 'ASSIGNMENT_BRIEF'
          and d.country = ?""", byte[].class, ref, country);
      String text;
      try (XWPFWordExtractor words = new XWPFWordExtractor(new XWPFDocument(new ByteArrayInputStream(brief)))) {
        text = words.getText();
      }
      // In the unit's language: "125 of the operation's 5,000 indicators are routed to …", "125 de los 5000 indicadores …".
      assertThat(text).as(country).containsPattern("125 \\D{1,40}5[,.\u202f\u00a0 ]?000").contains(picked.get(country));
      picked.forEach((other, addresses) -> {
        if (!other.equals(country)) {
          assertThat(addresses).as("%s's addresses in %s's brief", other, country).noneMatch(a -> text.contains(a + "\n") || text.contains(a + "\t"));
        }
      });
    }

    for (String country : countries) {
      driver.complete(driver.officer(country), ref, "Task_RespondToAssignment", country, vars("assignmentResponse", "ACCEPT",
          "responseNote", "we take the " + PER_COUNTRY + " servers in " + country));
    }
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.EVIDENCE_HANDOVER);
    assertThat(assignments.list(ref)).extracting(CountryAssignment::getStatus).containsOnly(AssignmentStatus.ACCEPTED).hasSize(COUNTRIES);

    List<String> items = driver.registerEvidence(ref, "Netflow export of the botnet");
    for (String country : countries) {
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", country, vars("evidenceItems", ProcessDriver.evidencePackage(items)));
    }
    for (String country : countries) {
      driver.complete(driver.officer(country), ref, "Task_ConfirmReceipt", country, vars("receiptConfirmed", true,
          "reportedSha256", driver.matchingHashes(ref, items)));
      driver.completeResults(ref, country);
    }
    assertThat(assignments.list(ref)).extracting(CountryAssignment::getHandoverStatus).containsOnly(HandoverStatus.RECEIVED);

    Map<String, String> outcomes = new LinkedHashMap<>();
    countries.forEach(c -> outcomes.put(c, PER_COUNTRY + " servers taken down"));
    driver.complete("cora", ref, "Task_RecordOutcome", vars("outcomeSummary", "5,000 servers taken down in 40 countries",
        "outcomes", new ObjectMapper().writeValueAsString(outcomes)));

    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.CLOSED);
    assertThat(driver.openTasks(ref)).isEmpty();
    assertThat(assignments.list(ref)).extracting(a -> a.getCountry() + " " + a.getOutcome())
        .containsExactlyInAnyOrderElementsOf(countries.stream().map(c -> c + " 125 servers taken down").toList());
    assertThat(jdbc.queryForObject("""
        select count(*) from notice n join operation o on o.id = n.operation_id where o.reference = ? and n.kind = 'ASSIGNMENT_REQUEST'""",
        Long.class, ref)).isEqualTo((long) COUNTRIES);
  }

  private static List<String> attachments(Part part) throws Exception {
    List<String> names = new ArrayList<>();
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        names.addAll(attachments(multipart.getBodyPart(i)));
      }
    } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.getFileName() != null) {
      names.add(part.getFileName());
    }
    return names;
  }
}
