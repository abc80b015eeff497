// The stack comes from clients/run-contract-tests.sh: the real Temporal dev server, the worker jar
// and the SuprSend sandbox (whose control plane adds users and shows the requests it got).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { OffboardingStatus } from '../src/offboarding.js';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through clients/run-contract-tests.sh typescript`);
  return value;
}

export async function connect(): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address: env('TEMPORAL_ADDRESS') }) });
}

/** A distinct id no earlier run used, so the tests can run again on the same server. */
export const uniqueId = (name: string): string => `ts-${name}-${process.hrtime.bigint()}`;

async function sandbox(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(env('SANDBOX_URL') + path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok && response.status !== 404) throw new Error(`sandbox ${method} ${path}: ${response.status}`);
  return response.json();
}

export const addUser = (id: string) => sandbox('POST', '/_sandbox/users', { distinct_ids: [id] });

export const userExists = async (id: string): Promise<boolean> =>
  (await sandbox('GET', `/_sandbox/users/${encodeURIComponent(id)}`)).exists === true;

/** How many DELETE requests the sandbox received for the user. */
export async function deletesOf(id: string): Promise<number> {
  const recorded: { method: string; distinct_id: string }[] = await sandbox('GET', '/_sandbox/requests');
  return recorded.filter((r) => r.method === 'DELETE' && r.distinct_id === id).length;
}

const schemaDir =
  process.env.CONTRACT_SCHEMA_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema');
const ajv = new Ajv2020({ allErrors: true });
(formats as unknown as (a: Ajv2020) => void)(ajv);

/** Validates against one of the committed schemas (clients/schema) and returns the document. */
export function conforms<T>(schema: string, document: unknown): T {
  const validate = ajv.getSchema(schema) ?? ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, schema), 'utf8')), schema).getSchema(schema)!;
  if (!validate(document)) {
    throw new Error(`${JSON.stringify(document)} does not conform to ${schema}: ${ajv.errorsText(validate.errors)}`);
  }
  return document as T;
}

/** Polls the status query until the run is in state, at most limitMs. */
export async function waitForState(handle: WorkflowHandle, state: string, limitMs = 60_000): Promise<OffboardingStatus> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const status = conforms<OffboardingStatus>('offboarding-status.schema.json', await handle.query('status'));
    if (status.state === state) return status;
    if (Date.now() > deadline) throw new Error(`the run never reached ${state}; last status ${JSON.stringify(status)}`);
    await sleep(200);
  }
}
