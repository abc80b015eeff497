package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How many entries a run left out of its bounded lists. A run keeps the first and the last entries
 * of its timeline, operator actions and notification results (a run parked and retried hundreds of
 * times would otherwise grow without bound); these counts say how many lay in between.
 *
 * @param timeline state changes left out
 * @param operatorActions operator actions left out
 * @param notifications notification results left out
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OmittedEntries(int timeline, int operatorActions, int notifications) {

  /** Nothing left out. */
  public static final OmittedEntries NONE = new OmittedEntries(0, 0, 0);

  /** True when an entry was left out. */
  public boolean any() {
    return timeline + operatorActions + notifications > 0;
  }
}
