package org.takedown.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.takedown.system.CountryCodes;
import org.takedown.system.Groups;
import org.takedown.system.Tlp;

/**
 * What one reader may see of one operation: the projection of its {@link Audience}, stated here
 * once. The API, the board, the pages, the STIX export and TAXII ask this, never the reader's groups.
 *
 * @param countries the countries this reader may see: for a unit those it was asked about; ignored for staff
 */
public record Disclosure(Audience audience, String vendor, boolean attribution, Tlp tlp, Tlp releaseTlp,
    Set<String> countries, Set<String> organisations, boolean coReported, boolean coReporter) {

  /** How units read a vendor that did not agree to be named (the brief's source protection). */
  public static final String UNNAMED_VENDOR = "a private-sector partner";
  /** How a co-reporting vendor reads the vendor that opened the operation when they did not both agree to be named. */
  public static final String UNNAMED_CO_REPORTER = "another vendor";

  /**
   * @param vendor the vendor organisation's display name
   * @param organisations the reader's own vendor organisations (a vendor reader), whose contributions it reads whole
   * @param coReported whether other vendors contribute: a vendor then reads its own indicators and those the others'
   *     TLP shares with co-reporters ({@link OperationAccess#indicators})
   * @param coReporter the reader is a vendor that contributes to the operation but did not open it: the opening vendor's
   *     own words (summary, STIX context) reach it only where that tip's TLP shares them with co-reporters, and the
   *     exchange with the fusion centre (receipts, information requests, withdrawal) stays the opening vendor's
   */
  public Disclosure {
    countries = Set.copyOf(countries);
    organisations = Set.copyOf(organisations);
  }

  public Disclosure(Audience audience, String vendor, boolean attribution, Tlp tlp, Tlp releaseTlp, Set<String> countries,
      Set<String> organisations, boolean coReported) {
    this(audience, vendor, attribution, tlp, releaseTlp, countries, organisations, coReported, false);
  }

  /** The vendor that opened the operation, or a co-reporter where its tip's TLP shares with co-reporters. */
  private boolean readsOpeningVendorsWords() {
    return !coReporter || OperationAccess.SHARED_WITH_CO_REPORTERS.contains(tlp);
  }

  /** The vendor that opened the operation (not a co-reporter): it answers for its tip. */
  public boolean isOpeningVendor() {
    return audience == Audience.VENDOR && !coReporter;
  }

  public Disclosure(Audience audience, String vendor, boolean attribution, Tlp tlp, Tlp releaseTlp, Set<String> countries) {
    this(audience, vendor, attribution, tlp, releaseTlp, countries, Set.of(), false, false);
  }

  public boolean isStaff() {
    return audience == Audience.STAFF;
  }

  /** The TLP the reader holds it at: a unit at the legal decision's release TLP, everyone else at the operation's. */
  public Tlp readerTlp() {
    return audience == Audience.UNIT && releaseTlp != null ? releaseTlp : tlp;
  }

  /** The vendor's name only where the reader may know it (a unit: only if the tip allowed attribution). */
  public boolean namesVendor() {
    return switch (audience) {
      case STAFF -> true;
      // A co-reporter reads the opening vendor's name only where both agreed (OperationAccess gives it null otherwise).
      case VENDOR -> vendor != null;
      case UNIT -> attribution;
      case COMMUNITY -> false;
    };
  }

  /**
   * The vendor as this reader reads it: its name, "a private-sector partner" for a unit, "another vendor" for a
   * co-reporter where the two did not both agree to be named, nothing for the community.
   */
  public String vendorLabel() {
    return namesVendor() ? vendor : audience == Audience.UNIT ? UNNAMED_VENDOR : audience == Audience.VENDOR ? UNNAMED_CO_REPORTER : null;
  }

  /** A country's status, unit, responder, note, tasks, evidence and result. */
  public boolean seesCountry(String country) {
    return audience == Audience.STAFF || audience == Audience.UNIT && country != null && countries.contains(country);
  }

  /**
   * The countries whose indicators this reader sees (those routed there, table indicator_country), or null for every
   * indicator: need to know, a unit is given only what concerns the countries it was asked about. Staff, the vendor
   * (it sent them) and the community (a TLP:GREEN or CLEAR operation is released to it whole) see all. Queries apply
   * this through {@link OperationAccess#indicators(Disclosure)}, never by themselves.
   */
  public Set<String> indicatorCountries() {
    return audience == Audience.UNIT ? countries : null;
  }

  /** Whether the reader sees every indicator of the operation: not a unit, nor a vendor of a co-reported operation. */
  public boolean seesAllIndicators() {
    return indicatorCountries() == null && !readsContributions();
  }

  /** A vendor of a co-reported operation: it reads its own contributions whole and the others' where their TLP allows. */
  public boolean readsContributions() {
    return audience == Audience.VENDOR && coReported;
  }

  /**
   * The counts as people read them: "12 of the operation's 30,000 indicators are routed to Germany" for a unit,
   * "30,000 indicators" for whoever sees them all.
   */
  public String indicatorScope(long seen, long total) {
    if (seesAllIndicators()) {
      return String.format(Locale.ENGLISH, "%,d indicator%s", total, total == 1 ? "" : "s");
    }
    if (readsContributions()) {
      return String.format(Locale.ENGLISH, "%,d of the operation's %,d indicator%s: those your organisation reported and those other"
          + " contributors' TLP lets the fusion centre share with co-reporters", seen, total, total == 1 ? "" : "s");
    }
    List<String> names = indicatorCountries().stream().sorted().map(CountryCodes::inProse).toList();
    String where = names.isEmpty() ? "none of your countries"
        : names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    if (seen == 0) {
      return String.format(Locale.ENGLISH, "None of the operation's %,d indicator%s is routed to %s", total, total == 1 ? "" : "s", where);
    }
    if (total == 1) {
      return "The operation's one indicator is routed to " + where;
    }
    return String.format(Locale.ENGLISH, "%,d of the operation's %,d indicators %s routed to %s", seen, total, seen == 1 ? "is" : "are", where);
  }

  /** Any country at all (a vendor and the community see none). */
  public boolean seesCountries() {
    return audience == Audience.STAFF || audience == Audience.UNIT;
  }

  /**
   * An open task: staff all; a unit its own, those offered to its group for a country it was asked about
   * (not the coordinators' tasks about that country); nobody else any.
   */
  public boolean seesTask(String country, Collection<String> candidateGroups) {
    return audience == Audience.STAFF || audience == Audience.UNIT && country != null && countries.contains(country)
        && candidateGroups.contains(Groups.UNIT_PREFIX + country.toLowerCase(Locale.ROOT));
  }

  /**
   * The vendor's summary: its own words to the fusion centre, which may name other countries or its own
   * references, so units are given the title and what is released to them instead.
   */
  public boolean seesSummary() {
    return audience == Audience.STAFF || audience == Audience.VENDOR && readsOpeningVendorsWords();
  }

  /** The STIX context the vendor sent (malware, campaigns…); a unit without the vendor's identity and statements. */
  public boolean seesContext() {
    return audience != Audience.COMMUNITY && (audience != Audience.VENDOR || readsOpeningVendorsWords());
  }

  /** The outcome summary, which the fusion centre writes for the vendor and mails to it at closure. */
  public boolean seesOutcomeSummary() {
    return audience == Audience.STAFF || audience == Audience.VENDOR;
  }

  /** The tip receipts with their submitter, and the information requests put to the vendor. */
  public boolean seesVendorExchange() {
    return audience == Audience.STAFF || isOpeningVendor();
  }

  /**
   * The fusion centre's own records: documents, notices, evidence and custody, timeline, incidents,
   * deadline timers and which operation a tip was merged into.
   */
  public boolean seesCentreRecords() {
    return audience == Audience.STAFF;
  }
}
