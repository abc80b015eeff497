package dev.offboarding.suprsend.cli.bulk;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.RunResult;
import dev.offboarding.suprsend.cli.RunWatch;
import dev.offboarding.suprsend.cli.Runs;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowExecutionDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The engine of {@code ./offboard bulk}: reads ids as a stream, starts one {@code UserOffboarding}
 * per user through {@link Offboardings} (the same start as {@code ./offboard start}, with the
 * deterministic workflow id), at most {@code concurrency} starts at a time, and with {@code wait}
 * collects every result, at most {@code maxPending} outstanding: which runs closed is asked of
 * visibility for all open runs at once ({@link BatchResults}), not long-polled run by run.
 *
 * <p><b>Starting nothing twice.</b> Temporal's id policies are the guarantee: a start for a user
 * whose run is open returns that run, after a completed run it is refused. Re-running the same
 * input after a crash or Ctrl-C therefore only finds the runs of the first attempt. A user whose
 * last run a person called off is not started unless {@link Settings#again} says so.
 *
 * <p><b>Duplicates count once, in bounded memory.</b> No set of all ids is kept. A fixed-size Bloom
 * filter (about 18 MB, sized for 10 million ids at 0.1 % false positives) says whether an id may
 * have been read before; only then is the line checked: an id whose start is in flight, or whose
 * run carries this batch's memo tag, is a duplicate for certain; an id whose run existed before
 * this batch is counted as a duplicate too (it is, unless the filter erred: then a user that was
 * already offboarded before this batch is counted as a duplicate line instead of a user). The start
 * request is sent in every uncertain case, so the filter can skew a count but never skip an
 * offboarding.
 */
public final class BulkOffboarding {

  /** Memo key tagging the runs this batch started, so a duplicate line is told apart exactly. */
  static final String BATCH_MEMO = "offboardBatch";

  /** Ids the duplicate filter is sized for; past that its counts grow approximate. */
  static final long FILTER_IDS = 10_000_000;

  /**
   * How the batch runs.
   *
   * @param again whether users whose last run a person called off are started again
   */
  public record Settings(
      int concurrency,
      int maxPending,
      boolean awaitResults,
      String reason,
      String requestedBy,
      Offboardings.Again again) {}

  /** What the command hears about, as it happens (from several threads). */
  public interface Events {
    public void badLine(long line, String problem);

    public void duplicate(long line, String distinctId);

    /** One user's row: how the start went, and the outcome when waited for. */
    public void row(ReportWriter.Row row);

    /**
     * Events that hand each row to {@code rows} and ignore bad and duplicate lines: for a source
     * that has none (generated ids), or a caller that counts them from the {@link Tally}.
     */
    static Events rowsOnly(Consumer<ReportWriter.Row> rows) {
      return new Events() {
        @Override
        public void badLine(long line, String problem) {}

        @Override
        public void duplicate(long line, String distinctId) {}

        @Override
        public void row(ReportWriter.Row row) {
          rows.accept(row);
        }
      };
    }
  }

  /** The outcome of a run whose result could not be read (not a lost connection). */
  static final String RESULT_UNREADABLE = "RESULT_UNREADABLE";

  /** Counts, updated as the batch runs. */
  public static final class Tally {
    final AtomicLong lines = new AtomicLong();
    final AtomicLong badLines = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong users = new AtomicLong();

    /** Lines fully handled: bad, duplicate, started (or, with wait, finished). */
    final AtomicLong done = new AtomicLong();

    final AtomicLong startErrors = new AtomicLong();

    /** Users not started because a person called their last run off (without --again). */
    final AtomicLong calledOff = new AtomicLong();

    final AtomicLong notFinished = new AtomicLong();

    /**
     * Users whose row the report could not take (a full disk, say): each is still counted above
     * (its start and outcome), and the summary says how many rows are missing and why.
     */
    final AtomicLong reportErrors = new AtomicLong();

    /** Why the first of them could not be written (redacted), or null. */
    final AtomicReference<String> firstReportError = new AtomicReference<>();

    final Map<Offboardings.StartKind, LongAdder> starts = new ConcurrentHashMap<>();
    final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    public long starts(Offboardings.StartKind kind) {
      LongAdder n = starts.get(kind);
      return n == null ? 0 : n.sum();
    }

    /** Outcomes (DELETED, ALREADY_ABSENT, failure types), sorted by name. */
    public SortedMap<String, Long> outcomes() {
      SortedMap<String, Long> sorted = new TreeMap<>();
      outcomes.forEach((k, v) -> sorted.put(k, v.sum()));
      return sorted;
    }

    public long completed() {
      return outcome("DELETED") + outcome("ALREADY_ABSENT");
    }

    public long outcome(String name) {
      LongAdder n = outcomes.get(name);
      return n == null ? 0 : n.sum();
    }

    public long failed() {
      return outcomes().values().stream().mapToLong(Long::longValue).sum() - completed();
    }
  }

  private final Offboardings offboardings;
  private final RunWatch watch;
  private BatchResults results;
  private final Settings settings;
  private final Redactor redact;
  private final String batchId = UUID.randomUUID().toString();
  private final BloomFilter<CharSequence> seen =
      BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), FILTER_IDS, 0.001);
  private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();
  private final Semaphore startSlots;
  private final Semaphore pendingSlots;
  private final AtomicInteger pending = new AtomicInteger();
  private final Tally tally = new Tally();
  private volatile RuntimeException temporalLost;

  /** Removes secrets from error text before it is printed or written. */
  public interface Redactor {
    public String redact(String text);
  }

  public BulkOffboarding(
      Offboardings offboardings, RunWatch watch, Settings settings, Redactor redact) {
    this.offboardings = offboardings;
    this.watch = watch;
    this.settings = settings;
    this.redact = redact;
    this.startSlots = new Semaphore(settings.concurrency());
    this.pendingSlots = new Semaphore(settings.maxPending());
  }

  public Tally tally() {
    return tally;
  }

  /** The id this batch tags its runs with. */
  public String batchId() {
    return batchId;
  }

  /** Set when Temporal stopped answering mid-batch; the batch then stops reading. */
  public RuntimeException temporalLost() {
    return temporalLost;
  }

  /**
   * Reads {@code source} to its end (or until {@code stop} or a lost connection), starting and,
   * with wait, collecting. Returns when every started run's result is in, or a stop was asked for
   * (then {@link Tally#notFinished} says how many were not waited for).
   */
  public Tally run(IdSource source, BooleanSupplier stop, Events events)
      throws IOException, InterruptedException {
    if (!settings.awaitResults()) {
      return runOnce(source, stop, events);
    }
    try (BatchResults batchResults = new BatchResults(watch)) {
      results = batchResults;
      return runOnce(source, stop, events);
    }
  }

  /** Results of runs this batch learnt had closed from visibility (see {@link BatchResults}). */
  public long resultsSeenInVisibility() {
    return results == null ? 0 : results.counts().closedSeenInVisibility();
  }

  /** Results this batch long-polled run by run (no visibility, or runs it could not query). */
  public long resultsLongPolled() {
    return results == null ? 0 : results.counts().longPolled();
  }

  /** Runs this batch found waiting for a person through visibility. */
  public long waitingSeenInVisibility() {
    return results == null ? 0 : results.counts().waitingSeenInVisibility();
  }

  /** {@code status} queries this batch sent to runs visibility showed waiting. */
  public long statusQueries() {
    return results == null ? 0 : results.counts().statusQueries();
  }

  private Tally runOnce(IdSource source, BooleanSupplier stop, Events events)
      throws IOException, InterruptedException {
    ExecutorService starters =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "bulk-start");
              t.setDaemon(true);
              return t;
            });
    try {
      IdSource.Item item;
      while (!stop.getAsBoolean() && temporalLost == null && (item = source.next()) != null) {
        tally.lines.incrementAndGet();
        if (item instanceof IdSource.Bad bad) {
          tally.badLines.incrementAndGet();
          tally.done.incrementAndGet();
          events.badLine(bad.line(), bad.problem());
          continue;
        }
        IdSource.Id id = (IdSource.Id) item;
        boolean maybeSeen = !seen.put(id.distinctId());
        if (maybeSeen && inFlight.containsKey(id.distinctId())) {
          duplicate(id, events);
          continue;
        }
        if (!acquire(startSlots, 1, stop)) {
          break;
        }
        if (settings.awaitResults() && !acquire(pendingSlots, 1, stop)) {
          startSlots.release();
          break;
        }
        inFlight.put(id.distinctId(), Boolean.TRUE);
        starters.execute(() -> startOne(id, maybeSeen, events));
      }
    } finally {
      starters.shutdown();
      while (!starters.awaitTermination(200, TimeUnit.MILLISECONDS)) {
        // every start in flight finishes (a few round trips at most); Ctrl-C waits for them
      }
    }
    if (settings.awaitResults()) {
      if (!acquire(
          pendingSlots, settings.maxPending(), () -> stop.getAsBoolean() || temporalLost != null)) {
        tally.notFinished.set(pending.get());
      } else {
        pendingSlots.release(settings.maxPending());
      }
    }
    return tally;
  }

  private void startOne(IdSource.Id item, boolean maybeSeen, Events events) {
    String id = item.distinctId();
    boolean resultPending = false;
    try {
      Offboardings.StartedRun run =
          startOrFind(new OffboardingRequest(id, settings.reason(), settings.requestedBy()));
      if (run == null) {
        duplicate(item, events);
        return;
      }
      boolean fresh =
          run.kind() == Offboardings.StartKind.STARTED
              || run.kind() == Offboardings.StartKind.STARTED_AGAIN;
      if (maybeSeen && !fresh) {
        duplicate(item, events);
        return;
      }
      tally.users.incrementAndGet();
      tally.starts.computeIfAbsent(run.kind(), k -> new LongAdder()).increment();
      if (run.kind() == Offboardings.StartKind.CALLED_OFF) {
        // A person's decision stands: nothing was started, so there is nothing to wait for.
        tally.calledOff.incrementAndGet();
        String ended =
            run.previousOutcome() != null
                ? run.previousOutcome().name()
                : Runs.statusName(run.previous());
        report(events, startRow(item, run, ended, run.note()));
        tally.done.incrementAndGet();
        return;
      }
      if (!settings.awaitResults()) {
        report(events, startRow(item, run, null, null));
        tally.done.incrementAndGet();
        return;
      }
      resultPending = true;
      pending.incrementAndGet();
      // The handler settles every result itself (tally, report row, the pending slot in finally).
      CompletableFuture<RunResult> unused =
          results
              .resultAsync(run)
              .whenComplete(
                  (result, error) -> {
                    try {
                      if (error != null) {
                        if (!lost(error)) {
                          unreadable(item, run, error, events);
                        }
                        return;
                      }
                      tally
                          .outcomes
                          .computeIfAbsent(result.result(), k -> new LongAdder())
                          .increment();
                      report(
                          events,
                          new ReportWriter.Row(
                              item.line(),
                              id,
                              run.workflowId(),
                              result.runId(),
                              run.kind().name(),
                              result.result(),
                              result.httpStatus() == 0 ? null : result.httpStatus(),
                              result.attempts() == 0 ? null : result.attempts(),
                              result.isCompleted() ? null : redact.redact(result.error())));
                      tally.done.incrementAndGet();
                    } finally {
                      pending.decrementAndGet();
                      pendingSlots.release();
                    }
                  });
    } catch (RuntimeException e) {
      if (!lost(e)) {
        tally.startErrors.incrementAndGet();
        tally.users.incrementAndGet();
        tally.done.incrementAndGet();
        report(
            events,
            new ReportWriter.Row(
                item.line(),
                id,
                null,
                null,
                "NOT_STARTED",
                null,
                null,
                null,
                redact.redact(e.getClass().getSimpleName() + ": " + e.getMessage())));
      }
    } finally {
      inFlight.remove(id);
      startSlots.release();
      if (settings.awaitResults() && !resultPending) {
        pendingSlots.release();
      }
    }
  }

  /**
   * Starts the user's run, or finds the one there is; null when that run was started by this batch
   * (a duplicate line). A user Temporal has never seen is started in one call; only when a run
   * exists is it described, and the decision (open, failed, called off, started by this batch) read
   * from the run itself, never from a list that could lag behind it.
   */
  private Offboardings.StartedRun startOrFind(OffboardingRequest request) {
    Map<String, Object> memo = Map.of(BATCH_MEMO, batchId);
    Optional<Offboardings.StartedRun> started = offboardings.startNew(request, memo);
    if (started.isPresent()) {
      return started.get();
    }
    WorkflowExecutionDescription before = offboardings.latest(request.distinctId()).orElse(null);
    if (before != null && batchId.equals(batchOf(before))) {
      return null;
    }
    return offboardings.startAfter(request, before, memo, settings.again());
  }

  /**
   * Hands {@code row} to the report. A row the report refuses is counted ({@link
   * Tally#reportErrors}) with the first reason, never lost silently: the user's start and outcome
   * stay counted, and the batch goes on.
   */
  private void report(Events events, ReportWriter.Row row) {
    try {
      events.row(row);
    } catch (RuntimeException e) {
      tally.reportErrors.incrementAndGet();
      String why =
          e.getCause() != null && e.getCause().getMessage() != null
              ? e.getMessage() + ": " + e.getCause().getMessage()
              : String.valueOf(e.getMessage());
      tally.firstReportError.compareAndSet(null, redact.redact(why));
    }
  }

  /** The row of a user whose start is all there is to report. */
  private static ReportWriter.Row startRow(
      IdSource.Id item, Offboardings.StartedRun run, String outcome, String error) {
    return new ReportWriter.Row(
        item.line(),
        item.distinctId(),
        run.workflowId(),
        run.runId(),
        run.kind().name(),
        outcome,
        null,
        null,
        error);
  }

  private void duplicate(IdSource.Id item, Events events) {
    tally.duplicates.incrementAndGet();
    tally.done.incrementAndGet();
    events.duplicate(item.line(), item.distinctId());
  }

  /**
   * A run whose result could not be read for another reason than a lost connection (a receipt the
   * client cannot decode, say, without the workers' OFFBOARDING_ENCRYPTION_KEY): counted as outcome
   * {@value #RESULT_UNREADABLE} with the reason in its report row, never dropped.
   */
  private void unreadable(
      IdSource.Id item, Offboardings.StartedRun run, Throwable error, Events events) {
    Throwable cause =
        error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
    tally.outcomes.computeIfAbsent(RESULT_UNREADABLE, k -> new LongAdder()).increment();
    report(
        events,
        new ReportWriter.Row(
            item.line(),
            item.distinctId(),
            run.workflowId(),
            run.runId(),
            run.kind().name(),
            RESULT_UNREADABLE,
            null,
            null,
            redact.redact(cause.getClass().getSimpleName() + ": " + cause.getMessage())));
    tally.done.incrementAndGet();
  }

  /** Records a lost connection; true when {@code error} was one. */
  private boolean lost(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && (s.getStatus().getCode() == Status.Code.UNAVAILABLE
              || s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED)) {
        if (temporalLost == null) {
          temporalLost = s;
        }
        return true;
      }
    }
    return false;
  }

  private static String batchOf(WorkflowExecutionDescription d) {
    try {
      Object value = d.getMemo(BATCH_MEMO, String.class);
      return value instanceof String s ? s : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /** Acquires permits, checking {@code stop} every 200 ms; false when stopped first. */
  private static boolean acquire(Semaphore semaphore, int permits, BooleanSupplier stop)
      throws InterruptedException {
    while (!semaphore.tryAcquire(permits, 200, TimeUnit.MILLISECONDS)) {
      if (stop.getAsBoolean()) {
        return false;
      }
    }
    return true;
  }
}
