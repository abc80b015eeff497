package dev.offboarding.suprsend.deletion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.offboarding.suprsend.contract.Outcome;

/**
 * What one successful delete activity decided.
 *
 * @param outcome {@code DELETED} or {@code ALREADY_ABSENT}
 * @param httpStatus SuprSend's status for the deciding call
 * @param attempt which attempt decided it (1-based)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeletionResult(Outcome outcome, int httpStatus, int attempt) {}
