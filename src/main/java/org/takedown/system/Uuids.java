package org.takedown.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** RFC 4122 name-based UUIDs (version 5, SHA-1): the same name always gives the same id, as STIX and TAXII ids need. */
public final class Uuids {

  private Uuids() {}

  public static UUID v5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] ns = new byte[16];
      for (int i = 0; i < 8; i++) {
        ns[i] = (byte) (namespace.getMostSignificantBits() >>> 8 * (7 - i));
        ns[8 + i] = (byte) (namespace.getLeastSignificantBits() >>> 8 * (7 - i));
      }
      sha1.update(ns);
      byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      h[6] = (byte) (h[6] & 0x0f | 0x50);
      h[8] = (byte) (h[8] & 0x3f | 0x80);
      long hi = 0;
      long lo = 0;
      for (int i = 0; i < 8; i++) {
        hi = hi << 8 | h[i] & 0xff;
        lo = lo << 8 | h[8 + i] & 0xff;
      }
      return new UUID(hi, lo);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }
}
