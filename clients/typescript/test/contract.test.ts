import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApplicationFailure,
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import * as offboarding from '../src/offboarding.js';
import type { OffboardingReceipt, OperatorAction } from '../src/offboarding.js';
import { addUser, conforms, connect, deletesOf, uniqueId, userExists, waitForState } from './harness.js';

describe('the offboarding contract from TypeScript', { timeout: 180_000 }, () => {
  let client: Client;
  before(async () => {
    client = await connect();
  });
  after(async () => {
    await client.connection.close();
  });

  it('starting by type name deletes the user and returns the receipt', async () => {
    const id = uniqueId('deleted');
    await addUser(id);
    const request = conforms<offboarding.OffboardingRequest>('offboarding-request.schema.json', {
      distinctId: id,
      reason: 'account closed',
      requestedBy: 'typescript-contract-test',
    });
    const handle = await offboarding.start(client, request);
    const receipt = conforms<OffboardingReceipt>('offboarding-receipt.schema.json', await handle.result());

    assert.deepEqual([receipt.outcome, receipt.httpStatus, receipt.attempts], ['DELETED', 204, 1]);
    assert.equal(receipt.workflowId, `suprsend-offboarding:${id}`);
    assert.equal(receipt.runId, (await handle.describe()).runId);
    assert.deepEqual([receipt.reason, receipt.requestedBy], ['account closed', 'typescript-contract-test']);
    assert.equal(await userExists(id), false);
    assert.equal(await deletesOf(id), 1);
  });

  it('starting the same user again returns the same run and never deletes twice', async () => {
    const id = uniqueId('again');
    await addUser(id);
    const request = { distinctId: id, gracePeriod: 'PT2S' };

    const first = await offboarding.start(client, request);
    const whileOpen = await offboarding.start(client, request); // USE_EXISTING: the open run
    assert.equal((await whileOpen.describe()).runId, (await first.describe()).runId);
    const receipt = await first.result();

    // After completion ALLOW_DUPLICATE_FAILED_ONLY refuses a new run.
    await assert.rejects(
      client.workflow.start(offboarding.WORKFLOW_TYPE, {
        args: [request],
        workflowId: offboarding.workflowId(id),
        taskQueue: offboarding.TASK_QUEUE,
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      }),
      WorkflowExecutionAlreadyStartedError,
    );
    const again = await (await offboarding.start(client, request)).result();
    assert.deepEqual(again, receipt);
    assert.equal(again.outcome, 'DELETED');
    assert.equal(await deletesOf(id), 1);
  });

  it('the status query during the grace period says what the run waits for', async () => {
    const id = uniqueId('status');
    await addUser(id);
    const handle = await offboarding.start(client, { distinctId: id, gracePeriod: 'PT1H' });
    const status = await waitForState(handle, 'GRACE_PERIOD');

    assert.equal(status.attempts, 0);
    assert.equal(status.outcome, null);
    assert.match(status.waitingFor ?? '', /grace period/);
    assert.deepEqual(status.allowedActions, ['cancel']);
    assert.ok(status.waitUntil);
    await offboarding.update(handle, 'cancel', 'typescript-contract-test', 'cleanup');
  });

  it('cancel during the grace period ends the run CANCELLED and keeps the user', async () => {
    const id = uniqueId('cancel');
    await addUser(id);
    const handle = await offboarding.start(client, { distinctId: id, gracePeriod: 'PT1H' });
    await waitForState(handle, 'GRACE_PERIOD');

    const action: OperatorAction = await offboarding.update(handle, 'cancel', 'typescript-contract-test', 'changed our mind');
    assert.deepEqual([action.action, action.operator], ['cancel', 'typescript-contract-test']);
    const receipt = conforms<OffboardingReceipt>('offboarding-receipt.schema.json', await handle.result());

    assert.deepEqual([receipt.outcome, receipt.httpStatus], ['CANCELLED', 0]);
    assert.deepEqual(receipt.operatorActions.map((a) => a.note), ['changed our mind']);
    assert.equal(await userExists(id), true);
    assert.equal(await deletesOf(id), 0);
  });

  it('an update that does not fit the state is refused by its validator with the reason', async () => {
    const id = uniqueId('refused');
    await addUser(id);
    const handle = await offboarding.start(client, { distinctId: id, gracePeriod: 'PT1H' });
    await waitForState(handle, 'GRACE_PERIOD');

    await assert.rejects(offboarding.update(handle, 'skip', 'typescript-contract-test', 'gone already'), (e: unknown) => {
      assert.ok(e instanceof WorkflowUpdateFailedError);
      assert.ok(e.cause instanceof ApplicationFailure);
      assert.equal(
        e.cause.message,
        'skip refused: the run is GRACE_PERIOD: nothing has failed that waits for a decision. Possible now: cancel.',
      );
      return true;
    });
    await waitForState(handle, 'GRACE_PERIOD'); // refused before the history: nothing changed
    await offboarding.update(handle, 'cancel', 'typescript-contract-test', 'cleanup');
  });

  for (const [problem, input] of [
    ['blank', { distinctId: '  ' }],
    ['missing', { reason: 'no id given' }],
  ] as const) {
    it(`malformed input (distinctId ${problem}) fails the run with InvalidOffboardingRequest`, async () => {
      const handle = await client.workflow.start(offboarding.WORKFLOW_TYPE, {
        args: [input],
        workflowId: offboarding.workflowId(uniqueId(`malformed-${problem}`)),
        taskQueue: offboarding.TASK_QUEUE,
      });
      await assert.rejects(handle.result(), (e: unknown) => {
        assert.ok(e instanceof WorkflowFailedError);
        assert.ok(e.cause instanceof ApplicationFailure);
        assert.equal(e.cause.type, 'InvalidOffboardingRequest');
        assert.match(e.cause.message, new RegExp(`distinctId is ${problem}`));
        return true;
      });
    });
  }
});
