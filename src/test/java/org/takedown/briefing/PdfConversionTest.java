package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.takedown.system.Tlp;

/**
 * Every produced document opens in LibreOffice: converted to PDF headlessly, with the reference in
 * its text. Skipped where soffice is not installed; .ci/run installs LibreOffice so that CI runs it.
 */
class PdfConversionTest {

  @TempDir Path dir;

  static String soffice() {
    return onPath("soffice");
  }

  /** The program's path where it is on the PATH, else null. */
  static String onPath(String program) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(folder, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  @Test
  void everyDocumentConvertsToPdfWithItsReference() throws Exception {
    String soffice = soffice();
    Assumptions.assumeTrue(soffice != null,
        "soffice is not on the PATH (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui): PDF conversion test skipped");

    WordDocuments word = new WordDocuments(new DefaultResourceLoader(), "file:templates/word/");
    List<Path> files = new ArrayList<>();
    for (DocumentKind kind : DocumentKind.values()) {
      // The tracker follows below; the results list is written by result.ResultWorkbook, not from a Word template.
      if (kind == DocumentKind.TRACKER || kind == DocumentKind.RESULTS_LIST) {
        continue;
      }
      Map<String, Object> model = WordDocumentsTest.model(3);
      model.put("items", List.of(Map.of("number", "1", "description", "disk image")));
      model.put("informationRequests", List.of());
      Path file = dir.resolve(kind.template() + ".docx");
      Files.write(file, word.render(kind.template(), Tlp.AMBER, model));
      files.add(file);
    }
    Path tracker = dir.resolve("operation-tracker.xlsx");
    try (var out = Files.newOutputStream(tracker)) {
      new ExcelTracker(new DefaultResourceLoader(), "file:templates/excel/operation-tracker.xlsx").write(new ExcelTracker.Contents(
          "OP-2026-0042", Tlp.AMBER, "2026-11-28 10:00 UTC", List.<String[]>of(new String[] {"Reference", "OP-2026-0042"}),
          ExcelTracker.Rows.of(List.<String[]>of(new String[] {"ipv4-addr", "198.51.100.1", "198.51.100.1", "2026-11-28"})),
          ExcelTracker.Rows.of(List.of()), ExcelTracker.Rows.of(List.of()), ExcelTracker.Rows.of(List.of())), out);
    }
    files.add(tracker);

    List<String> command = new ArrayList<>(List.of(soffice, "-env:UserInstallation=" + dir.resolve("profile").toUri(),
        "--headless", "--convert-to", "pdf", "--outdir", dir.resolve("pdf").toString()));
    files.forEach(f -> command.add(f.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("soffice finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("soffice.log"))).isZero();

    for (Path file : files) {
      String name = file.getFileName().toString();
      Path pdf = dir.resolve("pdf").resolve(name.substring(0, name.lastIndexOf('.')) + ".pdf");
      assertThat(pdf).as(name).exists();
      assertThat(text(pdf)).as(name).contains("OP-2026-0042");
    }
  }

  private static String text(Path pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(document);
    }
  }
}
