package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.contract.OffboardingState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The Temporal Web UI's addresses for offboardings, and the visibility queries behind its lists
 * (the same ones {@code ./offboard list} sends). The UI's base comes from {@code
 * OFFBOARDING_UI_URL}, by default the dev server's {@code http://localhost:8233}.
 */
public final class TemporalUi {

  /** The variable that says where the Temporal UI is. */
  public static final String VARIABLE = "OFFBOARDING_UI_URL";

  /** The Temporal CLI dev server's UI ({@code ./offboard dev}). */
  public static final String DEFAULT_URL = "http://localhost:8233";

  /** Every offboarding: {@code WorkflowType="UserOffboarding"}. */
  public static final String ALL_OFFBOARDINGS =
      "WorkflowType=\"" + OffboardingIds.WORKFLOW_TYPE + "\"";

  private final String base;

  public TemporalUi(String base) {
    String url = base == null || base.isBlank() ? DEFAULT_URL : base.trim();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The UI that {@code OFFBOARDING_UI_URL} names, else {@link #DEFAULT_URL}. */
  public static TemporalUi of(CliContext ctx) {
    return new TemporalUi(ctx.getenv(VARIABLE));
  }

  /** Offboardings in {@code state}: {@code ... AND OffboardingState="NEEDS_ATTENTION"}. */
  public static String inState(OffboardingState state) {
    return ALL_OFFBOARDINGS
        + " AND "
        + OffboardingSearchAttributes.STATE_NAME
        + "=\""
        + state.name()
        + "\"";
  }

  public String base() {
    return base;
  }

  /** One run: {@code <ui>/namespaces/<ns>/workflows/<workflowId>/<runId>}. */
  public String run(String namespace, String workflowId, String runId) {
    return base
        + "/namespaces/"
        + encode(namespace)
        + "/workflows/"
        + encode(workflowId)
        + "/"
        + encode(runId);
  }

  /** The namespace's workflow list filtered by a visibility query. */
  public String list(String namespace, String query) {
    return base + "/namespaces/" + encode(namespace) + "/workflows?query=" + encode(query);
  }

  /** URL-encoded for a path segment or a query value ({@code %20}, never {@code +}). */
  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
