package org.takedown.system;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.support.AbstractMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The texts partners read, from the message bundles an operator edits in templates/i18n/: {@code <bundle>.properties}
 * in English and {@code <bundle>_<language>.properties} beside it (UTF-8). A text missing in a language falls back to
 * English and is logged once; a language without files is English throughout. The files are read again when one
 * changes, so a corrected translation takes effect without a restart.
 *
 * <p>Arguments are {@code {0}}, {@code {1}} …; an apostrophe is always an apostrophe (no MessageFormat quoting to get
 * wrong in French).
 */
@Component("messageSource")
public class PartnerMessages extends AbstractMessageSource {

  private static final Logger log = LoggerFactory.getLogger(PartnerMessages.class);
  private static final Pattern FILE = Pattern.compile("([a-z][a-z0-9-]*)(?:_([a-z]{2,3}))?\\.properties");
  private static final long RECHECK_MILLIS = 2_000;

  private final String location;
  private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();
  private volatile Texts texts;
  private volatile long checkedAt;

  public PartnerMessages(@Value("${takedown.languages.texts:file:templates/i18n/}") String location) {
    this.location = location.endsWith("/") ? location : location + "/";
    setUseCodeAsDefaultMessage(false);
    this.texts = load();
  }

  /** The text of a key in a language, its arguments filled in; English where the language lacks it. */
  public String text(Language language, String key, Object... args) {
    return getMessage(key, args, language.locale());
  }

  /**
   * One of two texts by count, {@code key.one} for one and {@code key.other} otherwise, with the count, written in the
   * language, as {0} and the further arguments after it.
   */
  public String count(Language language, String key, long n, Object... more) {
    Object[] args = new Object[more.length + 1];
    args[0] = language.number(n);
    System.arraycopy(more, 0, args, 1, more.length);
    return text(language, key + (n == 1 ? ".one" : ".other"), args);
  }

  /** A file size as the language writes it: "1.2 MB (1,234,567 bytes)", "1,2 Mo (1 234 567 octets)". */
  public String size(Language language, long bytes) {
    if (language.equals(Language.ENGLISH)) {
      return Sizes.exact(bytes);
    }
    String exact = count(language, "size.bytes", bytes);
    if (bytes < 1000) {
      return exact;
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    Locale digits = Locale.forLanguageTag(language.code() + "-u-nu-latn");
    String readable = String.format(digits, value < 10 ? "%.1f %s" : "%.0f %s", value, text(language, "size." + units[unit]));
    return text(language, "size.exact", readable, exact);
  }

  /** Whether the language's own files hold the key (no fallback). */
  public boolean has(Language language, String key) {
    return current().byLanguage.getOrDefault(language.code(), Map.of()).containsKey(key);
  }

  /** Every key of the English texts: the keys every language should hold. */
  public Set<String> keys() {
    return new TreeSet<>(current().byLanguage.getOrDefault("en", Map.of()).keySet());
  }

  /** Every key a language's own files hold. */
  public Set<String> keys(Language language) {
    return new TreeSet<>(current().byLanguage.getOrDefault(language.code(), Map.of()).keySet());
  }

  /** The languages that have files of their own, English included. */
  public Set<String> languages() {
    return new TreeSet<>(current().byLanguage.keySet());
  }

  @Override
  protected MessageFormat resolveCode(String code, Locale locale) {
    String text = resolveCodeWithoutArguments(code, locale);
    // Quotes doubled: MessageFormat would otherwise swallow the apostrophes of "l'unité".
    return text == null ? null : new MessageFormat(text.replace("'", "''"), locale);
  }

  @Override
  protected String resolveCodeWithoutArguments(String code, Locale locale) {
    Texts all = current();
    String language = locale == null || locale.getLanguage().isEmpty() ? "en" : locale.getLanguage();
    String text = all.byLanguage.getOrDefault(language, Map.of()).get(code);
    if (text != null) {
      return text;
    }
    String english = all.byLanguage.getOrDefault("en", Map.of()).get(code);
    if (!language.equals("en") && reportedMissing.add(language + "|" + code)) {
      log.warn("No {} text for '{}' in {}: {}", language, code, location, english == null ? "no English text either" : "English is used");
    }
    return english;
  }

  private Texts current() {
    long now = System.currentTimeMillis();
    if (now - checkedAt > RECHECK_MILLIS) {
      checkedAt = now;
      Texts loaded = texts;
      if (!loaded.stamp.equals(stamp(resources()))) {
        texts = load();
        reportedMissing.clear();
      }
    }
    return texts;
  }

  private Texts load() {
    Resource[] files = resources();
    Map<String, Map<String, String>> byLanguage = new HashMap<>();
    for (Resource file : files) {
      Matcher name = FILE.matcher(file.getFilename() == null ? "" : file.getFilename());
      if (!name.matches()) {
        continue;
      }
      String language = name.group(2) == null ? "en" : name.group(2);
      Properties properties = new Properties();
      try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read the texts " + file.getDescription() + ": " + e.getMessage(), e);
      }
      Map<String, String> texts = byLanguage.computeIfAbsent(language, l -> new HashMap<>());
      properties.forEach((key, value) -> {
        String previous = texts.put((String) key, ((String) value).strip());
        if (previous != null) {
          log.warn("The text '{}' ({}) is given twice in {}: the one in {} is used", key, language, location, file.getFilename());
        }
      });
    }
    log.info("Partner texts {}: {}", location, byLanguage.keySet().stream().sorted()
        .map(l -> l + " " + byLanguage.get(l).size()).reduce((a, b) -> a + ", " + b).orElse("none"));
    Map<String, Map<String, String>> frozen = new HashMap<>();
    byLanguage.forEach((language, texts) -> frozen.put(language, Map.copyOf(texts)));
    return new Texts(stamp(files), Map.copyOf(frozen));
  }

  private Resource[] resources() {
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources(location + "*.properties");
      java.util.Arrays.sort(files, java.util.Comparator.comparing(f -> String.valueOf(f.getFilename())));
      return files;
    } catch (IOException e) {
      return new Resource[0];
    }
  }

  private static String stamp(Resource[] files) {
    StringBuilder stamp = new StringBuilder();
    for (Resource file : files) {
      long modified;
      try {
        modified = file.lastModified();
      } catch (IOException e) {
        modified = 0;
      }
      stamp.append(file.getFilename()).append('@').append(modified).append(';');
    }
    return stamp.toString();
  }

  private record Texts(String stamp, Map<String, Map<String, String>> byLanguage) {}
}
