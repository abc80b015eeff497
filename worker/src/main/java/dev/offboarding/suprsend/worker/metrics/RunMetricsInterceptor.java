package dev.offboarding.suprsend.worker.metrics;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.metrics.OffboardingMetrics;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.Objects;

/**
 * Records the project's run metrics ({@link OffboardingMetrics}) without code in the workflow:
 *
 * <ul>
 *   <li>every run's end, by the receipt's outcome, or {@code FAILED} with the failure type, or
 *       {@code CANCELLED};
 *   <li>every state a run enters once it is visible, from its upserts of the {@code
 *       OffboardingState} search attribute (a run upserts once it first waits or ends) ({@code
 *       offboarding_state_entered_total{state="NEEDS_ATTENTION"}} counts parked runs);
 *   <li>every activity attempt after the first.
 * </ul>
 *
 * <p>Workflow-side counts use {@code Workflow.getMetricsScope()}, which records nothing while a run
 * is replayed, so a run is counted once however often a worker replays it.
 */
public final class RunMetricsInterceptor extends WorkerInterceptorBase {

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
        super.init(new StateTransitions(outboundCalls));
      }

      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        WorkflowOutput output;
        try {
          output = super.execute(input);
        } catch (CanceledFailure e) {
          OffboardingMetrics.runFinished(Workflow.getMetricsScope(), "CANCELLED", null);
          throw e;
        } catch (ApplicationFailure e) {
          OffboardingMetrics.runFinished(Workflow.getMetricsScope(), "FAILED", e.getType());
          throw e;
        } catch (TemporalFailure e) {
          OffboardingMetrics.runFinished(
              Workflow.getMetricsScope(), "FAILED", e.getClass().getSimpleName());
          throw e;
        }
        String outcome =
            output.getResult() instanceof OffboardingReceipt receipt && receipt.outcome() != null
                ? receipt.outcome().name()
                : "COMPLETED";
        OffboardingMetrics.runFinished(Workflow.getMetricsScope(), outcome, null);
        return output;
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
        if (context.getInfo().getAttempt() > 1) {
          OffboardingMetrics.activityRetried(context.getMetricsScope());
        }
        return super.execute(input);
      }
    };
  }

  /** Counts each new value of {@code OffboardingState} as a state entered. */
  private static final class StateTransitions extends WorkflowOutboundCallsInterceptorBase {
    private String state;

    StateTransitions(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void upsertTypedSearchAttributes(SearchAttributeUpdate<?>... updates) {
      super.upsertTypedSearchAttributes(updates);
      for (SearchAttributeUpdate<?> update : updates) {
        if (update.getKey().getName().equals(OffboardingSearchAttributes.STATE_NAME)) {
          String next = update.getValue().map(String::valueOf).orElse(null);
          if (next != null && !Objects.equals(next, state)) {
            OffboardingMetrics.stateEntered(Workflow.getMetricsScope(), next);
          }
          state = next;
        }
      }
    }
  }
}
