package org.takedown.briefing;

import com.deepoove.poi.XWPFTemplate;
import com.deepoove.poi.config.Configure;
import com.deepoove.poi.config.ConfigureBuilder;
import com.deepoove.poi.data.Texts;
import com.deepoove.poi.plugin.table.LoopRowTableRenderPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.takedown.system.Tlp;

/**
 * Fills the Word templates of templates/word/ with poi-tl, which copes with what Word does to a
 * template (placeholders split over runs, formatting kept). Tags: {{name}} text, {{?name}}…{{/name}}
 * conditional sections, and repeated table rows: {{rows}} in the header row, [field] in the row below.
 */
@Component
public class WordDocuments {

  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  /** Tables whose second row repeats for every element of the list of that name. */
  static final List<String> TABLES = List.of("indicators", "countries", "timeline", "informationRequests", "items", "evidence", "register",
      "breaks", "chain");

  private final ResourceLoader resources;
  private final String location;
  private final Configure configure;

  WordDocuments(ResourceLoader resources, @Value("${takedown.documents.templates:file:templates/word/}") String location) {
    this.resources = resources;
    this.location = location.endsWith("/") ? location : location + "/";
    ConfigureBuilder builder = Configure.builder();
    LoopRowTableRenderPolicy rows = new LoopRowTableRenderPolicy();
    TABLES.forEach(table -> builder.bind(table, rows));
    this.configure = builder.build();
  }

  /** The filled document. The model's "tlpLabel" is written in its TLP 2.0 colour. */
  public byte[] render(String template, Tlp tlp, Map<String, Object> model) {
    Map<String, Object> data = new HashMap<>(model);
    data.put("tlpLabel", Texts.of(tlp.label()).bold().color(colour(tlp)).create());
    data.put("tlpRule", tlp.sharingRule());
    Resource resource = resources.getResource(location + template + ".docx");
    try (InputStream in = resource.getInputStream();
         XWPFTemplate document = XWPFTemplate.compile(in, configure).render(data);
         ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot fill the Word template " + resource.getDescription() + ": " + e.getMessage(), e);
    }
  }

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
