package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/** What recipients read in the templates of templates/mail/: decisions in words, never the engine's codes, and no empty values. */
class NoticeWordingTest {

  private final NoticeRenderer renderer = new NoticeRenderer(context(), "file:templates/mail/", new org.takedown.system.PartnerMessages("file:templates/i18n/"));

  private static GenericApplicationContext context() {
    GenericApplicationContext context = new GenericApplicationContext();
    context.refresh();
    return context;
  }

  private static Map<String, Object> content() {
    Map<String, Object> content = new HashMap<>();
    content.put("reference", "OP-2026-0007");
    content.put("title", "Banking trojan C2 servers");
    content.put("tlp", "TLP:AMBER");
    content.put("tlpRule", "Recipient's organisation and its clients, on a need-to-know basis.");
    content.put("red", false);
    return content;
  }

  @Test
  void theTriageResultSaysWhatWasDecidedInWords() {
    Map<String, Object> content = content();
    content.put("decision", "OPEN");
    assertThat(renderer.render(NoticeKind.TRIAGE_RESULT, content).subject()).isEqualTo("triage result: operation opened");
    content.put("decision", "MERGE");
    content.put("mergeInto", "OP-2026-0003");
    assertThat(renderer.render(NoticeKind.TRIAGE_RESULT, content).subject()).isEqualTo("triage result: merged into OP-2026-0003");
    content.put("decision", "REJECT");
    assertThat(renderer.render(NoticeKind.TRIAGE_RESULT, content).subject()).isEqualTo("triage result: tip rejected");
  }

  @Test
  void theLegalDecisionSaysWhatWasDecidedInWords() {
    Map<String, Object> content = content();
    content.put("legalDecision", "APPROVE");
    content.put("legalBasis", "Art. 26 Europol Regulation");
    content.put("releaseTlp", "TLP:AMBER");
    content.put("reviewLevel", "FOUR_EYES");
    content.put("mlatRequired", false);
    content.put("dataProtectionCheck", true);
    content.put("legalApprover", "lena");
    content.put("secondApprover", "leon");
    NoticeRenderer.Rendered approved = renderer.render(NoticeKind.LEGAL_DECISION, content);
    assertThat(approved.subject()).isEqualTo("legal decision: approved");
    assertThat(approved.text()).contains("is decided: approved (four-eyes review).", "Legal basis: Art. 26 Europol Regulation",
        "Decided by lena and leon").doesNotContain("APPROVE", "FOUR_EYES");
    assertThat(approved.html()).contains("<strong>approved</strong> (<span>four-eyes</span> review)")
        .doesNotContain("APPROVE", "FOUR_EYES");

    content.put("legalDecision", "REJECT");
    content.put("legalBasis", "No mandate for this country.");
    content.put("reviewLevel", "STANDARD");
    content.put("releaseTlp", null);
    content.put("secondApprover", null);
    NoticeRenderer.Rendered rejected = renderer.render(NoticeKind.LEGAL_DECISION, content);
    assertThat(rejected.subject()).isEqualTo("legal decision: rejected");
    assertThat(rejected.text()).contains("is decided: rejected (standard review).", "Grounds for rejecting: No mandate for this country.")
        .doesNotContain("REJECT", "STANDARD");
  }

  @Test
  void theClosureSaysSoWhereACountryHasNoResult() {
    Map<String, Object> content = content();
    content.put("outcomeSummary", "Three C2 servers seized.");
    Map<String, Object> france = new HashMap<>(Map.of("countryName", "France"));
    france.put("outcome", null); // as ClosureNotices puts it when the coordinator gave no result for the country
    france.put("nationalUnit", "Office anti-cybercriminalité (OFAC)");
    content.put("results", List.of(Map.of("countryName", "Germany", "nationalUnit", "Bundeskriminalamt SO4 Cybercrime", "outcome", "2 servers seized"), france));
    content.put("operationUrl", "https://takedown.example.org/operations/OP-2026-0007");
    NoticeRenderer.Rendered closure = renderer.render(NoticeKind.CLOSURE, content);
    assertThat(closure.text()).contains("Results recorded per country:", "- Germany (Bundeskriminalamt SO4 Cybercrime): 2 servers seized",
        "- France (Office anti-cybercriminalité (OFAC)): no result recorded", "The operation's page: https://takedown.example.org/operations/OP-2026-0007");
    assertThat(closure.html()).contains("<td>2 servers seized</td>", "<td>no result recorded</td>",
        "<td style=\"padding:2px 12px 2px 0;\">Germany (Bundeskriminalamt SO4 Cybercrime)</td>",
        "href=\"https://takedown.example.org/operations/OP-2026-0007\"");
  }

  @Test
  void theResultsRequestAtTlpRedCarriesNoContentAndNoLink() {
    Map<String, Object> red = new HashMap<>(Map.of("reference", "OP-2026-0007", "tlp", "TLP:RED", "tlpRule", "For the eyes of the named recipients only.",
        "red", true, "signInUrl", "http://localhost:8080/operations/OP-2026-0007"));
    for (NoticeKind kind : List.of(NoticeKind.RESULTS_REQUEST, NoticeKind.RESULTS_REMINDER, NoticeKind.RESULTS_ESCALATION)) {
      NoticeRenderer.Rendered rendered = renderer.render(kind, red);
      assertThat(rendered.text()).as(kind.name()).contains("Something about operation OP-2026-0007 awaits you.")
          .doesNotContain("Report your results", "/partner/", "null");
      assertThat(rendered.subject()).as(kind.name()).doesNotContain("null");
    }
    assertThat(renderer.render(NoticeKind.RESULTS_REQUEST, red).subject()).isEqualTo("results request: action awaits");
  }

  @Test
  void theResultsRequestListsTheStatusesTheDeadlineAndTheLink() {
    Map<String, Object> content = content();
    content.putAll(Map.of("nationalUnit", "Bundeskriminalamt SO4 Cybercrime", "countryName", "Germany", "reminder", true,
        "indicatorScope", "2 of the operation's 3 indicators are routed to Germany", "statuses", "taken down, seized, not found",
        "soFar", "results for 1 of 2 indicators, 1 taken down", "reportBy", "6 January 2027, 17:00 UTC",
        "actions", List.of(Map.of("label", "Report your results", "url", "http://localhost:8080/partner/actions/abc", "kind", "primary"))));
    NoticeRenderer.Rendered reminder = renderer.render(NoticeKind.RESULTS_REMINDER, content);
    assertThat(reminder.subject()).isEqualTo("reminder: report your results for Germany");
    assertThat(reminder.text()).contains("Reminder to Bundeskriminalamt SO4 Cybercrime", "2 of the operation's 3 indicators are routed to Germany.",
        "So far: results for 1 of 2 indicators, 1 taken down.", "For each indicator: taken down, seized, not found.",
        "Report by 6 January 2027, 17:00 UTC", "Report your results: http://localhost:8080/partner/actions/abc",
        "POST /api/operations/OP-2026-0007/results", "This link replaces the one of the earlier email.");
    assertThat(reminder.html()).contains("href=\"http://localhost:8080/partner/actions/abc\"", "This link replaces the one of the earlier email.");
  }

  @Test
  void aUnitsClosureNamesItsOwnCountryAndTheVendorsNone() {
    Map<String, Object> unit = content();
    Map<String, Object> germany = new HashMap<>(Map.of("countryName", "Germany", "outcome", "2 servers seized"));
    germany.put("nationalUnit", null);
    unit.put("results", List.of(germany));
    unit.put("ownCountry", true);
    unit.put("countryName", "Germany");
    NoticeRenderer.Rendered forUnit = renderer.render(NoticeKind.CLOSURE, unit);
    assertThat(forUnit.text()).contains("The result recorded for Germany:\n- Germany: 2 servers seized").doesNotContain("per country", "page");
    assertThat(forUnit.html()).contains("The result recorded for Germany:", "<td style=\"padding:2px 12px 2px 0;\">Germany</td>");

    Map<String, Object> vendor = content();
    vendor.put("outcomeSummary", "The C2 servers are down. Thank you for the tip.");
    vendor.put("results", List.of());
    NoticeRenderer.Rendered forVendor = renderer.render(NoticeKind.CLOSURE, vendor);
    assertThat(forVendor.text()).contains("is closed", "The C2 servers are down. Thank you for the tip.").doesNotContain("Result", "recorded");
    assertThat(forVendor.html()).doesNotContain("<table", "Result");
  }

  @Test
  void theTriageResultCarriesTheMessageToTheVendorAndNothingElseTheCoordinatorWrote() {
    Map<String, Object> content = content();
    content.put("decision", "OPEN");
    content.put("triageNote", "Correlates with OP-2026-0001"); // were it ever in the model, no template reads it
    content.put("vendorMessage", "Thank you; we will keep you informed.");
    content.put("operationUrl", "https://takedown.example.org/operations/OP-2026-0007");
    NoticeRenderer.Rendered withMessage = renderer.render(NoticeKind.TRIAGE_RESULT, content);
    assertThat(withMessage.text()).contains("An operation has been opened", "Message from the fusion centre: Thank you; we will keep you informed.",
        "Follow your tip on its page: https://takedown.example.org/operations/OP-2026-0007").doesNotContain("OP-2026-0001");
    assertThat(withMessage.html()).contains("<em>Thank you; we will keep you informed.</em>").doesNotContain("OP-2026-0001");

    content.put("vendorMessage", null);
    assertThat(renderer.render(NoticeKind.TRIAGE_RESULT, content).text()).doesNotContain("Message from the fusion centre");
  }

  @Test
  void theTipAcknowledgementLinksTheOperationsPage() {
    Map<String, Object> content = content();
    content.put("operationUrl", "https://takedown.example.org/operations/OP-2026-0007");
    NoticeRenderer.Rendered acknowledgement = renderer.render(NoticeKind.TIP_ACKNOWLEDGED, content);
    assertThat(acknowledgement.text()).contains("https://takedown.example.org/operations/OP-2026-0007").doesNotContain("/api/");
    assertThat(acknowledgement.html()).contains("<a href=\"https://takedown.example.org/operations/OP-2026-0007\">");
  }

  @Test
  void theReviewNoticeSaysWhatWaitsInWords() {
    Map<String, Object> content = content();
    content.put("secondApproval", false);
    content.put("reviewLevel", "FOUR_EYES");
    content.put("mlatRequired", true);
    content.put("dataProtectionCheck", false);
    content.put("vendorInformationStatus", "OVERDUE");
    content.put("countryNames", "Germany (DE)");
    content.put("operationUrl", "https://takedown.example.org/operations/OP-2026-0007");
    content.put("reviewQueueUrl", "https://takedown.example.org/review");
    NoticeRenderer.Rendered first = renderer.render(NoticeKind.LEGAL_REVIEW_WAITING, content);
    assertThat(first.subject()).isEqualTo("legal review waits: Banking trojan C2 servers");
    assertThat(first.text()).contains("waits for a legal officer (four-eyes review)", "did not answer the information request before its deadline",
        "MLAT needed: yes; data-protection check: no").doesNotContain("FOUR_EYES", "OVERDUE");

    content.put("secondApproval", true);
    content.put("firstApprover", "lena");
    NoticeRenderer.Rendered second = renderer.render(NoticeKind.LEGAL_REVIEW_WAITING, content);
    assertThat(second.subject()).isEqualTo("second legal approval waits: Banking trojan C2 servers");
    assertThat(second.text()).contains("lena has approved \"Banking trojan C2 servers\"", "needs a second approval from another legal officer");
    assertThat(second.html()).contains("<span>lena</span> has approved");
  }
}
