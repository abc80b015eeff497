package dev.offboarding.suprsend.sandbox;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals since start (or the last {@link SuprSendSandbox#reset()}), API requests only.
 *
 * @param requests API requests answered (dropped connections included), counted just before the
 *     answer is written, so a call still in its scripted delay or latency is not counted yet
 * @param byStatus count per status answered, counted when answered; key {@code 0} counts dropped
 *     connections
 * @param rateLimited requests answered 429 by the rate limiter (scripted 429s not included)
 * @param deletes users actually deleted by {@code DELETE /v1/user/{id}/}
 */
public record SandboxStats(
    long requests, Map<Integer, Long> byStatus, long rateLimited, long deletes) {

  /** Copies the map into an immutable sorted map. */
  public SandboxStats {
    byStatus = Collections.unmodifiableMap(new TreeMap<>(byStatus == null ? Map.of() : byStatus));
  }

  /** How many requests were answered with this status. */
  public long count(int status) {
    return byStatus.getOrDefault(status, 0L);
  }
}
