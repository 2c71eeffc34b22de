package org.takedown.result;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.system.ConflictException;
import org.takedown.system.CountryCodes;
import org.takedown.system.Hashes;
import org.takedown.system.InvalidInputException;

/**
 * A unit's results list uploaded back: read ({@link ResultWorkbook}), shown line by line ({@link IndicatorResults#check}),
 * and recorded only when confirmed. Between the two the file waits in result_upload, so what is recorded is what was
 * shown, from the very bytes whose SHA-256 the report keeps; recording deletes it in the same transaction.
 */
@Service
public class ResultUploads {

  /** An upload left unconfirmed this long is deleted at the next upload. */
  static final Duration KEPT = Duration.ofDays(1);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_PARTS = 5;

  private final NamedParameterJdbcTemplate jdbc;
  private final ResultWorkbook workbook;
  private final IndicatorResults results;
  private final OperationService operations;
  private final Clock clock;

  ResultUploads(NamedParameterJdbcTemplate jdbc, ResultWorkbook workbook, IndicatorResults results, OperationService operations,
      Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.workbook = workbook;
    this.results = results;
    this.operations = operations;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** A file as it arrived: its name (no folders) and its bytes. */
  public record Upload(String fileName, byte[] content) {

    public String sha256() {
      return Hashes.sha256(content);
    }
  }

  /**
   * What a results list says, line by line, before anything is recorded: the lines read with their problems, and the
   * totals in words ("9,812 results read: 9,624 to record, 188 unchanged; 2 rows refused: row 7: …").
   */
  public record Preview(String id, String reference, String country, String countryName, String fileName, String sha256,
      List<IndicatorResults.Read> lines, long read, long changes, long unchanged, int unanswered, List<String> problems, String summary) {

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** The file of a multipart/form-data request's part "file", at most the list's size limit; other fields are left aside. */
  public Upload receive(HttpServletRequest request) {
    long limit = workbook.maxBytes();
    if (!JakartaServletFileUpload.isMultipartContent(request)) {
      throw new InvalidInputException("body", "must be multipart/form-data with the results list in a part named 'file'");
    }
    if (request.getContentLengthLong() > limit + 64 * 1024) {
      throw tooLarge(limit);
    }
    try {
      JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
      upload.setHeaderCharset(StandardCharsets.UTF_8);
      upload.setSizeMax(limit + 64 * 1024);
      FileItemInputIterator parts = upload.getItemIterator(request);
      Upload file = null;
      int count = 0;
      while (parts.hasNext()) {
        FileItemInput part = parts.next();
        if (++count > MAX_PARTS) {
          throw new InvalidInputException("body", "has more than " + MAX_PARTS + " parts: send the results list alone, in a part named 'file'");
        }
        if (!"file".equals(part.getFieldName()) || part.isFormField()) {
          try (InputStream in = part.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
          }
          continue;
        }
        if (file != null) {
          throw new InvalidInputException("file", "send one results list per upload");
        }
        byte[] content;
        try (InputStream in = part.getInputStream()) {
          content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (content.length > limit) {
          throw tooLarge(limit);
        }
        file = new Upload(fileName(part.getName()), content);
      }
      if (file == null || (file.content().length == 0 && file.fileName().isEmpty())) {
        throw new InvalidInputException("file", "is required: choose the results list (.xlsx) you filled in");
      }
      return file;
    } catch (FileUploadSizeException e) {
      throw tooLarge(limit);
    } catch (FileUploadException e) {
      throw new InvalidInputException("body", "is not readable multipart/form-data: " + e.getMessage());
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidInputException("file", "has a file name that cannot be read; rename the file and upload it again");
    } catch (IOException e) {
      throw new InvalidInputException("file", "did not arrive whole: upload it again");
    }
  }

  private static InvalidInputException tooLarge(long limit) {
    return ResultWorkbook.refused("is larger than " + (limit / (1024 * 1024)) + " MB, the most a results list may be");
  }

  /** The name without folders or control characters, at most 255 characters; "results.xlsx" when none was given. */
  static String fileName(String given) {
    String name = given == null ? "" : given;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]", "").strip();
    if (name.length() > 255) {
      name = name.substring(0, 255);
    }
    return name.isEmpty() ? "results.xlsx" : name;
  }

  /** Reads a list for the country without keeping it; a file that is not its list is refused (400) saying why. */
  @Transactional(readOnly = true)
  public Preview read(String reference, String country, Upload upload) {
    return preview(null, reference, country, upload.fileName(), upload.sha256(), upload.content());
  }

  /**
   * Reads a list and keeps it for its preview and confirmation, returning its id; a file that is not the country's list
   * is refused (400) and not kept. The lines are checked when shown ({@link #pending}), as the statuses then stand.
   */
  @Transactional
  public String hold(String reference, String country, String uploadedBy, Upload upload) {
    parse(reference, country, upload.content());
    Instant now = clock.instant();
    jdbc.update("delete from result_upload where uploaded_at < :before", Map.of("before", Timestamp.from(now.minus(KEPT))));
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String id = HexFormat.of().formatHex(random);
    Operation operation = operations.get(reference);
    jdbc.update("insert into result_upload (id, operation_id, country, uploaded_by, uploaded_at, file_name, file_sha256, size_bytes, content)"
        + " values (:id, :operation, :country, :by, :at, :name, :sha, :size, :content)", new MapSqlParameterSource().addValue("id", id)
        .addValue("operation", operation.getId()).addValue("country", country).addValue("by", uploadedBy).addValue("at", Timestamp.from(now))
        .addValue("name", upload.fileName()).addValue("sha", upload.sha256()).addValue("size", upload.content().length)
        .addValue("content", upload.content()));
    return id;
  }

  private static Preview withId(Preview p, String id) {
    return new Preview(id, p.reference(), p.country(), p.countryName(), p.fileName(), p.sha256(), p.lines(), p.read(), p.changes(),
        p.unchanged(), p.unanswered(), p.problems(), p.summary());
  }

  /** A kept upload, read again as it is now (another report may have changed the statuses meanwhile). */
  @Transactional(readOnly = true)
  public Preview pending(String id, String reference, String country) {
    Held held = held(id, reference, country);
    return withId(preview(id, reference, country, held.fileName(), held.sha256(), held.content()), id);
  }

  /** Records a kept upload whole (channel SPREADSHEET, its file name and SHA-256), or refuses it whole and keeps it. */
  @Transactional
  public IndicatorResults.Recorded confirm(String id, String reference, String country, String reportedBy, boolean forUnit) {
    Held held = held(id, reference, country);
    ResultWorkbook.Parsed parsed = parse(reference, country, held.content());
    IndicatorResults.Recorded recorded = results.record(reference, country,
        new IndicatorResults.Reporter(reportedBy, forUnit, IndicatorResults.Channel.SPREADSHEET, held.fileName(), held.sha256()), parsed.lines(),
        null);
    if (jdbc.update("delete from result_upload where id = :id", Map.of("id", id)) != 1) {
      // A second press of Confirm got here at the same moment: one report, not two.
      throw new ConflictException("This results list has just been recorded; nothing more was changed.");
    }
    return recorded;
  }

  /** Records a list at once, as the API does without a preview. */
  @Transactional
  public IndicatorResults.Recorded record(String reference, String country, String reportedBy, boolean forUnit, Upload upload) {
    ResultWorkbook.Parsed parsed = parse(reference, country, upload.content());
    return results.record(reference, country,
        new IndicatorResults.Reporter(reportedBy, forUnit, IndicatorResults.Channel.SPREADSHEET, upload.fileName(), upload.sha256()),
        parsed.lines(), null);
  }

  private record Held(String fileName, String sha256, byte[] content) {}

  private Held held(String id, String reference, String country) {
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      throw new org.takedown.system.NotFoundException("This upload is not known: upload the results list again.");
    }
    List<Held> found = jdbc.query("select u.file_name, u.file_sha256, u.content from result_upload u join operation o on o.id = u.operation_id"
        + " where u.id = :id and o.reference = :reference and u.country = :country", Map.of("id", id, "reference", reference, "country", country),
        (rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getBytes(3)));
    if (found.isEmpty()) {
      throw new org.takedown.system.NotFoundException(
          "This upload is no longer waiting: it was recorded already, or left unconfirmed for a day. Upload the results list again.");
    }
    return found.get(0);
  }

  /**
   * The last lists read, by their SHA-256: the preview page and the confirmation read the same bytes as the upload
   * did, and reading 10,000 rows again costs more than checking them. A node without it reads the file again.
   */
  private final Map<String, ResultWorkbook.Parsed> lastRead = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ResultWorkbook.Parsed> eldest) {
          return size() > 8;
        }
      });

  private ResultWorkbook.Parsed parse(String reference, String country, byte[] content) {
    String sha256 = Hashes.sha256(content);
    ResultWorkbook.Parsed parsed = lastRead.get(sha256);
    if (parsed == null) {
      parsed = workbook.read(content);
      lastRead.put(sha256, parsed);
    }
    if (parsed.reference() != null && !parsed.reference().equalsIgnoreCase(reference)) {
      throw ResultWorkbook.refused("is the results list of " + parsed.reference() + ", not of " + reference + ": upload the list of "
          + reference);
    }
    if (parsed.country() != null && !parsed.country().equalsIgnoreCase(country)) {
      throw ResultWorkbook.refused("is the results list of " + CountryCodes.name(parsed.country().toUpperCase(Locale.ROOT)) + ", not of "
          + CountryCodes.name(country) + ": upload " + CountryCodes.name(country) + "'s list");
    }
    if (parsed.lines().isEmpty()) {
      throw ResultWorkbook.refused("gives no result: choose a result in column C (Result) for at least one indicator, save, and upload it again");
    }
    return parsed;
  }

  private Preview preview(String id, String reference, String country, String fileName, String sha256, byte[] content) {
    ResultWorkbook.Parsed parsed = parse(reference, country, content);
    IndicatorResults.Checked checked = results.check(reference, country, parsed.lines());
    long refused = checked.lines().stream().filter(l -> l.problem() != null).count();
    long read = checked.lines().size() - refused;
    long changes = checked.changes();
    long unchanged = read - changes;
    return new Preview(id, checked.reference(), country, CountryCodes.name(country), fileName, sha256, checked.lines(), read, changes, unchanged,
        parsed.unanswered(), checked.problems(), summary(read, changes, unchanged, parsed.unanswered(), refused, checked.problems()));
  }

  /** "9,812 results read: 9,624 to record, 188 unchanged; 2 rows refused: row 7: …; row 9: …" */
  static String summary(long read, long changes, long unchanged, int unanswered, long refusedRows, List<String> problems) {
    StringBuilder s = new StringBuilder(String.format(Locale.ENGLISH, "%,d %s read: %,d %s, %,d unchanged", read, read == 1 ? "result" : "results",
        changes, changes == 1 ? "change" : "changes", unchanged));
    if (unanswered > 0) {
      s.append(String.format(Locale.ENGLISH, "; %,d %s left without a result", unanswered, unanswered == 1 ? "indicator" : "indicators"));
    }
    List<String> rowProblems = new ArrayList<>(problems.stream().filter(p -> p.startsWith("row ")).toList());
    if (refusedRows > 0) {
      s.append(String.format(Locale.ENGLISH, "; %,d %s refused: ", refusedRows, refusedRows == 1 ? "row" : "rows"));
      s.append(String.join("; ", rowProblems.subList(0, Math.min(5, rowProblems.size()))));
      if (rowProblems.size() > 5) {
        s.append(String.format(Locale.ENGLISH, "; and %,d more", rowProblems.size() - 5));
      }
    }
    problems.stream().filter(p -> !p.startsWith("row ")).forEach(p -> s.append("; ").append(p));
    return s.append('.').toString();
  }
}
