package org.takedown.dossier.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.takedown.system.InvalidInputException;
import org.takedown.system.InvalidInputException.FieldProblem;

/** The days the statistics cover, both included, in UTC: by default the last 90 days up to today. */
public record Period(LocalDate from, LocalDate to) {

  static final int DEFAULT_DAYS = 90;
  static final int MAX_YEARS = 5;

  /** From the form or the query: empty fields take the default; anything else must be a valid, ordered period of at most 5 years. */
  static Period parse(String fromText, String toText, Clock clock) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate to = date("to", toText, today, problems);
    LocalDate from = date("from", fromText, to == null ? null : to.minusDays(DEFAULT_DAYS), problems);
    if (problems.isEmpty()) {
      if (from.isAfter(to)) {
        problems.add(new FieldProblem("from", "is " + from + ", after to (" + to + "): choose a start on or before the end"));
      } else if (from.plusYears(MAX_YEARS).isBefore(to)) {
        problems.add(new FieldProblem("to", "is more than " + MAX_YEARS + " years after from: choose a period of at most " + MAX_YEARS + " years"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Period(from, to);
  }

  private static LocalDate date(String field, String text, LocalDate fallback, List<FieldProblem> problems) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      String shown = text.length() > 20 ? text.substring(0, 20) + "…" : text;
      problems.add(new FieldProblem(field, "'" + shown.replaceAll("\\p{Cntrl}", " ") + "' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-01"));
      return null;
    }
  }

  /** The first instant of the period. */
  public Instant start() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The first instant after the period. */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }
}
