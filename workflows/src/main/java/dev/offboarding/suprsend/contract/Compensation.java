package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What undoing the suspension did.
 *
 * @param restoredToLists the list ids the user was put back into
 * @param notRestored lists that could not be restored, each with the reason (e.g. the list was
 *     deleted meanwhile); empty when everything was restored
 * @param error why the compensation itself failed, or null
 * @param at when it finished
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Compensation(
    List<String> restoredToLists, List<String> notRestored, String error, Instant at) {}
