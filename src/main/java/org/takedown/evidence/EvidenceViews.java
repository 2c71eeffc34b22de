package org.takedown.evidence;

import java.time.Instant;
import java.util.List;

/** What the API (and the custody report) says about items and their custody entries. */
public final class EvidenceViews {

  private EvidenceViews() {}

  static String itemHref(EvidenceItem item) {
    return "/api/operations/" + item.getOperationReference() + "/evidence/" + item.label();
  }

  /** One item of the register. */
  public record Item(String label, int number, String description, String type, String typeLabel, String tlp, String sha256,
      long sizeBytes, String originalName, String collectedBy, Instant collectedAt, String source, boolean stored,
      String externalLocation, String registeredBy, Instant registeredAt, String custodyStatus, String custodyStatusLabel,
      int custodyEntries, String custodyHead, String href, String fileHref) {

    /** The item, with its standing read from its custody entries. */
    public static Item of(EvidenceItem i, CustodyStanding standing) {
      return new Item(i.label(), i.getNumber(), i.getDescription(), i.getType().name(), i.getType().label(), i.getTlp().label(),
          i.getSha256(), i.getSizeBytes(), i.getOriginalName(), i.getCollectedBy(), i.getCollectedAt(), i.getSource(), i.isStored(),
          i.getExternalLocation(), i.getRegisteredBy(), i.getRegisteredAt(), standing.status().name(), standing.label(),
          i.getCustodyLength(), i.getCustodyHead(), itemHref(i), i.isStored() ? itemHref(i) + "/file" : null);
    }
  }

  /** One custody entry, with the hashes that chain it. */
  public record Entry(int seq, String type, String typeLabel, Instant at, String actor, String from, String to, String purpose,
      String location, String country, String reportedSha256, Boolean hashMatches, String detail, String entryHash, String previousHash) {

    public static Entry of(CustodyEvent e) {
      return new Entry(e.getSeq(), e.getType().name(), e.getType().label(), e.getOccurredAt(), e.getActor(), e.getFromParty(),
          e.getToParty(), e.getPurpose(), e.getLocation(), e.getCountry(), e.getReportedSha256(), e.getHashMatches(), e.getDetail(),
          e.getEntryHash(), e.getPreviousHash());
    }
  }

  /** An item with its full chain. */
  public record ItemWithChain(Item item, List<Entry> chain) {}

  /** The result of a verification, as the API answers it. */
  public record Verification(String reference, String status, Instant checkedAt, int items, int entries, List<CustodyVerification.Break> breaks) {
    public static Verification of(CustodyVerification v) {
      return new Verification(v.reference(), v.ok() ? "OK" : "BROKEN", v.checkedAt(), v.items(), v.entries(), v.breaks());
    }
  }

  /** Every item of an operation with its full chain, and the verification run with it: for the court file. */
  public record Report(String reference, String title, String tlp, Instant generatedAt, List<ItemWithChain> items, Verification verification) {}
}
