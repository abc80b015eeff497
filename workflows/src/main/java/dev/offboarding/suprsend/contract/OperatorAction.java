package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One operator decision, as the audit trail keeps it.
 *
 * @param action {@code approve}, {@code reject}, {@code cancel}, {@code retry}, {@code skip} or
 *     {@code abort}
 * @param operator who decided (the {@code --operator} flag, default the OS user)
 * @param at when the workflow accepted it
 * @param note why, in the operator's words (required for {@code skip}), or null. The update's own
 *     answer leaves it out: the note is stored once, with the update's request, and the receipt and
 *     {@code status} carry it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperatorAction(String action, String operator, Instant at, String note) {

  /** This action without its note: what the update answers. */
  public OperatorAction withoutNote() {
    return new OperatorAction(action, operator, at, null);
  }
}
