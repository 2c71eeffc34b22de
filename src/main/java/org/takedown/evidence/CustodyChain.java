package org.takedown.evidence;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.takedown.system.Hashes;

/**
 * The canonical serialisation of a custody entry and its hash (docs/custody.md). Each entry's hash covers the
 * previous entry's hash, the item's registered facts and all of the entry's own fields, so changing, removing or
 * inserting any entry, or changing the item's facts, breaks the chain from that entry on.
 */
public final class CustodyChain {

  static final String VERSION = "takedown-custody/1";

  private CustodyChain() {}

  public static String hash(EvidenceItem item, CustodyEvent entry) {
    return Hashes.sha256(canonical(item, entry));
  }

  /** One "name=value" line per field in a fixed order, UTF-8, LF-terminated; absent values are empty. */
  public static String canonical(EvidenceItem item, CustodyEvent entry) {
    StringBuilder text = new StringBuilder(VERSION).append('\n');
    line(text, "operation", item.getOperationReference());
    line(text, "item", Integer.toString(item.getNumber()));
    line(text, "itemSha256", item.getSha256());
    line(text, "itemSize", Long.toString(item.getSizeBytes()));
    line(text, "itemStored", Boolean.toString(item.isStored()));
    line(text, "itemLocation", item.getExternalLocation());
    line(text, "itemName", item.getOriginalName());
    line(text, "itemDescription", item.getDescription());
    line(text, "itemType", item.getType().name());
    line(text, "itemTlp", item.getTlp().label());
    line(text, "itemCollectedBy", item.getCollectedBy());
    line(text, "itemCollectedAt", instant(item.getCollectedAt()));
    line(text, "itemSource", item.getSource());
    line(text, "itemRegisteredBy", item.getRegisteredBy());
    line(text, "itemRegisteredAt", instant(item.getRegisteredAt()));
    line(text, "seq", Integer.toString(entry.getSeq()));
    line(text, "type", entry.getType().name());
    line(text, "at", instant(entry.getOccurredAt()));
    line(text, "actor", entry.getActor());
    line(text, "from", entry.getFromParty());
    line(text, "to", entry.getToParty());
    line(text, "purpose", entry.getPurpose());
    line(text, "location", entry.getLocation());
    line(text, "country", entry.getCountry());
    line(text, "reportedSha256", entry.getReportedSha256());
    line(text, "hashMatches", entry.getHashMatches() == null ? null : entry.getHashMatches().toString());
    line(text, "detail", entry.getDetail());
    line(text, "previous", entry.getPreviousHash());
    return text.toString();
  }

  /** Instants are hashed to the millisecond, the precision every supported database keeps. */
  static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  private static String instant(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(truncate(instant));
  }

  /** Backslash, LF and CR are escaped so that no value can forge another line. */
  private static void line(StringBuilder text, String name, String value) {
    text.append(name).append('=');
    if (value != null) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '\\' -> text.append("\\\\");
          case '\n' -> text.append("\\n");
          case '\r' -> text.append("\\r");
          default -> text.append(c);
        }
      }
    }
    text.append('\n');
  }
}
