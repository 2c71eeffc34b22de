package org.takedown.system;

import java.util.Locale;

/** File sizes as people read them, in powers of 1000 like file managers: "1.2 GB", and exactly for documents. */
public final class Sizes {

  private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

  private Sizes() {}

  /** "1.2 GB", "52 kB", "512 bytes". */
  public static String readable(long bytes) {
    if (bytes < 1000) {
      return bytes == 1 ? "1 byte" : bytes + " bytes";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ENGLISH, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
  }

  /** "1.2 GB (1,234,567,890 bytes)": the exact figure a court file or a receipt needs. */
  public static String exact(long bytes) {
    return bytes < 1000 ? readable(bytes) : readable(bytes) + String.format(Locale.ENGLISH, " (%,d bytes)", bytes);
  }

  /** A configured limit as it was most likely written, in powers of 1024 as Spring's DataSize reads them: "2 GB", "10 MB", "64 kB". */
  public static String limit(long bytes) {
    return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GB" : bytes % (1L << 20) == 0 ? (bytes >> 20) + " MB"
        : bytes % 1024 == 0 ? bytes / 1024 + " kB" : bytes + " bytes";
  }
}
