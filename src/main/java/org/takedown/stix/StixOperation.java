package org.takedown.stix;

import java.time.Instant;
import java.util.List;
import org.takedown.stix.StixTip.ContextObject;
import org.takedown.system.Tlp;

/**
 * An operation as the exporter needs it, in neutral terms (the lead fills it from the operation and
 * its tips). Already TLP-filtered by the caller: everything given here is exported.
 *
 * @param reference the operation reference, e.g. OP-2026-0007 (the seed of the deterministic ids)
 * @param created when the operation was opened (report published, default valid_from)
 * @param modified when it last changed
 * @param tlp the TLP the export is marked with (for units: the release TLP)
 * @param countries ISO 3166-1 alpha-2 codes, exported as location objects
 * @param statements statement markings to carry (copyright, terms of use)
 */
public record StixOperation(String reference, String title, String summary, Instant created, Instant modified, Tlp tlp,
    List<String> countries, List<Indicator> indicators, List<ContextObject> context, List<Relationship> relationships,
    List<String> statements) {

  /**
   * @param stixId the indicator's STIX id if it came from STIX (kept, so relationships still point at it), else null
   * @param type an {@link ObservableType} id (ipv4-addr, file-sha256, …), or {@value #PATTERN} for a pattern indicator
   * @param pattern the original pattern, or null to state just this value; never null for a pattern indicator
   * @param name optional; default "&lt;type&gt; &lt;value&gt;"
   * @param patternType the pattern's language (stix, snort, yara, sigma…); null means stix
   */
  public record Indicator(String stixId, String type, String value, String pattern, String name, String description, Instant validFrom,
      String patternType) {

    /** The type of a pattern indicator: a STIX indicator kept whole, exported with its pattern verbatim. */
    public static final String PATTERN = "pattern";

    public Indicator(String stixId, String type, String value, String pattern, String name, String description, Instant validFrom) {
      this(stixId, type, value, pattern, name, description, validFrom, null);
    }

    public Indicator(String type, String value) {
      this(null, type, value, null, null, null, null, null);
    }

    /** A pattern indicator: its pattern verbatim, in its language. */
    public static Indicator pattern(String stixId, String pattern, String patternType, String name, String description, Instant validFrom) {
      return new Indicator(stixId, PATTERN, pattern, pattern, name, description, validFrom, patternType);
    }
  }

  /** Between STIX ids of exported objects; relationships to anything not exported are left out. */
  public record Relationship(String sourceRef, String type, String targetRef) {}
}
