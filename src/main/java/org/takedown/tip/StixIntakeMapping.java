package org.takedown.tip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.takedown.stix.Observable;
import org.takedown.stix.StixProblem;
import org.takedown.stix.StixTip;
import org.takedown.stix.StixTip.StixIndicator;
import org.takedown.tip.TipService.IndicatorKey;

/**
 * A {@link StixTip} in the simple tip's terms, so that nothing of it vanishes:
 * <ul>
 *   <li>exact observables whose type the simple tip knows become indicators (normalised by
 *       {@link IndicatorType}, so they correlate with simple tips);
 *   <li>an indicator whose pattern says more than those values (an email message, a file name, a compound
 *       pattern with parts of no type here, a pattern of another language) is kept whole as well, as a
 *       {@link PatternIndicator} with its pattern verbatim;
 *   <li>whatever is not taken, wholly or in part (an unparseable pattern, an object of an unknown type, a
 *       relationship to an object not in the bundle, a value that does not fit its type), is an
 *       {@link IntakeWarning}: returned to the vendor, kept, and shown in triage and on the page.
 * </ul>
 * What triage should read besides (no TLP, unparseable patterns, warnings, context, relationships,
 * statements) is a short Markdown text. The raw bundle keeps everything.
 */
record StixIntakeMapping(String title, String summary, Map<IndicatorKey, String> indicators, List<PatternIndicator> patterns,
    List<IntakeWarning> warnings, Set<String> notTaken, String context, List<String> countries, Map<IndicatorKey, List<String>> stated,
    Map<String, List<String>> statedPatterns, Map<IndicatorKey, String> providers) {

  /** The relationships followed from an indicator to an object whose located-at places it too. */
  static final Set<String> FOLLOWED = Set.of("indicates", "based-on");
  /**
   * The objects followed to: where an infrastructure or an observable is, its indicator is. A threat actor's, an intrusion
   * set's or a campaign's location says where people are, not where a server is, so it places no indicator.
   */
  static final Set<String> HOSTING = Set.of("infrastructure", "observed-data", "ipv4-addr", "ipv6-addr", "domain-name", "url",
      "email-addr", "network-traffic", "x509-certificate", "autonomous-system");

  static final int TITLE_LENGTH = 200;
  static final int SUMMARY_LENGTH = 10_000;
  /** Camunda keeps string variables up to 4,000 characters. */
  static final int CONTEXT_LENGTH = 3_500;
  static final int LINES_PER_SECTION = 10;

  /** True when the bundle gave anything to act on: an indicator of a type, or a pattern indicator. */
  boolean actionable() {
    return !indicators.isEmpty() || !patterns.isEmpty();
  }

  static StixIntakeMapping of(StixTip stix) {
    Map<IndicatorKey, String> indicators = new LinkedHashMap<>();
    Map<String, PatternIndicator> patterns = new LinkedHashMap<>();
    List<StixProblem> problems = new ArrayList<>(stix.warnings());
    Set<String> notTaken = new HashSet<>(stix.notTaken());
    Map<String, List<String>> located = located(stix);
    Map<IndicatorKey, List<String>> stated = new LinkedHashMap<>();
    Map<String, List<String>> statedPatterns = new LinkedHashMap<>();
    Map<IndicatorKey, String> providers = new LinkedHashMap<>();
    for (StixIndicator i : stix.indicators()) {
      if (i.unparseable() || notTaken.contains(i.id())) {
        continue;
      }
      String provider = i.provider() == null || i.provider().isBlank() ? null : i.provider().strip();
      String wrongProvider = provider == null ? null : TipRequest.IndicatorRequest.providerProblem(provider);
      if (wrongProvider != null) {
        problems.add(new StixProblem(i.id(), i.pointer(), org.takedown.stix.StixMapper.PROVIDER, "the provider " + wrongProvider
            + ", so it was not taken; the indicator was"));
        provider = null;
      }
      boolean typed = false;
      List<Observable> untyped = new ArrayList<>();
      for (Observable o : i.exactObservables()) {
        IndicatorType type = IndicatorType.of(o.type()).orElse(null);
        if (type == null) {
          untyped.add(o);
          continue;
        }
        try {
          IndicatorKey key = new IndicatorKey(type, type.normalise(o.value().trim()));
          indicators.putIfAbsent(key, o.value().trim());
          if (provider != null) {
            providers.putIfAbsent(key, provider);
          }
          for (String country : located.getOrDefault(i.id(), List.of())) {
            List<String> at = stated.computeIfAbsent(key, k -> new ArrayList<>());
            if (!at.contains(country)) {
              at.add(country);
            }
          }
          typed = true;
        } catch (IllegalArgumentException e) {
          untyped.add(o); // not reached: the observable was normalised by the same rules
        }
      }
      if ("indicator".equals(i.source())) {
        // The pattern says more than the typed values: keep it whole.
        if (!i.parsedStix() || !i.unmapped().isEmpty() || !untyped.isEmpty() || !typed) {
          patterns.putIfAbsent(i.id(), PatternIndicator.of(i));
          if (located.containsKey(i.id())) {
            statedPatterns.put(i.id(), located.get(i.id()));
          }
        }
      } else {
        // observed-data or a cyber-observable: its values are all it says; an email subject or a port is no indicator alone.
        for (Observable o : untyped) {
          problems.add(new StixProblem(i.id(), i.pointer(), "objects", o.type() + " '" + o.value() + "' is no indicator on its own here"
              + " (send it within an indicator's pattern to keep it), so it was not taken"
              + (typed ? "; the rest of the " + i.source() + " was taken" : "")));
        }
        if (!typed) {
          notTaken.add(i.id());
        }
      }
    }

    List<IntakeWarning> warnings = new ArrayList<>();
    for (StixProblem p : problems) {
      if (warnings.size() == IntakeWarning.MAX - 1 && problems.size() > IntakeWarning.MAX) {
        warnings.add(new IntakeWarning(null, "/objects", "objects", "and " + (problems.size() - warnings.size())
            + " more warnings like these, not listed one by one", false));
        break;
      }
      warnings.add(new IntakeWarning(p.objectId(), p.pointer(), p.property(), p.message(),
          p.objectId() == null || !notTaken.contains(p.objectId())));
    }

    String title = oneLine(stix.title());
    if (title.isBlank()) {
      title = "STIX bundle " + stix.bundleId();
    }
    String summary = stix.summary() == null || stix.summary().isBlank() ? null : stix.summary().trim();
    // A location that places indicators is the vendor's word for those; only the others name countries for the whole tip.
    Set<String> perIndicator = new HashSet<>();
    Set<String> elsewhere = new HashSet<>();
    Map<String, String> countryOf = new HashMap<>();
    stix.locations().forEach(l -> countryOf.put(l.objectId(), l.country()));
    stix.relationships().stream().filter(r -> "located-at".equals(r.type()) && countryOf.containsKey(r.targetRef()))
        .forEach(r -> (isPlaced(r.sourceRef(), stix, located) ? perIndicator : elsewhere).add(r.targetRef()));
    List<String> named = stix.locations().stream().filter(l -> !perIndicator.contains(l.objectId()) || elsewhere.contains(l.objectId()))
        .map(StixTip.Located::country).distinct().toList();
    return new StixIntakeMapping(cut(title, TITLE_LENGTH), summary == null ? null : cut(summary, SUMMARY_LENGTH), indicators,
        List.copyOf(patterns.values()), List.copyOf(warnings), Set.copyOf(notTaken), context(stix, warnings), named, stated, statedPatterns,
        providers);
  }

  /** Whether a located-at's source is an indicator, or an object an indicator leads to: its location places indicators. */
  private static boolean isPlaced(String source, StixTip stix, Map<String, List<String>> located) {
    return located.containsKey(source) || hosting(source)
        && stix.relationships().stream().anyMatch(r -> FOLLOWED.contains(r.type()) && source.equals(r.targetRef()) && located.containsKey(r.sourceRef()));
  }

  private static boolean hosting(String id) {
    int dashes = id == null ? -1 : id.indexOf("--");
    return dashes > 0 && HOSTING.contains(id.substring(0, dashes));
  }

  /**
   * The countries the vendor states for each indicator (by its STIX id): the locations it is located-at, and those of
   * the objects it indicates, is based on or related to (an infrastructure, an observable) that are located-at one.
   */
  static Map<String, List<String>> located(StixTip stix) {
    Map<String, String> countryOf = new HashMap<>();
    stix.locations().forEach(l -> countryOf.put(l.objectId(), l.country()));
    Map<String, Set<String>> at = new HashMap<>();
    for (StixTip.Relation r : stix.relationships()) {
      if ("located-at".equals(r.type()) && countryOf.containsKey(r.targetRef())) {
        at.computeIfAbsent(r.sourceRef(), k -> new java.util.TreeSet<>()).add(countryOf.get(r.targetRef()));
      }
    }
    Map<String, List<String>> located = new LinkedHashMap<>();
    for (StixIndicator i : stix.indicators()) {
      Set<String> countries = new java.util.TreeSet<>(at.getOrDefault(i.id(), Set.of()));
      for (StixTip.Relation r : stix.relationships()) {
        if (FOLLOWED.contains(r.type()) && i.id().equals(r.sourceRef()) && hosting(r.targetRef())) {
          countries.addAll(at.getOrDefault(r.targetRef(), Set.of()));
        }
      }
      if (!countries.isEmpty()) {
        located.put(i.id(), List.copyOf(countries));
      }
    }
    return located;
  }

  /** What triage reads of the bundle besides its indicators: at most {@link #CONTEXT_LENGTH} characters of Markdown. */
  private static String context(StixTip stix, List<IntakeWarning> warnings) {
    List<String> lines = new ArrayList<>();
    if (stix.noTlpInBundle()) {
      lines.add("- **No TLP in the bundle:** the default " + stix.tlp().label() + " applies; check it with the vendor.");
    }
    section(lines, "Patterns that do not parse (not taken; the vendor was told)", stix.unparseable().stream()
        .map(i -> code(i.pattern()) + " — " + escape(i.parseError())).toList());
    // An unparseable pattern is listed above with its error; its warning would say the same again.
    Set<String> unparseable = stix.unparseable().stream().map(StixIndicator::id).collect(Collectors.toSet());
    section(lines, "Not taken, or taken in part (the vendor was told; all on the operation's page)", warnings.stream()
        .filter(w -> !("pattern".equals(w.property()) && unparseable.contains(w.objectId())))
        .map(IntakeWarning::describe).map(StixIntakeMapping::escape).toList());
    section(lines, "Context", stix.context().stream()
        .map(c -> escape(c.type()) + " " + (c.name() == null ? code(c.id()) : "'" + escape(c.name()) + "'")).toList());
    section(lines, "Relationships", stix.relationships().stream().map(r -> escape(r.readable())).toList());
    section(lines, "Statements", stix.statements().stream().map(StixIntakeMapping::escape).toList());
    String context = lines.isEmpty() ? null : String.join("\n", lines);
    if (context != null && context.length() > CONTEXT_LENGTH) {
      context = context.substring(0, context.lastIndexOf('\n', CONTEXT_LENGTH)) + "\n- … more on the operation's page and in the stored bundle";
    }
    return context;
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
  static String code(String value) {
    return "`" + cut(oneLine(value).replace('`', ' '), 120) + "`";
  }
}
