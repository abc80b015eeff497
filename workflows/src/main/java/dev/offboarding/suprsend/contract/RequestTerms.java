package dev.offboarding.suprsend.contract;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The waiting phases and deadline of a request, parsed and checked. Used by the workflow (with the
 * run's start time) and by the CLI before it starts anything.
 *
 * @param gracePeriod how long to wait before deleting, or null for none
 * @param requireApproval whether an approver must say yes first
 * @param dueBy when the offboarding must be finished
 */
public record RequestTerms(Duration gracePeriod, boolean requireApproval, Instant dueBy) {

  /** The longest grace period accepted: longer waits are a scheduling job, not a grace period. */
  public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(365);

  /** True when the run waits before the delete, and therefore suspends the user first. */
  public boolean waits() {
    return gracePeriod != null || requireApproval;
  }

  /** The default due date: one calendar month (UTC) after {@code requestedAt}. */
  public static Instant defaultDueBy(Instant requestedAt) {
    return requestedAt.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
  }

  /**
   * Reads the terms of {@code request} for a run requested at {@code requestedAt}.
   *
   * @throws IllegalArgumentException with a message naming the field, what was wrong, and the
   *     expected form
   */
  public static RequestTerms of(OffboardingRequest request, Instant requestedAt) {
    requireAtMost("reason", request.reason(), OffboardingRequest.MAX_REASON_CHARS);
    requireAtMost("requestedBy", request.requestedBy(), OffboardingRequest.MAX_REQUESTED_BY_CHARS);
    Duration grace = null;
    if (request.gracePeriod() != null && !request.gracePeriod().isBlank()) {
      try {
        grace = Duration.parse(request.gracePeriod().trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "gracePeriod '"
                + printable(request.gracePeriod())
                + "' is not an ISO-8601 duration: write it like PT72H (72 hours) or P7D (7 days)");
      }
      if (grace.isNegative()) {
        throw new IllegalArgumentException(
            "gracePeriod " + grace + " is negative: give a positive duration such as PT72H");
      }
      if (grace.compareTo(MAX_GRACE_PERIOD) > 0) {
        throw new IllegalArgumentException(
            "gracePeriod "
                + grace
                + " is longer than the limit of "
                + MAX_GRACE_PERIOD.toDays()
                + " days");
      }
      if (grace.isZero()) {
        grace = null;
      }
    }
    Instant due = defaultDueBy(requestedAt);
    if (request.dueBy() != null && !request.dueBy().isBlank()) {
      try {
        due = Instant.parse(request.dueBy().trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "dueBy '"
                + printable(request.dueBy())
                + "' is not an ISO-8601 UTC time: write it like 2026-12-28T00:00:00Z");
      }
    }
    return new RequestTerms(grace, request.requireApproval(), due);
  }

  /** The problem with {@code request}'s terms, or null when there is none. */
  public static String problemWith(OffboardingRequest request, Instant requestedAt) {
    try {
      of(request, requestedAt);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static void requireAtMost(String field, String value, int limit) {
    if (value != null && value.length() > limit) {
      throw new IllegalArgumentException(
          field
              + " is "
              + value.length()
              + " characters long; the limit is "
              + limit
              + " (it is kept in the run's history and receipt): shorten it, and put long text"
              + " in a ticket the "
              + field
              + " names");
    }
  }

  private static String printable(String text) {
    String flat = text.replaceAll("\\p{Cntrl}", "?");
    return flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
  }
}
