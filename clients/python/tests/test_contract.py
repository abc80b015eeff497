import asyncio
import sys
from pathlib import Path

import pytest
from temporalio.client import WorkflowFailureError, WorkflowUpdateFailedError
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import offboarding  # noqa: E402
from harness import add_user, conforms, connect, deletes_of, unique_id, user_exists, wait_for_state  # noqa: E402

TIMEOUT = 90


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, TIMEOUT))


def test_starting_by_type_name_deletes_the_user_and_returns_the_receipt():
    async def scenario():
        client, distinct_id = await connect(), unique_id("deleted")
        add_user(distinct_id)
        request = conforms(
            "offboarding-request.schema.json",
            {"distinctId": distinct_id, "reason": "account closed", "requestedBy": "python-contract-test"},
        )
        handle = await offboarding.start(client, request)
        receipt = conforms("offboarding-receipt.schema.json", await handle.result())

        assert (receipt["outcome"], receipt["httpStatus"], receipt["attempts"]) == ("DELETED", 204, 1)
        assert receipt["workflowId"] == f"suprsend-offboarding:{distinct_id}"
        assert receipt["runId"] == handle.result_run_id
        assert (receipt["reason"], receipt["requestedBy"]) == ("account closed", "python-contract-test")
        assert not user_exists(distinct_id)
        assert deletes_of(distinct_id) == 1

    run(scenario())


def test_starting_the_same_user_again_returns_the_same_run_and_never_deletes_twice():
    async def scenario():
        client, distinct_id = await connect(), unique_id("again")
        add_user(distinct_id)
        request = {"distinctId": distinct_id, "gracePeriod": "PT2S"}

        first = await offboarding.start(client, request)
        while_open = await offboarding.start(client, request)  # USE_EXISTING: the open run
        assert while_open.first_execution_run_id == first.first_execution_run_id
        receipt = await first.result()

        # After completion ALLOW_DUPLICATE_FAILED_ONLY refuses a new run.
        with pytest.raises(WorkflowAlreadyStartedError):
            await client.start_workflow(
                offboarding.WORKFLOW_TYPE,
                request,
                id=offboarding.workflow_id(distinct_id),
                task_queue=offboarding.TASK_QUEUE,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
            )
        again = await (await offboarding.start(client, request)).result()
        assert again == receipt
        assert again["outcome"] == "DELETED"
        assert deletes_of(distinct_id) == 1

    run(scenario())


def test_the_status_query_during_the_grace_period_says_what_the_run_waits_for():
    async def scenario():
        client, distinct_id = await connect(), unique_id("status")
        add_user(distinct_id)
        handle = await offboarding.start(client, {"distinctId": distinct_id, "gracePeriod": "PT1H"})
        status = await wait_for_state(handle, "GRACE_PERIOD")

        assert status["attempts"] == 0 and status["outcome"] is None
        assert "grace period" in status["waitingFor"]
        assert status["allowedActions"] == ["cancel"]
        assert status["waitUntil"]
        await offboarding.update(handle, "cancel", "python-contract-test", "cleanup")

    run(scenario())


def test_cancel_during_the_grace_period_ends_the_run_cancelled_and_keeps_the_user():
    async def scenario():
        client, distinct_id = await connect(), unique_id("cancel")
        add_user(distinct_id)
        handle = await offboarding.start(client, {"distinctId": distinct_id, "gracePeriod": "PT1H"})
        await wait_for_state(handle, "GRACE_PERIOD")

        action = await offboarding.update(handle, "cancel", "python-contract-test", "changed our mind")
        assert (action["action"], action["operator"]) == ("cancel", "python-contract-test")
        receipt = conforms("offboarding-receipt.schema.json", await handle.result())

        assert (receipt["outcome"], receipt["httpStatus"]) == ("CANCELLED", 0)
        assert [a["note"] for a in receipt["operatorActions"]] == ["changed our mind"]
        assert user_exists(distinct_id)
        assert deletes_of(distinct_id) == 0

    run(scenario())


def test_an_update_that_does_not_fit_the_state_is_refused_by_its_validator_with_the_reason():
    async def scenario():
        client, distinct_id = await connect(), unique_id("refused")
        add_user(distinct_id)
        handle = await offboarding.start(client, {"distinctId": distinct_id, "gracePeriod": "PT1H"})
        await wait_for_state(handle, "GRACE_PERIOD")

        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await offboarding.update(handle, "skip", "python-contract-test", "gone already")
        assert isinstance(refused.value.cause, ApplicationError)
        assert refused.value.cause.message == (
            "skip refused: the run is GRACE_PERIOD: nothing has failed that waits for a decision. Possible now: cancel."
        )
        await wait_for_state(handle, "GRACE_PERIOD")  # refused before the history: nothing changed
        await offboarding.update(handle, "cancel", "python-contract-test", "cleanup")

    run(scenario())


@pytest.mark.parametrize(
    "problem, request_json", [("blank", {"distinctId": "  "}), ("missing", {"reason": "no id given"})]
)
def test_malformed_input_fails_the_run_with_invalid_offboarding_request(problem, request_json):
    async def scenario():
        client = await connect()
        handle = await client.start_workflow(
            offboarding.WORKFLOW_TYPE,
            request_json,
            id=offboarding.workflow_id(unique_id("malformed-" + problem)),
            task_queue=offboarding.TASK_QUEUE,
        )
        with pytest.raises(WorkflowFailureError) as failed:
            await handle.result()
        assert isinstance(failed.value.cause, ApplicationError)
        assert failed.value.cause.type == "InvalidOffboardingRequest"
        assert f"distinctId is {problem}" in failed.value.cause.message

    run(scenario())
