package org.takedown.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.system.CountryCodes;
import org.takedown.system.Sizes;
import org.takedown.system.ProcessJson;

/**
 * The custody side of handing a package of register items to one country's unit: release (or re-send), the unit's
 * receipt checked against the register's SHA-256, quarantine of mismatching items, and the abort of a country.
 * Each method runs in the calling process step's transaction, so custody, the country's status and the step commit together.
 */
@Service
public class EvidenceHandover {

  static final String FUSION_CENTRE = "Fusion centre";
  private static final Pattern LABEL = Pattern.compile("[Ee]([1-9][0-9]{0,8})");

  private final EvidenceItemRepository items;
  private final CustodyLog custody;
  private final NationalAssignmentService assignments;

  @PersistenceContext
  private EntityManager entities;

  EvidenceHandover(EvidenceItemRepository items, CustodyLog custody, NationalAssignmentService assignments) {
    this.items = items;
    this.custody = custody;
    this.assignments = assignments;
  }

  /** The register item a label ("E3") names in the operation; empty for anything else. */
  @Transactional(readOnly = true)
  public Optional<EvidenceItem> item(String reference, String label) {
    Matcher number = LABEL.matcher(label == null ? "" : label.strip());
    return number.matches() ? items.findItem(reference, Integer.parseInt(number.group(1))) : Optional.empty();
  }

  /** The choices of the prepare form: "E1 · Disk image · 1.2 GB · SHA-256 3f2a…" for each item of the register. */
  @Transactional(readOnly = true)
  public List<Map<String, String>> choices(String reference) {
    return items.findByOperation(reference).stream().map(i -> Map.of("label", i.label() + " · " + i.getDescription()
        + " · " + Sizes.readable(i.getSizeBytes()) + " · SHA-256 " + i.getSha256().substring(0, 12) + "…", "value", i.label())).toList();
  }

  /** The package in words: "E1 Disk image (1.2 GB); E3 Sinkhole log (52 kB)". */
  @Transactional(readOnly = true)
  public String summary(String reference, List<String> labels) {
    return labels.stream().map(label -> item(reference, label).map(i -> i.label() + " " + i.getDescription()
        + " (" + Sizes.readable(i.getSizeBytes()) + ")").orElse(label)).collect(java.util.stream.Collectors.joining("; "));
  }

  /**
   * Records the release of the package to the country's unit: PACKAGED and RELEASED per item, or RESENT per item
   * when coordinators re-send after a quarantine; the country's handover records the labels.
   */
  @Transactional
  public void release(String reference, String country, List<String> labels, String coordinator, String resendReason) {
    CountryAssignment assignment = assignments.get(reference, country);
    String unit = unit(assignment);
    String purpose = purpose(reference, country);
    for (EvidenceItem item : locked(reference, labels)) {
      if (resendReason != null) {
        custody.append(item, CustodyEntry.of(CustodyEventType.RESENT, coordinator).from(FUSION_CENTRE).to(unit).purpose(purpose)
            .country(country).detail("Re-sent after a hash mismatch at receipt: " + resendReason));
      } else {
        custody.append(item, CustodyEntry.of(CustodyEventType.PACKAGED, coordinator).from(FUSION_CENTRE).to(unit).purpose(purpose)
            .country(country).detail("Package for " + unit + ": " + String.join(", ", labels)));
        custody.append(item, CustodyEntry.of(CustodyEventType.RELEASED, coordinator).from(FUSION_CENTRE).to(unit).purpose(purpose)
            .country(country));
      }
    }
    assignments.handOver(reference, country, labels);
  }

  /**
   * Records the unit's answer. A confirmation gets a RECEIVED entry per item with the SHA-256 the unit reported and
   * whether it matches the register (an item without a reported hash does not match). Returns the mismatches.
   */
  @Transactional
  public List<Mismatch> receipt(String reference, String country, List<String> labels, boolean received,
      Map<String, String> reported, String receivedBy) {
    List<Mismatch> mismatches = new ArrayList<>();
    if (received) {
      CountryAssignment assignment = assignments.get(reference, country);
      String unit = unit(assignment);
      Map<String, String> byLabel = new LinkedHashMap<>();
      reported.forEach((label, sha) -> byLabel.put(label.strip().toUpperCase(Locale.ROOT), sha));
      for (EvidenceItem item : locked(reference, labels)) {
        String sha = byLabel.get(item.label());
        boolean matches = item.getSha256().equals(sha);
        custody.append(item, CustodyEntry.of(CustodyEventType.RECEIVED, receivedBy == null ? unit : receivedBy)
            .from(FUSION_CENTRE).to(unit).purpose(purpose(reference, country)).country(country).reported(sha, matches)
            .detail(matches ? null : sha == null ? "The unit reported no SHA-256 for this item" : "The SHA-256 the unit reported does not match the register"));
        if (!matches) {
          mismatches.add(new Mismatch(item.label(), item.getDescription(), item.getSha256(), sha == null ? "" : sha));
        }
      }
    }
    assignments.receipt(reference, country, received, reported, mismatches.isEmpty());
    return mismatches;
  }

  /** Marks the mismatching items quarantined for the country, and the country's handover quarantined. */
  @Transactional
  public void quarantine(String reference, String country, List<Mismatch> mismatches) {
    String unit = unit(assignments.get(reference, country));
    List<String> labels = mismatches.stream().map(Mismatch::item).toList();
    Map<String, Mismatch> byLabel = new LinkedHashMap<>();
    mismatches.forEach(m -> byLabel.put(m.item(), m));
    for (EvidenceItem item : locked(reference, labels)) {
      Mismatch mismatch = byLabel.get(item.label());
      custody.append(item, CustodyEntry.of(CustodyEventType.QUARANTINED, "Takedown receipt check").from(unit).purpose(purpose(reference, country))
          .country(country).detail("Quarantined: " + unit + " reported " + (mismatch.reported().isEmpty() ? "no SHA-256" : "SHA-256 " + mismatch.reported())
              + ", the register holds " + item.getSha256()));
    }
    assignments.handover(reference, country, HandoverStatus.QUARANTINED);
  }

  /** Coordinators aborted the country: every item of its package is recorded as returned, and the handover ends. */
  @Transactional
  public void abort(String reference, String country, List<String> labels, String coordinator, String reason) {
    String unit = unit(assignments.get(reference, country));
    for (EvidenceItem item : locked(reference, labels)) {
      custody.append(item, CustodyEntry.of(CustodyEventType.RETURNED, coordinator).from(unit).to(FUSION_CENTRE)
          .purpose(purpose(reference, country)).country(country)
          .detail("Handover to " + CountryCodes.inProse(country) + " aborted after a hash mismatch: " + reason
              + ". The unit must not use its copy and returns or destroys it."));
    }
    assignments.handover(reference, country, HandoverStatus.ABORTED);
  }

  /**
   * The package's items, each locked (and re-read) in id order: concurrent handovers of the same item to other
   * countries append one after the other, and never onto a head read before the other's commit.
   */
  private List<EvidenceItem> locked(String reference, List<String> labels) {
    List<EvidenceItem> found = new ArrayList<>();
    for (String label : labels) {
      found.add(item(reference, label).orElseThrow(() -> new IllegalStateException(
          "Operation " + reference + " has no evidence item " + label + "; the package names items of its register only")));
    }
    found.sort(Comparator.comparing(EvidenceItem::getId));
    found.forEach(item -> entities.refresh(item, LockModeType.PESSIMISTIC_WRITE));
    return found;
  }

  private static String unit(CountryAssignment assignment) {
    String name = assignment.getNationalUnit() == null ? "National unit" : assignment.getNationalUnit();
    return name + " (" + CountryCodes.name(assignment.getCountry()) + ")";
  }

  private static String purpose(String reference, String country) {
    return "Takedown of operation " + reference + " in " + CountryCodes.inProse(country);
  }

  /** An item whose reported SHA-256 (empty: none reported) is not the register's. */
  public record Mismatch(String item, String description, String expected, String reported) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** "E1 Disk image: expected 3f2a…, reported 9b1c…" */
    public String sentence() {
      return item + " " + description + ": the register holds " + expected + ", the unit reported "
          + (reported.isEmpty() ? "no SHA-256" : reported);
    }

    static String write(List<Mismatch> mismatches) {
      return ProcessJson.write(mismatches);
    }

    static List<Mismatch> read(Object json) {
      Object value = json instanceof JsonValue j ? j.getValueSerialized() : json;
      try {
        return value == null ? List.of() : JSON.readValue(String.valueOf(value), new TypeReference<List<Mismatch>>() {});
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot read the hash mismatches: " + e.getOriginalMessage(), e);
      }
    }
  }
}
