package dev.offboarding.suprsend.cli.bulk;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Table;
import dev.offboarding.suprsend.cli.Text;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./offboard bulk --dry-run}: reads the whole input as a real run would and says what it
 * would do: how many ids, the first few, which lines would be skipped and why. Starts nothing and
 * needs no Temporal. Streaming like the real run: only the first ids are kept.
 */
final class DryRun {

  /** How many of the first ids are shown. */
  static final int FIRST_IDS = 5;

  private final CliContext ctx;

  DryRun(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Reads {@code source} to its end; exit code 2 when lines would be skipped, else 0. */
  int run(IdSource source, String inputName) throws IOException {
    ctx.err()
        .println(
            "Dry run: reading "
                + inputName
                + " as "
                + source.format()
                + "; nothing will be started");
    long lines = 0;
    long bad = 0;
    long ids = 0;
    List<IdSource.Id> first = new ArrayList<>();
    IdSource.Item item;
    while ((item = source.next()) != null) {
      lines++;
      if (item instanceof IdSource.Bad b) {
        bad++;
        if (bad <= BulkRun.LISTED_LINES) {
          ctx.err().println("line " + b.line() + ": skipped: " + ctx.redact(b.problem()));
        }
      } else {
        ids++;
        if (first.size() < FIRST_IDS) {
          first.add((IdSource.Id) item);
        }
      }
    }
    if (bad > BulkRun.LISTED_LINES) {
      ctx.err().println((bad - BulkRun.LISTED_LINES) + " more bad lines were not listed");
    }
    Table summary = new Table("SUMMARY", "COUNT");
    summary.row("lines read", lines);
    summary.row("bad lines (skipped)", bad);
    summary.row("ids", ids);
    summary.print(ctx.out());
    if (!first.isEmpty()) {
      ctx.out().println();
      Table table = new Table("LINE", first.size() < ids ? "FIRST IDS" : "IDS");
      first.forEach(id -> table.row(id.line(), id.distinctId()));
      table.print(ctx.out());
    }
    if (bad > 0) {
      ctx.err()
          .println(
              Text.count(bad, "bad line would be", "bad lines would be")
                  + " skipped (listed above). Nothing was started (dry run).");
      return ExitCodes.USAGE;
    }
    ctx.err()
        .println(
            "Nothing was started (dry run): without --dry-run the same command starts at most "
                + Text.count(ids, "offboarding", "offboardings")
                + " (an id read twice counts once; users already offboarded are not started"
                + " again).");
    return ExitCodes.OK;
  }
}
