package org.takedown.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads a table from what an operator configured: a {@code .mmdb} file; a CSV file ({@code .csv} or
 * {@code .csv.gz}); or a folder of CSV files (the data set's IPv4 and IPv6 files side by side), read
 * together. The date of a CSV table is, in this order: {@code date=} in a {@code source.properties}
 * beside it (as the refresh script writes it), a date in the file's name (2026-11-30 or 20261130),
 * the file's modification date.
 */
final class TableFiles {

  static final String SOURCE = "IP table";
  static final String PROPERTIES = "source.properties";
  private static final Pattern DATE_IN_NAME = Pattern.compile("(20\\d\\d)-?(\\d\\d)-?(\\d\\d)");

  /** What a path held when it was looked at: each file's name, size and modification time, source.properties too. */
  record Stamp(String files, Instant newest) {}

  /** A table ready to answer, with where it came from. */
  record Loaded(RangeTable table, TableInfo info, Stamp stamp) {}

  private TableFiles() {}

  static Stamp stamp(Path path) throws IOException {
    StringBuilder files = new StringBuilder();
    Instant newest = Instant.EPOCH;
    List<Path> read = new ArrayList<>(files(path));
    Path properties = Files.isDirectory(path) ? path.resolve(PROPERTIES) : path.resolveSibling(PROPERTIES);
    if (!isMmdb(path) && Files.isRegularFile(properties)) {
      read.add(properties); // a new date alone is a new version too
    }
    for (Path file : read) {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      Instant modified = attributes.lastModifiedTime().toInstant();
      newest = modified.isAfter(newest) ? modified : newest;
      files.append(file.getFileName()).append(' ').append(attributes.size()).append(' ').append(modified).append('\n');
    }
    return new Stamp(files.toString(), newest);
  }

  static Loaded load(Path path) throws TableException {
    long started = System.nanoTime();
    Stamp stamp;
    List<Path> files;
    try {
      stamp = stamp(path);
      files = files(path);
    } catch (IOException e) {
      throw new TableException(path + ": cannot be read (" + describe(e) + ")", e);
    }
    if (files.isEmpty()) {
      throw new TableException(path + ": the folder holds no .csv or .csv.gz file");
    }
    RangeTable.Builder builder = new RangeTable.Builder();
    String name;
    LocalDate date;
    if (files.size() == 1 && isMmdb(files.get(0))) {
      MmdbRows.Info info = MmdbRows.read(files.get(0), builder);
      name = info.type() == null ? files.get(0).getFileName().toString() : info.type();
      date = info.date();
    } else {
      for (Path file : files) {
        if (isMmdb(file)) {
          throw new TableException(path + ": a folder holds CSV files, or one .mmdb file alone");
        }
        try (InputStream in = Files.newInputStream(file)) {
          CsvRows.read(in, file.toString(), builder);
        } catch (IOException e) {
          throw new TableException(file + ": cannot be read (" + describe(e) + ")", e);
        }
      }
      Properties source = properties(path);
      name = source.getProperty("package") == null ? String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList())
          : source.getProperty("package") + " " + source.getProperty("version", "");
      date = date(source, files, stamp);
    }
    if (builder.rows() == 0) {
      throw new TableException(path + ": holds no range with a country");
    }
    RangeTable table = builder.build(SOURCE, date);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    return new Loaded(table, info(table, name.strip(), path.toString(), took), stamp);
  }

  static TableInfo info(RangeTable table, String name, String origin, Duration took) {
    return new TableInfo(name, table.date(), origin, table.rows(), table.ranges(4), table.ranges(6), table.countries(), Instant.now(), took);
  }

  /** The date as the refresh script wrote it, else from the file names, else the newest modification date. */
  private static LocalDate date(Properties source, List<Path> files, Stamp stamp) throws TableException {
    String written = source.getProperty("date");
    if (written != null) {
      try {
        return LocalDate.parse(written.strip());
      } catch (DateTimeException e) {
        throw new TableException(PROPERTIES + ": date=" + written + " is not a date like 2026-11-30");
      }
    }
    for (Path file : files) {
      Matcher matcher = DATE_IN_NAME.matcher(file.getFileName().toString());
      while (matcher.find()) {
        try {
          return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
        } catch (DateTimeException e) {
          // not a date; look further
        }
      }
    }
    return stamp.newest().atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private static Properties properties(Path path) throws TableException {
    Properties properties = new Properties();
    Path file = Files.isDirectory(path) ? path.resolve(PROPERTIES) : path.resolveSibling(PROPERTIES);
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw new TableException(file + ": cannot be read (" + e.getMessage() + ")", e);
      }
    }
    return properties;
  }

  /** The file itself, or a folder's CSV files by name. */
  private static List<Path> files(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      if (!Files.exists(path)) {
        throw new java.nio.file.NoSuchFileException(path.toString());
      }
      return List.of(path);
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(path)) {
      listing.filter(Files::isRegularFile).filter(file -> {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".mmdb");
      }).sorted().forEach(files::add);
    }
    return files;
  }

  private static boolean isMmdb(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mmdb");
  }

  static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
