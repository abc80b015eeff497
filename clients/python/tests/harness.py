"""The stack comes from clients/run-contract-tests.sh: the real Temporal dev server, the worker jar
and the SuprSend sandbox (whose control plane adds users and shows the requests it got)."""

import asyncio
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import jsonschema
from temporalio.client import Client, WorkflowHandle

HERE = Path(__file__).resolve().parent


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run these tests through clients/run-contract-tests.sh python")
    return value


async def connect() -> Client:
    return await Client.connect(env("TEMPORAL_ADDRESS"))


def unique_id(name: str) -> str:
    """A distinct id no earlier run used, so the tests can run again on the same server."""
    return f"py-{name}-{time.time_ns()}"


def sandbox(method: str, path: str, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(env("SANDBOX_URL") + path, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read(64 << 20))
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return json.loads(e.read(1 << 20))
        raise


def add_user(distinct_id: str) -> None:
    sandbox("POST", "/_sandbox/users", {"distinct_ids": [distinct_id]})


def user_exists(distinct_id: str) -> bool:
    return sandbox("GET", "/_sandbox/users/" + urllib.parse.quote(distinct_id, safe="")).get("exists", False)


def deletes_of(distinct_id: str) -> int:
    """How many DELETE requests the sandbox received for the user."""
    return sum(
        1 for r in sandbox("GET", "/_sandbox/requests") if r["method"] == "DELETE" and r["distinct_id"] == distinct_id
    )


def conforms(schema: str, document) -> dict:
    """Validates against one of the committed schemas (clients/schema) and returns the document."""
    directory = Path(os.environ.get("CONTRACT_SCHEMA_DIR", HERE.parent.parent / "schema"))
    jsonschema.validate(
        document,
        json.loads((directory / schema).read_text()),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    return document


async def wait_for_state(handle: WorkflowHandle, state: str, limit: float = 60) -> dict:
    """Polls the status query until the run is in state, at most limit seconds."""
    deadline = time.monotonic() + limit
    while True:
        status = conforms("offboarding-status.schema.json", await handle.query("status"))
        if status["state"] == state:
            return status
        if time.monotonic() > deadline:
            raise AssertionError(f"the run never reached {state}; last status {status}")
        await asyncio.sleep(0.2)
