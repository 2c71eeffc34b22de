package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/** What recipients read in the templates of templates/mail/: decisions in words, never the engine's codes, and no empty values. */
class NoticeWordingTest {

  private final NoticeRenderer renderer = new NoticeRenderer(context(), "file:templates/mail/");

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
    content.put("results", List.of(Map.of("countryName", "Germany", "outcome", "2 servers seized"), france));
    NoticeRenderer.Rendered closure = renderer.render(NoticeKind.CLOSURE, content);
    assertThat(closure.text()).contains("- Germany: 2 servers seized", "- France: no result recorded");
    assertThat(closure.html()).contains("<td>2 servers seized</td>", "<td>no result recorded</td>");
  }
}
