package dev.offboarding.suprsend.cli.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @Test
  void csvCellsThatASpreadsheetWouldRunAsAFormulaAreEscapedAsOwaspSays(@TempDir Path dir)
      throws IOException {
    Path path = dir.resolve("report.csv");
    try (ReportWriter report = ReportWriter.open(path)) {
      report.row(row(2, "=HYPERLINK(\"http://x\",\"y\")", null));
      report.row(row(3, "+1555", "-1+2"));
      report.row(row(4, "@SUM(A1)", "\tcmd"));
      report.row(row(5, "\rcr", "plain, with a comma"));
      report.row(row(6, "user-1", null));
    }

    String csv = Files.readString(path, StandardCharsets.UTF_8);
    assertThat(csv)
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                ReportWriter.CSV_HEADER,
                "2,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",wf,run,STARTED,,,,",
                "3,\"'+1555\",wf,run,STARTED,,,,\"'-1+2\"",
                "4,\"'@SUM(A1)\",wf,run,STARTED,,,,\"'\tcmd\"",
                "5,\"'\rcr\",wf,run,STARTED,,,,\"plain, with a comma\"",
                "6,user-1,wf,run,STARTED,,,,",
                ""));
  }

  @Test
  void theJsonReportKeepsValuesAsTheyAre(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("report.json");
    try (ReportWriter report = ReportWriter.open(path)) {
      report.row(row(2, "=1+1", "-x"));
    }

    String json = Files.readString(path);
    assertThat(json).contains("\"distinctId\" : \"=1+1\"").contains("\"error\" : \"-x\"");
  }

  private static ReportWriter.Row row(long line, String id, String error) {
    return new ReportWriter.Row(line, id, "wf", "run", "STARTED", null, null, null, error);
  }
}
