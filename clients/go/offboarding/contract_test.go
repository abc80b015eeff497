package offboarding

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

func TestStartingByTypeNameDeletesTheUserAndReturnsTheReceipt(t *testing.T) {
	c, ctx, id := newClient(t), testContext(t), uniqueID("deleted")
	addUser(t, id)
	req := Request{DistinctID: id, Reason: "account closed", RequestedBy: "go-contract-test"}
	input, _ := json.Marshal(req)
	conforms(t, "offboarding-request.schema.json", input, nil)

	run, err := Start(ctx, c, req)
	if err != nil {
		t.Fatal(err)
	}
	var raw json.RawMessage
	if err := run.Get(ctx, &raw); err != nil {
		t.Fatal(err)
	}
	var receipt Receipt
	conforms(t, "offboarding-receipt.schema.json", raw, &receipt)

	if receipt.Outcome != "DELETED" || receipt.HTTPStatus != 204 || receipt.Attempts != 1 {
		t.Errorf("receipt %s, want DELETED with 204 after 1 attempt", raw)
	}
	if receipt.WorkflowID != "suprsend-offboarding:"+id || receipt.RunID != run.GetRunID() {
		t.Errorf("receipt ids %s/%s, want %s/%s", receipt.WorkflowID, receipt.RunID, run.GetID(), run.GetRunID())
	}
	if receipt.Reason != "account closed" || receipt.RequestedBy != "go-contract-test" {
		t.Errorf("receipt %s lost the reason or requestedBy", raw)
	}
	if userExists(t, id) || deletesOf(t, id) != 1 {
		t.Errorf("want the user gone after exactly one DELETE, got %d", deletesOf(t, id))
	}
}

func TestStartingTheSameUserAgainReturnsTheSameRunAndNeverDeletesTwice(t *testing.T) {
	c, ctx, id := newClient(t), testContext(t), uniqueID("again")
	addUser(t, id)
	req := Request{DistinctID: id, GracePeriod: "PT2S"}

	first, err := Start(ctx, c, req)
	if err != nil {
		t.Fatal(err)
	}
	whileOpen, err := Start(ctx, c, req) // USE_EXISTING: the open run
	if err != nil {
		t.Fatal(err)
	}
	if whileOpen.GetRunID() != first.GetRunID() {
		t.Fatalf("second start while open made run %s, want %s", whileOpen.GetRunID(), first.GetRunID())
	}
	var receipt Receipt
	if err := first.Get(ctx, &receipt); err != nil {
		t.Fatal(err)
	}

	// After completion ALLOW_DUPLICATE_FAILED_ONLY refuses a new run; the Go SDK then hands back
	// the completed one, whose result is the same receipt.
	afterwards, err := Start(ctx, c, req)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if err != nil && !errors.As(err, &started) {
		t.Fatal(err)
	}
	var again Receipt
	if err := c.GetWorkflow(ctx, WorkflowID(id), "").Get(ctx, &again); err != nil {
		t.Fatal(err)
	}
	if err == nil && afterwards.GetRunID() != first.GetRunID() {
		t.Errorf("start after completion made run %s, want %s", afterwards.GetRunID(), first.GetRunID())
	}
	if again.RunID != receipt.RunID || again.Outcome != "DELETED" || again.CompletedAt != receipt.CompletedAt {
		t.Errorf("receipt after the third start %+v, want %+v", again, receipt)
	}
	if n := deletesOf(t, id); n != 1 {
		t.Errorf("SuprSend got %d DELETEs for %s, want 1", n, id)
	}
}

// waitForState polls the status query until the run is in state (bounded by ctx).
func waitForState(t *testing.T, c client.Client, id, state string) (Status, json.RawMessage) {
	t.Helper()
	ctx := testContext(t)
	for {
		value, err := c.QueryWorkflow(ctx, WorkflowID(id), "", StatusQuery)
		if err != nil {
			t.Fatal(err)
		}
		var raw json.RawMessage
		if err := value.Get(&raw); err != nil {
			t.Fatal(err)
		}
		var status Status
		conforms(t, "offboarding-status.schema.json", raw, &status)
		if status.State == state {
			return status, raw
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the run never reached %s; last status %s", state, raw)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func TestTheStatusQueryDuringTheGracePeriodSaysWhatTheRunWaitsFor(t *testing.T) {
	c, ctx, id := newClient(t), testContext(t), uniqueID("status")
	addUser(t, id)
	if _, err := Start(ctx, c, Request{DistinctID: id, GracePeriod: "PT1H"}); err != nil {
		t.Fatal(err)
	}
	status, raw := waitForState(t, c, id, "GRACE_PERIOD")
	if status.Attempts != 0 || status.Outcome != "" || status.WaitUntil == "" ||
		!strings.Contains(status.WaitingFor, "grace period") {
		t.Errorf("status %s", raw)
	}
	if len(status.AllowedActions) != 1 || status.AllowedActions[0] != Cancel {
		t.Errorf("allowed actions %v, want [cancel]", status.AllowedActions)
	}
	_, _ = Update(ctx, c, id, Cancel, OperatorRequest{Operator: "go-contract-test", Note: "cleanup"})
}

func TestCancelDuringTheGracePeriodEndsTheRunCancelledAndKeepsTheUser(t *testing.T) {
	c, ctx, id := newClient(t), testContext(t), uniqueID("cancel")
	addUser(t, id)
	run, err := Start(ctx, c, Request{DistinctID: id, GracePeriod: "PT1H"})
	if err != nil {
		t.Fatal(err)
	}
	waitForState(t, c, id, "GRACE_PERIOD")

	action, err := Update(ctx, c, id, Cancel, OperatorRequest{Operator: "go-contract-test", Note: "changed our mind"})
	if err != nil {
		t.Fatal(err)
	}
	if action.Action != Cancel || action.Operator != "go-contract-test" || action.At == "" {
		t.Errorf("recorded action %+v", action)
	}
	var raw json.RawMessage
	if err := run.Get(ctx, &raw); err != nil {
		t.Fatal(err)
	}
	var receipt Receipt
	conforms(t, "offboarding-receipt.schema.json", raw, &receipt)
	if receipt.Outcome != "CANCELLED" || receipt.HTTPStatus != 0 || len(receipt.OperatorActions) != 1 ||
		receipt.OperatorActions[0].Note != "changed our mind" {
		t.Errorf("receipt %s, want CANCELLED with the cancel recorded", raw)
	}
	if !userExists(t, id) || deletesOf(t, id) != 0 {
		t.Errorf("a cancelled offboarding must keep the user and send no DELETE")
	}
}

func TestAnUpdateThatDoesNotFitTheStateIsRefusedByItsValidatorWithTheReason(t *testing.T) {
	c, ctx, id := newClient(t), testContext(t), uniqueID("refused")
	addUser(t, id)
	if _, err := Start(ctx, c, Request{DistinctID: id, GracePeriod: "PT1H"}); err != nil {
		t.Fatal(err)
	}
	waitForState(t, c, id, "GRACE_PERIOD")

	_, err := Update(ctx, c, id, Skip, OperatorRequest{Operator: "go-contract-test", Note: "gone already"})
	var refusal *temporal.ApplicationError
	if !errors.As(err, &refusal) {
		t.Fatalf("skip during the grace period: want the validator's refusal, got %v", err)
	}
	want := "skip refused: the run is GRACE_PERIOD: nothing has failed that waits for a decision. Possible now: cancel."
	if refusal.Message() != want {
		t.Errorf("refusal %q, want %q", refusal.Message(), want)
	}
	status, _ := waitForState(t, c, id, "GRACE_PERIOD") // refused before the history: nothing changed
	if len(status.AllowedActions) != 1 {
		t.Errorf("status after the refusal %+v", status)
	}
	_, _ = Update(ctx, c, id, Cancel, OperatorRequest{Operator: "go-contract-test", Note: "cleanup"})
}

func TestMalformedInputFailsTheRunWithInvalidOffboardingRequest(t *testing.T) {
	c, ctx := newClient(t), testContext(t)
	for name, input := range map[string]map[string]any{
		"blank":   {"distinctId": "  "},
		"missing": {"reason": "no id given"},
	} {
		t.Run(name, func(t *testing.T) {
			id := uniqueID("malformed-" + name)
			run, err := c.ExecuteWorkflow(ctx, StartOptions(id), WorkflowType, input)
			if err != nil {
				t.Fatal(err)
			}
			err = run.Get(ctx, nil)
			var failure *temporal.ApplicationError
			if !errors.As(err, &failure) || failure.Type() != "InvalidOffboardingRequest" {
				t.Fatalf("want the run failed with InvalidOffboardingRequest, got %v", err)
			}
			if !strings.Contains(failure.Message(), "distinctId is "+name) {
				t.Errorf("message %q", failure.Message())
			}
		})
	}
}
