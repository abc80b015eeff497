package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.contract.OffboardingState;
import io.temporal.workflow.Workflow;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the Temporal UI and visibility queries show of a run: the {@code OffboardingState} search
 * attribute and the current details.
 *
 * <p>Each upsert is a history event, so the attribute is set only when someone can see the state:
 * when the run waits (grace period, approval, needs attention), when it ends, and from then on on
 * every change (so it is never stale). A run that goes straight from start to its outcome writes
 * one upsert; until its first upsert a run has no {@code OffboardingState} (its {@code status}
 * query answers). A continued run starts from the value its predecessor left.
 */
final class RunDisplay {

  private static final Set<OffboardingState> SEEN =
      EnumSet.of(
          OffboardingState.GRACE_PERIOD,
          OffboardingState.AWAITING_APPROVAL,
          OffboardingState.NEEDS_ATTENTION,
          OffboardingState.COMPLETED,
          OffboardingState.FAILED,
          OffboardingState.CANCELLED);

  private boolean read;
  private String published;

  /** The run entered {@code state}. */
  void entered(OffboardingState state) {
    if (!read) {
      published = Workflow.getTypedSearchAttributes().get(OffboardingSearchAttributes.STATE);
      read = true;
    }
    if (state.name().equals(published)) {
      return;
    }
    if (published != null || SEEN.contains(state)) {
      Workflow.upsertTypedSearchAttributes(
          OffboardingSearchAttributes.STATE.valueSet(state.name()));
      published = state.name();
    }
  }

  /** The UI's current details (Markdown); not a history event. */
  void details(String markdown) {
    Workflow.setCurrentDetails(markdown);
  }
}
