package dev.offboarding.suprsend.contract;

/**
 * The names callers script against: workflow type, default task queue, and the workflow id scheme.
 */
public final class OffboardingIds {

  /** The workflow type name, for callers in any Temporal SDK language. */
  public static final String WORKFLOW_TYPE = "UserOffboarding";

  /** The default task queue; {@code OFFBOARDING_TASK_QUEUE} overrides it. */
  public static final String DEFAULT_TASK_QUEUE = "suprsend-offboarding";

  /** Every workflow id is this prefix followed by the distinct id, unchanged. */
  public static final String WORKFLOW_ID_PREFIX = "suprsend-offboarding:";

  private OffboardingIds() {}

  /**
   * The one workflow id for a distinct id: {@code suprsend-offboarding:<distinctId>}. Starting a
   * second offboarding for the same user therefore finds the first run instead of deleting twice.
   */
  public static String workflowIdFor(String distinctId) {
    return WORKFLOW_ID_PREFIX + distinctId;
  }
}
