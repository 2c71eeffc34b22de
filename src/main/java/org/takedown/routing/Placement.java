package org.takedown.routing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where an address or block is, and who says so.
 *
 * @param countries ISO 3166-1 alpha-2 codes as the table writes them, sorted; empty when the table
 *     places it nowhere (a reserved address, or one the table does not list). A block names every
 *     country it spans; so does an address the table lists twice with the same precision.
 * @param source what placed it: "IP table"
 * @param date the date of the table's data, or null when unknown
 * @param note why some or all of it has no country ("private-use address space (RFC 1918)",
 *     "not in the IP table"), or null when every part of it has one
 */
public record Placement(Set<String> countries, String source, LocalDate date, String note) {

  public Placement {
    SortedSet<String> sorted = new TreeSet<>(countries);
    countries = Collections.unmodifiableSortedSet(sorted);
  }

  /** For display: "IP table 2026-06". */
  public String label() {
    return date == null ? source : source + " " + YearMonth.from(date);
  }

  public boolean placed() {
    return !countries.isEmpty();
  }
}
