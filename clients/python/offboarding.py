"""Start and steer SuprSend offboardings (the Java worker's UserOffboarding workflow) from Python,
following the contract in docs/contract.md. Copy what you need."""

from typing import Any

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

WORKFLOW_TYPE = "UserOffboarding"
TASK_QUEUE = "suprsend-offboarding"
STATUS_QUERY = "status"
UPDATES = ("approve", "reject", "cancel", "retry", "skip", "abort")


def workflow_id(distinct_id: str) -> str:
    return f"suprsend-offboarding:{distinct_id}"


async def start(client: Client, request: dict[str, Any]) -> WorkflowHandle:
    """Starts the offboarding of request["distinctId"], or returns the user's existing run:
    an open one (USE_EXISTING) or a completed one (ALLOW_DUPLICATE_FAILED_ONLY refuses a second
    offboarding; its receipt is the answer)."""
    try:
        return await client.start_workflow(
            WORKFLOW_TYPE,
            request,
            id=workflow_id(request["distinctId"]),
            task_queue=TASK_QUEUE,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        )
    except WorkflowAlreadyStartedError:
        return client.get_workflow_handle(workflow_id(request["distinctId"]))


async def update(handle: WorkflowHandle, name: str, operator: str, note: str | None = None) -> dict:
    """Sends an operator decision; raises WorkflowUpdateFailedError with the validator's reason
    when it does not fit the run's state."""
    return await handle.execute_update(name, {"operator": operator, "note": note})
