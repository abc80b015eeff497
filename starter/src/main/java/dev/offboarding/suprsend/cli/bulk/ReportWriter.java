package dev.offboarding.suprsend.cli.bulk;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The bulk report, one row per user, written as results arrive (never collected in memory): CSV for
 * {@code .csv}, a JSON array of objects for {@code .json}. Thread-safe.
 */
public abstract class ReportWriter implements Closeable {

  /** The CSV header, in row order. */
  public static final String CSV_HEADER =
      "line,distinct_id,workflow_id,run_id,start,outcome,http_status,attempts,error";

  /**
   * One user's row.
   *
   * @param line the input line the user was read from
   * @param start how the start went: STARTED, STARTED_AGAIN, ALREADY_RUNNING, ALREADY_COMPLETED
   * @param outcome DELETED, ALREADY_ABSENT, a failure type, or PENDING when not waited for
   * @param httpStatus SuprSend's status, or null when unknown
   * @param attempts delete attempts, or null when unknown
   * @param error what went wrong, or null
   */
  public record Row(
      long line,
      String distinctId,
      String workflowId,
      String runId,
      String start,
      String outcome,
      Integer httpStatus,
      Integer attempts,
      String error) {}

  /** Opens {@code path} for writing; the format follows its extension. */
  public static ReportWriter open(Path path) throws IOException {
    String problem = problemWith(path);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return isCsv(path)
        ? new Csv(Files.newBufferedWriter(path, StandardCharsets.UTF_8))
        : new Json(path);
  }

  /** What is wrong with {@code path} as a report's name, or null when it ends in .csv or .json. */
  public static String problemWith(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".csv") || name.endsWith(".json")
        ? null
        : "--report " + path + ": the file name must end in .csv or .json";
  }

  private static boolean isCsv(Path path) {
    return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  /** Appends one row. */
  public abstract void row(Row row);

  private static final class Csv extends ReportWriter {
    private final BufferedWriter out;

    Csv(BufferedWriter out) throws IOException {
      this.out = out;
      out.write(CSV_HEADER);
      out.newLine();
    }

    @Override
    public synchronized void row(Row r) {
      try {
        out.write(
            String.join(
                ",",
                String.valueOf(r.line()),
                CsvFields.quote(r.distinctId()),
                CsvFields.quote(r.workflowId()),
                CsvFields.quote(r.runId()),
                CsvFields.quote(r.start()),
                CsvFields.quote(r.outcome()),
                r.httpStatus() == null ? "" : r.httpStatus().toString(),
                r.attempts() == null ? "" : r.attempts().toString(),
                CsvFields.quote(r.error())));
        out.newLine();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the report", e);
      }
    }

    @Override
    public synchronized void close() throws IOException {
      out.close();
    }
  }

  private static final class Json extends ReportWriter {
    private final JsonGenerator json;

    Json(Path path) throws IOException {
      json =
          new JsonFactory()
              .createGenerator(Files.newOutputStream(path), JsonEncoding.UTF8)
              .useDefaultPrettyPrinter();
      json.writeStartArray();
    }

    @Override
    public synchronized void row(Row r) {
      try {
        json.writeStartObject();
        json.writeNumberField("line", r.line());
        json.writeStringField("distinctId", r.distinctId());
        json.writeStringField("workflowId", r.workflowId());
        json.writeStringField("runId", r.runId());
        json.writeStringField("start", r.start());
        json.writeStringField("outcome", r.outcome());
        writeNumberOrNull("httpStatus", r.httpStatus());
        writeNumberOrNull("attempts", r.attempts());
        json.writeStringField("error", r.error());
        json.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the report", e);
      }
    }

    private void writeNumberOrNull(String field, Integer value) throws IOException {
      if (value == null) {
        json.writeNullField(field);
      } else {
        json.writeNumberField(field, value);
      }
    }

    @Override
    public synchronized void close() throws IOException {
      json.writeEndArray();
      json.close();
    }
  }
}
