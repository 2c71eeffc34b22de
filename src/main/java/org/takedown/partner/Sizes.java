package org.takedown.partner;

import java.util.Locale;

/** File sizes for people: "1.5 GB (1,610,612,736 bytes)". */
final class Sizes {

  private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

  private Sizes() {}

  static String readable(long bytes) {
    if (bytes < 1024) {
      return bytes == 1 ? "1 byte" : bytes + " bytes";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ENGLISH, "%.1f %s (%,d bytes)", value, UNITS[unit], bytes);
  }
}
