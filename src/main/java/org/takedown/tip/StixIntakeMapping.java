package org.takedown.tip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.takedown.stix.Observable;
import org.takedown.stix.StixProblem;
import org.takedown.stix.StixTip;
import org.takedown.tip.TipService.IndicatorKey;

/**
 * A {@link StixTip} in the simple tip's terms. Observables whose type the simple tip knows become
 * indicators (normalised by {@link IndicatorType}, so they correlate with simple tips); the rest
 * (SHA-512, email subjects, ports), unparseable patterns and the context objects are written into a
 * short Markdown text for triage. The raw bundle keeps everything.
 */
record StixIntakeMapping(String title, String summary, Map<IndicatorKey, String> indicators, String context) {

  static final int TITLE_LENGTH = 200;
  static final int SUMMARY_LENGTH = 10_000;
  /** Camunda keeps string variables up to 4,000 characters. */
  static final int CONTEXT_LENGTH = 3_500;
  static final int LINES_PER_SECTION = 10;

  static StixIntakeMapping of(StixTip stix) {
    Map<IndicatorKey, String> indicators = new LinkedHashMap<>();
    List<String> notIndexed = new ArrayList<>();
    for (Observable o : stix.exactObservables()) {
      IndicatorType type = IndicatorType.of(o.type()).orElse(null);
      if (type == null) {
        notIndexed.add(o.type() + " " + code(o.value()));
        continue;
      }
      try {
        indicators.putIfAbsent(new IndicatorKey(type, type.normalise(o.value().trim())), o.value().trim());
      } catch (IllegalArgumentException e) {
        notIndexed.add(o.type() + " " + code(o.value()) + " (" + escape(e.getMessage()) + ")");
      }
    }

    List<String> lines = new ArrayList<>();
    if (stix.noTlpInBundle()) {
      lines.add("- **No TLP in the bundle:** the default " + stix.tlp().label() + " applies; check it with the vendor.");
    }
    section(lines, "Patterns that do not parse (kept verbatim in the bundle)", stix.unparseable().stream()
        .map(i -> code(i.pattern()) + " — " + escape(i.parseError())).toList());
    // An unparseable pattern is listed above with its error; its warning would say the same again.
    Set<String> unparseable = stix.unparseable().stream().map(StixTip.StixIndicator::id).collect(Collectors.toSet());
    section(lines, "Warnings", stix.warnings().stream()
        .filter(w -> !("pattern".equals(w.property()) && unparseable.contains(w.objectId())))
        .map(StixProblem::describe).map(StixIntakeMapping::escape).toList());
    section(lines, "Observables kept in the bundle only (no indicator type here)", notIndexed);
    section(lines, "Context", stix.context().stream()
        .map(c -> escape(c.type()) + " " + (c.name() == null ? code(c.id()) : "'" + escape(c.name()) + "'")).toList());
    section(lines, "Relationships", stix.relationships().stream().map(r -> escape(r.readable())).toList());
    section(lines, "Statements", stix.statements().stream().map(StixIntakeMapping::escape).toList());
    String context = lines.isEmpty() ? null : String.join("\n", lines);
    if (context != null && context.length() > CONTEXT_LENGTH) {
      context = context.substring(0, context.lastIndexOf('\n', CONTEXT_LENGTH)) + "\n- … more in the stored bundle";
    }

    String title = oneLine(stix.title());
    if (title.isBlank()) {
      title = "STIX bundle " + stix.bundleId();
    }
    String summary = stix.summary() == null || stix.summary().isBlank() ? null : stix.summary().trim();
    return new StixIntakeMapping(cut(title, TITLE_LENGTH), summary == null ? null : cut(summary, SUMMARY_LENGTH), indicators, context);
  }

  private static void section(List<String> lines, String heading, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    lines.add("- **" + heading + ":**");
    items.stream().limit(LINES_PER_SECTION).forEach(item -> lines.add("  - " + item));
    if (items.size() > LINES_PER_SECTION) {
      lines.add("  - and " + (items.size() - LINES_PER_SECTION) + " more");
    }
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ").trim();
  }

  private static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }

  /** Partner text in the form's Markdown: one line, every ASCII punctuation mark escaped, so nothing becomes markup or a link. */
  static String escape(String text) {
    String line = cut(oneLine(text), 300);
    StringBuilder out = new StringBuilder(line.length() + 16);
    for (char c : line.toCharArray()) {
      if ("\\`*_{}[]()#+-.!<>|~&\"'=:".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** A value in a code span (as the indicator summary shows values): no Markdown inside. */
  private static String code(String value) {
    return "`" + cut(oneLine(value).replace('`', ' '), 120) + "`";
  }
}
