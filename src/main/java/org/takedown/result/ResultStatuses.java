package org.takedown.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * What a unit may report of an indicator (takedown.results.statuses, config/application.yml): each status a code, the
 * words a person reads and whether it counts as taken down. Every indicator starts as {@link #REQUESTED}, which no one
 * reports; the others are final. Checked at start-up, so a typo fails the boot, not a unit's report.
 */
@Component
@ConfigurationProperties("takedown.results")
public class ResultStatuses {

  /** The status of an indicator no one has reported on yet: its unit has been asked. */
  public static final String REQUESTED = "REQUESTED";

  /** One status: {@code TAKEN_DOWN}, "taken down", positive. */
  public record Status(String code, String label, boolean positive) {}

  private final Map<String, Status> statuses = new LinkedHashMap<>();

  public ResultStatuses() {
    setStatuses(List.of(
        status("TAKEN_DOWN", "taken down", true),
        status("SEIZED", "seized", true),
        status("SINKHOLED", "sinkholed", true),
        status("SUSPENDED", "suspended (domain)", true),
        status("BLOCKED", "blocked", true),
        status("NOT_FOUND", "not found", false),
        status("NO_LEGAL_BASIS", "no legal basis", false),
        status("NOT_ACTIONABLE", "not actionable", false),
        status("STILL_ACTIVE", "still active", false)));
  }

  private static Entry status(String code, String label, boolean positive) {
    Entry entry = new Entry();
    entry.setCode(code);
    entry.setLabel(label);
    entry.setPositive(positive);
    return entry;
  }

  /** One configured status as bound from YAML. */
  public static class Entry {
    private String code;
    private String label;
    private boolean positive;

    public String getCode() {
      return code;
    }

    public void setCode(String code) {
      this.code = code;
    }

    public String getLabel() {
      return label;
    }

    public void setLabel(String label) {
      this.label = label;
    }

    public boolean isPositive() {
      return positive;
    }

    public void setPositive(boolean positive) {
      this.positive = positive;
    }
  }

  public List<Entry> getStatuses() {
    return statuses.values().stream().map(s -> status(s.code(), s.label(), s.positive())).toList();
  }

  public void setStatuses(List<Entry> entries) {
    Map<String, Status> read = new LinkedHashMap<>();
    for (Entry entry : entries) {
      String code = entry.getCode() == null ? "" : entry.getCode().trim();
      if (!code.matches("[A-Z][A-Z0-9_]{0,31}") || REQUESTED.equals(code)) {
        throw new IllegalArgumentException("takedown.results.statuses: a code is 1 to 32 capital letters, digits or _ and not "
            + REQUESTED + ", not '" + entry.getCode() + "'");
      }
      String label = entry.getLabel() == null ? "" : entry.getLabel().trim();
      if (label.isEmpty() || label.length() > 60) {
        throw new IllegalArgumentException("takedown.results.statuses: " + code + " needs a label of 1 to 60 characters");
      }
      if (read.put(code, new Status(code, label, entry.isPositive())) != null) {
        throw new IllegalArgumentException("takedown.results.statuses: " + code + " is listed twice");
      }
    }
    if (read.values().stream().noneMatch(Status::positive)) {
      throw new IllegalArgumentException("takedown.results.statuses: at least one status must be positive (counted as taken down)");
    }
    statuses.clear();
    statuses.putAll(read);
  }

  /** The statuses a unit may report, in the configured order. */
  public List<Status> reportable() {
    return new ArrayList<>(statuses.values());
  }

  /** A status by its code or its label, in any case ("taken down", "TAKEN_DOWN", "Taken Down"). */
  public Optional<Status> find(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    String code = t.toUpperCase(Locale.ROOT).replace(' ', '_');
    Status byCode = statuses.get(code);
    if (byCode != null) {
      return Optional.of(byCode);
    }
    return statuses.values().stream().filter(s -> s.label().equalsIgnoreCase(t)).findFirst();
  }

  /** The words for a code, "requested" for the initial status, the code itself for one no longer configured. */
  public String label(String code) {
    if (code == null || REQUESTED.equals(code)) {
      return "requested";
    }
    Status status = statuses.get(code);
    return status == null ? code.toLowerCase(Locale.ROOT).replace('_', ' ') : status.label();
  }

  /**
   * The words for a code in a unit's language: {@code result.status.<CODE>} of templates/i18n/ (common_*.properties),
   * else the configured English words. In English the configuration is what is read.
   */
  public String label(String code, Language language, PartnerMessages messages) {
    String key = "result.status." + (code == null ? REQUESTED : code);
    return !language.equals(Language.ENGLISH) && messages.has(language, key) ? messages.text(language, key) : label(code);
  }

  /** "taken down, seized, …": the choices in words, for a message that lists them. */
  public String choices() {
    return String.join(", ", statuses.values().stream().map(Status::label).toList());
  }
}
