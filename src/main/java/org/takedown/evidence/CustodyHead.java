package org.takedown.evidence;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A signed chain head, as published: one line of the head log, tab-separated, in this order: operation, item, length,
 * head hash, time (the head entry's), signature (Base64), key id, and "adopted" for a head that was signed when the
 * chain already existed (the entries up to it were written before heads were signed).
 */
public record CustodyHead(String operation, String item, int length, String head, Instant at, String signature, String keyId,
    boolean adopted) {

  static final String VERSION = "takedown-custody-head/1";

  /** What the custody key signs: the chain of that item, up to that length, ends in that hash at that time. */
  public static String message(String operation, String item, int length, String head, Instant at) {
    return VERSION + "\noperation=" + operation + "\nitem=" + item + "\nlength=" + length + "\nhead=" + head
        + "\nat=" + DateTimeFormatter.ISO_INSTANT.format(CustodyChain.truncate(at)) + "\n";
  }

  String message() {
    return message(operation, item, length, head, at);
  }

  String line() {
    return String.join("\t", operation, item, Integer.toString(length), head, DateTimeFormatter.ISO_INSTANT.format(CustodyChain.truncate(at)),
        signature, keyId) + (adopted ? "\tadopted" : "") + "\n";
  }

  /** Null for a line that is not a head (cut off by a crash mid-write, or not ours). */
  static CustodyHead parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length < 7 || f.length > 8) {
      return null;
    }
    try {
      return new CustodyHead(f[0], f[1], Integer.parseInt(f[2]), f[3], Instant.parse(f[4]), f[5], f[6],
          f.length == 8 && f[7].equals("adopted"));
    } catch (RuntimeException malformed) {
      return null;
    }
  }
}
