package dev.offboarding.suprsend.workflow;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/**
 * The search attributes the workflow upserts. They must be registered in the namespace before a run
 * upserts them (the worker registers missing ones at start; Temporal Cloud needs {@code tcld} or
 * the UI). In the Temporal UI: {@code OffboardingState="NEEDS_ATTENTION"}.
 */
public final class OffboardingSearchAttributes {

  /** The run's {@link dev.offboarding.suprsend.contract.OffboardingState}, on every transition. */
  public static final SearchAttributeKey<String> STATE =
      SearchAttributeKey.forKeyword("OffboardingState");

  /** Every attribute with its type, for registration. */
  public static final Map<String, IndexedValueType> ALL =
      Map.of(STATE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

  private OffboardingSearchAttributes() {}
}
