package dev.offboarding.suprsend.nexus;

import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.workflow.OffboardingWorkflowOptions;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.nexusrpc.handler.HandlerException;
import io.nexusrpc.handler.OperationHandler;
import io.nexusrpc.handler.OperationImpl;
import io.nexusrpc.handler.ServiceImpl;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.nexus.TemporalOperationHandler;
import io.temporal.nexus.TemporalOperationResult;

/**
 * Runs {@link SuprSendOffboarding#offboard} as the {@code UserOffboarding} workflow on the worker's
 * task queue: an open run is attached to (conflict policy {@code USE_EXISTING}); a completed one is
 * refused by the reuse policy, and its receipt is the operation's (synchronous) answer.
 */
@ServiceImpl(service = SuprSendOffboarding.class)
public final class SuprSendOffboardingHandler {

  private final String taskQueue;
  private final IdScheme scheme;

  public SuprSendOffboardingHandler(String taskQueue, IdScheme scheme) {
    this.taskQueue = taskQueue;
    this.scheme = scheme;
  }

  @OperationImpl
  public OperationHandler<OffboardingRequest, OffboardingReceipt> offboard() {
    return TemporalOperationHandler.create(
        (context, client, request) -> {
          if (request == null || request.distinctId() == null || request.distinctId().isBlank()) {
            throw new HandlerException(
                HandlerException.ErrorType.BAD_REQUEST,
                "distinctId is missing or blank: pass the SuprSend distinct id of the user to"
                    + " offboard",
                (Throwable) null);
          }
          WorkflowOptions options = OffboardingWorkflowOptions.forUser(request, taskQueue, scheme);
          try {
            return client.startWorkflow(
                UserOffboarding.class, UserOffboarding::offboard, request, options);
          } catch (WorkflowExecutionAlreadyStarted completed) {
            return TemporalOperationResult.sync(
                client
                    .getWorkflowClient()
                    .newUntypedWorkflowStub(options.getWorkflowId())
                    .getResult(OffboardingReceipt.class));
          }
        });
  }
}
