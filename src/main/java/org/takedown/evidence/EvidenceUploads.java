package org.takedown.evidence;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.MultipartInput.MalformedStreamException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.takedown.system.InvalidInputException;
import org.takedown.system.InvalidInputException.FieldProblem;
import org.takedown.system.Text;
import org.takedown.system.Tlp;
import org.takedown.system.Utf8;

/**
 * Reads a multipart/form-data upload as a stream (commons-fileupload2's item iterator): the file part goes straight
 * into the store's incoming area, hashed on the way, and is registered once every field has arrived. Nothing of the
 * body is held in memory but a buffer and the short form fields; a refused, oversize or broken upload leaves neither
 * file nor row. Used by the API and by the operation page's upload form.
 */
@Component
public class EvidenceUploads {

  static final Set<String> FIELDS = Set.of("description", "type", "tlp", "collectedBy", "collectedAt", "source", "sha256");
  /** Sent by the operation page's form; Spring Security checked it before. */
  static final Set<String> IGNORED = Set.of("_csrf");
  static final int MAX_FIELD_BYTES = 8 * 1024;
  static final int MAX_PARTS = 20;
  /** Room for the form fields and part headers around the file, when judging a declared Content-Length. */
  static final long ENVELOPE = 1024 * 1024;

  private final EvidenceStore store;
  private final EvidenceRegister register;
  private volatile long maxUploadBytes;

  EvidenceUploads(EvidenceStore store, EvidenceRegister register,
      @Value("${takedown.evidence.max-upload-size:2GB}") DataSize maxUploadSize) {
    this.store = store;
    this.register = register;
    this.maxUploadBytes = maxUploadSize.toBytes();
  }

  public long maxUploadBytes() {
    return maxUploadBytes;
  }

  /** The largest file one upload may bring; settable at run time (tests lower it instead of sending gigabytes). */
  public void setMaxUploadBytes(long bytes) {
    this.maxUploadBytes = bytes;
  }

  /** The limit was passed: nothing was stored. */
  public static final class TooLarge extends RuntimeException {
    private final long limit;

    TooLarge(long limit) {
      super("The file is larger than the limit of " + DataSize.ofBytes(limit).toMegabytes() + " MB");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  /** The body ended before the upload did (the client went away, or a part was cut off): nothing was stored. */
  public static final class Incomplete extends RuntimeException {
    Incomplete(Throwable cause) {
      super("The upload ended before the whole body arrived", cause);
    }
  }

  /** Registers the upload of {@code request} in the operation's register, in the name of {@code actor}. */
  public EvidenceItem upload(HttpServletRequest request, String reference, String actor) {
    long limit = maxUploadBytes;
    if (request.getContentLengthLong() > limit + ENVELOPE) {
      throw new TooLarge(limit);
    }
    if (!JakartaServletFileUpload.isMultipartContent(request)) {
      throw new InvalidInputException("body", "must be multipart/form-data with the file in a part named 'file'");
    }
    Map<String, String> fields = new HashMap<>();
    List<FieldProblem> problems = new ArrayList<>();
    EvidenceStore.Staged staged = null;
    String originalName = null;
    try {
      JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
      upload.setHeaderCharset(StandardCharsets.UTF_8);
      // The whole body is bounded too, also when it is chunked (no Content-Length to judge beforehand).
      upload.setSizeMax(limit + ENVELOPE);
      FileItemInputIterator parts = upload.getItemIterator(request);
      int count = 0;
      while (parts.hasNext()) {
        FileItemInput part = parts.next();
        if (++count > MAX_PARTS) {
          throw new InvalidInputException("body", "has more than " + MAX_PARTS + " parts");
        }
        String name = part.getFieldName();
        if ("file".equals(name) && !part.isFormField()) {
          if (staged != null) {
            throw new InvalidInputException("file", "send one file per upload");
          }
          try {
            originalName = part.getName();
          } catch (java.nio.file.InvalidPathException e) {
            // commons-fileupload refuses a file name with a NUL in it as a path.
            throw new InvalidInputException("file", "has a file name with a NUL character in it; rename the file and upload it again");
          }
          if (originalName != null && originalName.indexOf('\uFFFD') >= 0) {
            // Part headers are decoded leniently: a malformed or overlong sequence arrives as U+FFFD. Refused, not replaced.
            throw new InvalidInputException("file", "has a file name that is not valid UTF-8; rename the file and upload it again");
          }
          try (InputStream in = part.getInputStream()) {
            staged = store.stage(in, limit);
          }
        } else if (FIELDS.contains(name) && part.isFormField()) {
          if (fields.put(name, field(part)) != null) {
            // Which of the two was meant? Neither is taken.
            throw new InvalidInputException(name, Text.GIVEN_TWICE);
          }
        } else if (!IGNORED.contains(name)) {
          throw new InvalidInputException(String.valueOf(name), "is not a field of an evidence upload; send description, type, tlp, "
              + "collectedBy, collectedAt, source, sha256 and the file");
        }
      }
      if (staged == null) {
        problems.add(new FieldProblem("file", "is required: the evidence file, in a part named 'file'"));
      }
      EvidenceFacts facts = facts(fields, problems);
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
      return register.upload(reference, facts, staged, fields.get("sha256"), originalName, actor, request.getRemoteAddr());
    } catch (EvidenceStore.TooLargeException e) {
      throw new TooLarge(limit);
    } catch (FileUploadSizeException e) {
      if (String.valueOf(e.getMessage()).startsWith("Header section")) {
        // A part's headers passed their limit (MultipartInput.DEFAULT_PART_HEADER_SIZE_MAX), not the body its: a very long file name.
        throw new InvalidInputException("file", "has a name too long to read: a part's headers, which hold the file name, may be at most "
            + e.getPermitted() + " bytes; rename the file (a name of at most " + FileNames.MAX + " characters is kept) and upload it again");
      }
      throw new TooLarge(limit);
    } catch (MalformedStreamException e) {
      throw new Incomplete(e);
    } catch (FileUploadException e) {
      throw new InvalidInputException("body", "is not readable multipart/form-data: " + e.getMessage());
    } catch (IOException e) {
      throw new Incomplete(e);
    } finally {
      if (staged != null) {
        staged.close();
      }
    }
  }

  /** Facts from the form: the register checks the text fields; here only what must be parsed. */
  static EvidenceFacts facts(Map<String, String> fields, List<FieldProblem> problems) {
    EvidenceType type = null;
    String typeText = blankToNull(fields.get("type"));
    if (typeText != null) {
      type = EvidenceType.parse(typeText).orElse(null);
    }
    if (type == null) {
      problems.add(new FieldProblem("type", "must be one of: disk-image, memory-image, log, malware-sample, network-capture, document, other"));
    }
    Tlp tlp = null;
    String tlpText = blankToNull(fields.get("tlp"));
    if (tlpText != null) {
      tlp = Tlp.parse(tlpText).orElse(null);
      if (tlp == null) {
        problems.add(new FieldProblem("tlp", "must be a TLP 2.0 label such as TLP:AMBER, or left out for the operation's"));
      }
    }
    return new EvidenceFacts(fields.get("description"), type, tlp, fields.get("collectedBy"),
        instant(fields.get("collectedAt"), problems), fields.get("source"));
  }

  /** ISO-8601 with an offset (2026-11-02T14:30:00Z or +01:00); null, with a problem, otherwise. */
  static Instant instant(String text, List<FieldProblem> problems) {
    String value = blankToNull(text);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem("collectedAt", "must be an ISO-8601 time with its offset, such as 2026-11-02T14:30:00Z"));
      return Instant.EPOCH;
    }
  }

  private static String field(FileItemInput part) throws IOException {
    try (InputStream in = part.getInputStream()) {
      byte[] value = in.readNBytes(MAX_FIELD_BYTES + 1);
      if (value.length > MAX_FIELD_BYTES) {
        throw new InvalidInputException(part.getFieldName(), "is longer than " + MAX_FIELD_BYTES + " bytes");
      }
      try {
        return Utf8.decode(value);
      } catch (Utf8.Malformed e) {
        throw new InvalidInputException(part.getFieldName(), e.problem());
      }
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
