package dev.offboarding.suprsend.contract;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/**
 * The custom search attributes the workflow sets, so operators can find runs in the Temporal UI and
 * with list queries ({@code OffboardingState="NEEDS_ATTENTION"}). They must be registered on the
 * namespace before a worker runs: docker-compose.yml's admin-tools job does it, and docs/deploy.md
 * shows the command for other clusters.
 */
public final class OffboardingSearchAttributes {

  /** Name of the keyword attribute holding the run's {@link OffboardingState} name. */
  public static final String STATE_NAME = "OffboardingState";

  /** Where the run stands, as a keyword (one of the {@link OffboardingState} names). */
  public static final SearchAttributeKey<String> STATE = SearchAttributeKey.forKeyword(STATE_NAME);

  /** Every attribute the namespace must have, with its type. */
  public static final Map<String, IndexedValueType> REQUIRED =
      Map.of(STATE_NAME, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

  private OffboardingSearchAttributes() {}
}
