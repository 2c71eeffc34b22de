package org.takedown.briefing;

import static org.takedown.briefing.Formats.TIME;
import static org.takedown.briefing.Formats.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.takedown.evidence.CustodyVerification.Break;
import org.takedown.evidence.EvidenceViews;
import org.takedown.evidence.EvidenceViews.Entry;
import org.takedown.evidence.EvidenceViews.Item;
import org.takedown.evidence.EvidenceViews.ItemWithChain;
import org.takedown.system.Sizes;

/** The Word custody report (templates/word/custody-report.docx): the register, the verification, then each item and its chain. */
@Component
class CustodyReportModel {

  Map<String, Object> build(EvidenceViews.Report report) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("reference", report.reference());
    model.put("title", report.title());
    model.put("generatedAt", TIME.format(report.generatedAt()));
    EvidenceViews.Verification verification = report.verification();
    model.put("verificationSummary", (verification.breaks().isEmpty() ? "OK" : "BROKEN, " + verification.breaks().size() + " finding(s)")
        + ": " + verification.items() + " item(s) and " + verification.entries() + " custody entries recomputed, and every stored file hashed, at "
        + TIME.format(verification.checkedAt()));
    List<Map<String, Object>> register = new ArrayList<>();
    List<Map<String, Object>> items = new ArrayList<>();
    for (ItemWithChain withChain : report.items()) {
      Item item = withChain.item();
      register.add(Map.of("label", item.label(), "description", item.description(), "type", item.typeLabel(), "sha256", item.sha256(),
          "size", Sizes.exact(item.sizeBytes()), "status", item.custodyStatusLabel()));
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("heading", item.label() + " · " + item.description());
      section.put("description", item.description());
      section.put("type", item.typeLabel());
      section.put("tlp", item.tlp());
      section.put("sha256", item.sha256());
      section.put("size", Sizes.exact(item.sizeBytes()));
      section.put("held", item.stored() ? "In the fusion centre's evidence store" : "Elsewhere, registered by reference: " + item.externalLocation());
      section.put("originalName", item.originalName() == null ? "–" : item.originalName());
      section.put("collectedBy", item.collectedBy());
      section.put("collectedAt", TIME.format(item.collectedAt()));
      section.put("source", item.source());
      section.put("registeredBy", item.registeredBy() + ", " + TIME.format(item.registeredAt()));
      section.put("status", item.custodyStatusLabel() + " (" + item.custodyEntries() + " entries)");
      section.put("custodyHead", item.custodyHead());
      section.put("chain", withChain.chain().stream().map(CustodyReportModel::entry).toList());
      items.add(section);
    }
    model.put("register", register);
    List<Map<String, Object>> breaks = new ArrayList<>();
    for (Break b : verification.breaks()) {
      breaks.add(Map.of("item", b.item(), "entry", b.entry() == null ? "–" : b.entry().toString(), "problem", b.problem(),
          "expected", text(b.expected()), "found", text(b.found())));
    }
    if (breaks.isEmpty()) {
      breaks.add(Map.of("item", "–", "entry", "–", "problem", "None: every chain recomputes and every stored file has its registered SHA-256.",
          "expected", "", "found", ""));
    }
    model.put("breaks", breaks);
    model.put("custodyItems", items);
    return model;
  }

  private static Map<String, Object> entry(Entry e) {
    StringBuilder parties = new StringBuilder();
    if (e.from() != null) {
      parties.append("from ").append(e.from());
    }
    if (e.to() != null) {
      parties.append(parties.isEmpty() ? "" : "\n").append("to ").append(e.to());
    }
    StringBuilder purpose = new StringBuilder(text(e.purpose()));
    if (e.detail() != null) {
      purpose.append(purpose.isEmpty() ? "" : "\n").append(e.detail());
    }
    if (e.reportedSha256() != null) {
      purpose.append(purpose.isEmpty() ? "" : "\n").append("Reported SHA-256 ").append(e.reportedSha256())
          .append(Boolean.TRUE.equals(e.hashMatches()) ? " (matches)" : " (DOES NOT MATCH)");
    }
    String where = text(e.location()) + (e.country() == null ? "" : (e.location() == null ? "" : ", ") + e.country());
    return Map.of("seq", Integer.toString(e.seq()), "event", e.typeLabel(), "at", TIME.format(e.at()), "actor", e.actor(),
        "parties", parties.toString(), "purpose", purpose.toString(), "where", where,
        "hashes", "entry " + e.entryHash() + "\nprevious " + e.previousHash());
  }

}
