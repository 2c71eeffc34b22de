package org.takedown.briefing;

import com.deepoove.poi.XWPFTemplate;
import com.deepoove.poi.config.Configure;
import com.deepoove.poi.config.ConfigureBuilder;
import com.deepoove.poi.data.Texts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.takedown.system.Language;
import org.takedown.system.Tlp;

/**
 * Fills the Word templates of templates/word/ with poi-tl, which copes with what Word does to a
 * template (placeholders split over runs, formatting kept). Tags: {{name}} text, {{?name}}…{{/name}}
 * conditional sections, and repeated table rows: {{rows}} in the header row, [field] in the row below, written by
 * {@link RepeatedRows} (poi-tl's own policy costs 0.5 ms a row and the rows' whole XML tree in the heap).
 */
@Component
public class WordDocuments {

  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  /** Tables whose second row repeats for every element of the list of that name. */
  static final List<String> TABLES = List.of("indicators", "countries", "timeline", "informationRequests", "items", "evidence", "register",
      "breaks", "chain", "resultCountries", "resultVendors", "resultTypes", "resultStatuses",
      "vendors", "types", "highlights");

  private final ResourceLoader resources;
  private final String location;
  private final Map<String, TagNames> tagNames = new ConcurrentHashMap<>();

  WordDocuments(ResourceLoader resources, @Value("${takedown.documents.templates:file:templates/word/}") String location) {
    this.resources = resources;
    this.location = location.endsWith("/") ? location : location + "/";
  }

  /** The filled document. The model's "tlpLabel" is written in its TLP 2.0 colour. */
  public byte[] render(String template, Tlp tlp, Map<String, Object> model) {
    return render(template, Language.ENGLISH, tlp, model);
  }

  /**
   * The filled document in a unit's language: {@code <template>.<language>.docx} where an operator has one, else the
   * English {@code <template>.docx}. The TLP label is never translated; its sharing rule is the model's "tlpRule" when
   * given (in the reader's language), else the English one.
   */
  public byte[] render(String template, Language language, Tlp tlp, Map<String, Object> model) {
    Map<String, Object> data = new HashMap<>(model);
    data.put("tlpLabel", Texts.of(tlp.label()).bold().color(colour(tlp)).create());
    data.putIfAbsent("tlpRule", tlp.sharingRule());
    Resource resource = template(template, language);
    try (InputStream in = resource.getInputStream()) {
      return fill(in, data, new RepeatedRows());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot fill the Word template " + resource.getDescription() + ": " + e.getMessage(), e);
    }
  }

  /** The template in that language where there is one, else the English one. */
  Resource template(String template, Language language) {
    if (!language.equals(Language.ENGLISH)) {
      Resource translated = resources.getResource(location + template + "." + language.code() + ".docx");
      if (translated.exists()) {
        return translated;
      }
    }
    return resources.getResource(location + template + ".docx");
  }

  /** Whether an operator gave the template in that language (English always is). */
  public boolean hasTranslation(String template, Language language) {
    return language.equals(Language.ENGLISH) || resources.getResource(location + template + "." + language.code() + ".docx").exists();
  }

  /** The template filled with poi-tl, its tables' rows written by rows (one instance per document). */
  static byte[] fill(InputStream template, Map<String, Object> data, RepeatedRows rows) throws IOException {
    ConfigureBuilder configure = Configure.builder();
    TABLES.forEach(table -> configure.bind(table, rows));
    try (XWPFTemplate document = XWPFTemplate.compile(template, configure.build()).render(data);
         ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.write(out);
      if (!rows.pending()) {
        return out.toByteArray();
      }
      ByteArrayOutputStream filled = new ByteArrayOutputStream(out.size() * 4);
      rows.write(out.toByteArray(), filled);
      return filled.toByteArray();
    }
  }

  /**
   * Whether the template has a tag of this name anywhere (body, headers, footers), so that a model
   * can leave out what costs to build and no document prints. Read once per version of the file.
   */
  public boolean uses(String template, String tag) {
    Resource resource = resources.getResource(location + template + ".docx");
    long modified;
    try {
      modified = resource.lastModified();
    } catch (IOException e) {
      modified = 0;
    }
    TagNames known = tagNames.get(template);
    if (known == null || known.modified() != modified) {
      known = new TagNames(modified, tagNames(resource));
      tagNames.put(template, known);
    }
    return known.names().contains(tag);
  }

  private record TagNames(long modified, Set<String> names) {
  }

  /** Tag names in the text of every part, with Word's runs joined: {{name}}, {{?name}}, {{/name}}, {{#name}} … */
  private static Set<String> tagNames(Resource resource) {
    Set<String> names = new HashSet<>();
    try (ZipInputStream zip = new ZipInputStream(resource.getInputStream())) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (entry.getName().startsWith("word/") && entry.getName().endsWith(".xml")) {
          String text = XML_TAG.matcher(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).replaceAll("");
          TEMPLATE_TAG.matcher(text).results().forEach(m -> names.add(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the Word template " + resource.getDescription() + ": " + e.getMessage(), e);
    }
    return names;
  }

  private static final Pattern XML_TAG = Pattern.compile("<[^>]*>");
  private static final Pattern TEMPLATE_TAG = Pattern.compile("\\{\\{\\s*[?^#/>*@]?\\s*([A-Za-z_][\\w]*)");

  /** TLP 2.0 colours, meant for a black background. */
  public static String colour(Tlp tlp) {
    return switch (tlp) {
      case RED -> "FF2B2B";
      case AMBER, AMBER_STRICT -> "FFC000";
      case GREEN -> "33FF00";
      case CLEAR -> "FFFFFF";
    };
  }
}
