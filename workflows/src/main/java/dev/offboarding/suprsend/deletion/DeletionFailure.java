package dev.offboarding.suprsend.deletion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The details carried by a failed delete attempt's {@code ApplicationFailure}, so the workflow can
 * report status and attempts without parsing messages.
 *
 * @param kind the {@link dev.offboarding.suprsend.client.FailureKind} name
 * @param httpStatus SuprSend's status, 0 when there was no answer
 * @param attempt the attempt that failed (1-based)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeletionFailure(String kind, int httpStatus, int attempt) {}
