// Start and steer SuprSend offboardings (the Java worker's UserOffboarding workflow) from
// TypeScript, following the contract in docs/contract.md. Copy what you need.
import { Client, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';

export const WORKFLOW_TYPE = 'UserOffboarding';
export const TASK_QUEUE = 'suprsend-offboarding';
export const STATUS_QUERY = 'status';

/** The workflow input; only distinctId is required. */
export interface OffboardingRequest {
  distinctId: string;
  reason?: string;
  requestedBy?: string;
  gracePeriod?: string; // ISO-8601 duration, e.g. 'PT72H'
  requireApproval?: boolean;
  dueBy?: string; // ISO-8601 instant
}

export interface OperatorAction {
  action: string;
  operator: string;
  at: string;
  note: string | null;
}

/** The receipt (fields used most; clients/schema has them all). */
export interface OffboardingReceipt {
  distinctId: string;
  outcome: 'DELETED' | 'ALREADY_ABSENT' | 'SKIPPED_BY_OPERATOR' | 'CANCELLED' | 'REJECTED' | 'ABORTED';
  httpStatus: number;
  attempts: number;
  startedAt: string;
  completedAt: string;
  workflowId: string;
  runId: string;
  reason: string | null;
  requestedBy: string | null;
  operatorActions: OperatorAction[];
}

/** What the status query answers (fields used most). */
export interface OffboardingStatus {
  state: string;
  attempts: number;
  lastError: string | null;
  outcome: string | null;
  waitingFor: string | null;
  allowedActions: string[];
  waitUntil: string | null;
}

export type Update = 'approve' | 'reject' | 'cancel' | 'retry' | 'skip' | 'abort';

export const workflowId = (distinctId: string): string => `suprsend-offboarding:${distinctId}`;

/**
 * Starts the offboarding of request.distinctId, or returns the user's existing run: an open one
 * (USE_EXISTING) or a completed one (ALLOW_DUPLICATE_FAILED_ONLY refuses a second offboarding; its
 * receipt is the answer).
 */
export async function start(client: Client, request: OffboardingRequest): Promise<WorkflowHandle> {
  try {
    return await client.workflow.start(WORKFLOW_TYPE, {
      args: [request],
      workflowId: workflowId(request.distinctId),
      taskQueue: TASK_QUEUE,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) {
      return client.workflow.getHandle(workflowId(request.distinctId));
    }
    throw e;
  }
}

/** Sends an operator decision; rejects with WorkflowUpdateFailedError when it does not fit. */
export async function update(
  handle: WorkflowHandle,
  name: Update,
  operator: string,
  note?: string,
): Promise<OperatorAction> {
  return handle.executeUpdate<OperatorAction, [{ operator: string; note?: string }]>(name, {
    args: [{ operator, note }],
  });
}
