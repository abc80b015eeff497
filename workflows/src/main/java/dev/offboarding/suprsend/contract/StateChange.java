package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One entry of a run's timeline.
 *
 * @param state the state entered
 * @param at when
 * @param detail why, when there is more to say (the failure that needs attention, the grace
 *     period's end), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StateChange(OffboardingState state, Instant at, String detail) {}
