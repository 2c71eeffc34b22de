package org.takedown.stix;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.takedown.system.Tlp;

/**
 * What a STIX bundle says, in Takedown's terms, ready to become a tip. Text (titles, names,
 * descriptions) is exactly as sent: it is data, escaped wherever it is shown.
 *
 * @param bundleId the bundle's id (bundle--uuid); with {@code sha256} it identifies a re-post
 * @param specVersion "2.1" or "2.0"
 * @param sha256 SHA-256 of the raw bytes, lower-case hex
 * @param title from the report, else the main campaign, intrusion set or malware, else the first
 *     indicator's name, else "STIX bundle &lt;id&gt;"; never null
 * @param titleSource the STIX type the title came from ("report", "campaign", …, "bundle")
 * @param summary the description of that object, or null
 * @param published the report's published time, or null
 * @param vendor the name of the identity that created most objects (created_by_ref), or null
 * @param countries ISO 3166-1 alpha-2, upper case, from location objects, in bundle order
 * @param tlp the most restrictive TLP marking anywhere in the bundle, or the default given
 * @param noTlpInBundle true when no object carried a TLP marking and {@code tlp} is the default
 * @param statements the text of statement markings (copyright, terms of use), to print in briefings
 * @param warnings what was not taken, or taken only in part, with the object's id, JSON pointer and why
 *     (unparseable patterns, values that do not fit their type, objects of unknown types, references to
 *     objects not in the bundle, bad countries…): returned to the vendor and shown in triage
 * @param takedownReference the operation reference when the bundle is a Takedown export (its report's
 *     external reference with source_name "takedown"), else null
 * @param notTaken the ids of the objects nothing was taken from (each has a warning saying why)
 * @param locations where each country came from: the location object's id and pointer
 * @param namedToCoReporters the vendor agrees to be named to co-reporters: the custom property
 *     {@code x_takedown_name_to_co_reporters} is true on the bundle's report or its creator's identity (default false)
 */
public record StixTip(
    String bundleId, String specVersion, String sha256,
    String title, String titleSource, String summary, Instant published, String vendor,
    List<StixIndicator> indicators, List<ContextObject> context, List<Relation> relationships,
    List<String> countries, Tlp tlp, boolean noTlpInBundle, List<String> statements, List<StixProblem> warnings,
    String takedownReference, java.util.Set<String> notTaken, List<Located> locations, boolean namedToCoReporters) {

  public StixTip(String bundleId, String specVersion, String sha256, String title, String titleSource, String summary, Instant published,
      String vendor, List<StixIndicator> indicators, List<ContextObject> context, List<Relation> relationships, List<String> countries,
      Tlp tlp, boolean noTlpInBundle, List<String> statements, List<StixProblem> warnings, String takedownReference,
      java.util.Set<String> notTaken, List<Located> locations) {
    this(bundleId, specVersion, sha256, title, titleSource, summary, published, vendor, indicators, context, relationships, countries, tlp,
        noTlpInBundle, statements, warnings, takedownReference, notTaken, locations, false);
  }

  /**
   * An indicator, or an observation (observed-data or a standalone cyber-observable) that gives
   * observables too.
   *
   * @param id the STIX id it came from
   * @param source "indicator", "observed-data", or the SCO type (e.g. "ipv4-addr")
   * @param pattern as sent for indicators; for observations, an equivalent pattern built from the observables
   * @param patternType "stix", or another pattern language (kept as text, no observables)
   * @param unparseable true when the STIX pattern does not parse: it is kept verbatim, flagged for triage
   * @param parseError where and why it does not parse ("at offset 17: expected …"), or null
   * @param observables exact values first-class for correlation, and loose ones (LIKE/MATCHES) for reading
   * @param warnings values left out because they do not fit their type
   * @param pointer the object's JSON pointer in the bundle (/objects/3)
   * @param unmapped the comparisons of the pattern that gave no exact value (file:name = 'x', LIKE, MATCHES,
   *     negations…): when there are any, the pattern says more than its values
   * @param provider the hosting provider or registrar of the indicator's domains and URLs as the vendor states it in the
   *     custom property {@code x_takedown_provider} (docs/providers.md), or null
   */
  public record StixIndicator(String id, String source, String name, String description, String pattern, String patternType,
      Instant validFrom, boolean unparseable, String parseError, List<Observable> observables, List<String> warnings,
      String pointer, List<String> unmapped, String provider) {

    public StixIndicator(String id, String source, String name, String description, String pattern, String patternType,
        Instant validFrom, boolean unparseable, String parseError, List<Observable> observables, List<String> warnings,
        String pointer, List<String> unmapped) {
      this(id, source, name, description, pattern, patternType, validFrom, unparseable, parseError, observables, warnings, pointer,
          unmapped, null);
    }

    public List<Observable> exactObservables() {
      return observables.stream().filter(Observable::exact).toList();
    }

    /** A STIX pattern that parsed (not another pattern language, not unparseable). */
    public boolean parsedStix() {
      return "stix".equals(patternType) && !unparseable;
    }
  }

  /** A country of the bundle and the location object that named it. */
  public record Located(String country, String objectId, String pointer) {}

  /** malware, threat-actor, intrusion-set, infrastructure, attack-pattern, campaign, tool, vulnerability, course-of-action, identity. */
  public record ContextObject(String type, String id, String name, String description) {}

  /**
   * A relationship (type = relationship_type, e.g. "indicates") or a sighting (type = "sighting",
   * target = the first where_sighted_ref or null), with a sentence a briefing can print:
   * "indicator 'C2 IP' indicates malware 'Poison Ivy'".
   */
  public record Relation(String id, String sourceRef, String type, String targetRef, String readable) {}

  /** Every exact observable of the tip once, by type and normalised value: what correlation indexes. */
  public List<Observable> exactObservables() {
    Map<String, Observable> distinct = new LinkedHashMap<>();
    for (StixIndicator indicator : indicators) {
      for (Observable o : indicator.exactObservables()) {
        distinct.putIfAbsent(o.type() + "|" + o.normalizedValue(), o);
      }
    }
    return List.copyOf(distinct.values());
  }

  public List<StixIndicator> unparseable() {
    return indicators.stream().filter(StixIndicator::unparseable).toList();
  }
}
