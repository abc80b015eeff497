package dev.offboarding.suprsend.worker.logging;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts the workflow id, run id and (in activities) the activity type and attempt into the logging
 * MDC around every workflow and activity execution, so each log line says which run and which
 * attempt it belongs to. The keys are the ones Temporal's SDK uses internally ({@code WorkflowId},
 * {@code RunId}, {@code ActivityType}, {@code Attempt}): ours guarantees them, and where the SDK
 * sets them too they agree. Values are restored afterwards, so nothing leaks to the next task.
 */
public final class MdcInterceptor extends WorkerInterceptorBase {

  public static final String WORKFLOW_ID = "WorkflowId";
  public static final String RUN_ID = "RunId";
  public static final String ACTIVITY_TYPE = "ActivityType";
  public static final String ATTEMPT = "Attempt";

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        WorkflowInfo info = Workflow.getInfo();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(WORKFLOW_ID, info.getWorkflowId());
        values.put(RUN_ID, info.getRunId());
        return withMdc(values, () -> super.execute(input));
      }
    };
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        ActivityInfo info = context.getInfo();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(WORKFLOW_ID, info.getWorkflowId());
        values.put(RUN_ID, info.getWorkflowRunId());
        values.put(ACTIVITY_TYPE, info.getActivityType());
        values.put(ATTEMPT, String.valueOf(info.getAttempt()));
        return withMdc(values, () -> super.execute(input));
      }
    };
  }

  private static <T> T withMdc(Map<String, String> values, java.util.function.Supplier<T> body) {
    Map<String, String> previous = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          previous.put(key, MDC.get(key));
          MDC.put(key, value);
        });
    try {
      return body.get();
    } finally {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              MDC.remove(key);
            } else {
              MDC.put(key, value);
            }
          });
    }
  }
}
