// Package accountclosure is an example parent workflow: closing an account offboards the user from
// SuprSend by starting UserOffboarding (run by the Java worker) as a child workflow on the
// offboarding task queue, with the documented workflow id, and reads its receipt.
package accountclosure

import (
	"context"
	"errors"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/suprsend-offboarding/clients/go/offboarding"
)

// Request asks to close one account.
type Request struct {
	DistinctID  string `json:"distinctId"`
	GracePeriod string `json:"gracePeriod,omitempty"`
}

// Result is what the closure learned from the offboarding's receipt.
type Result struct {
	DistinctID         string `json:"distinctId"`
	OffboardingOutcome string `json:"offboardingOutcome"`
	OffboardingRunID   string `json:"offboardingRunId"`
	StartedHere        bool   `json:"startedHere"` // false: another system had offboarded the user already
}

// AccountClosure offboards the user as a child workflow.
//
// Parent close policy ABANDON: once the delete is under way it must finish (or wait in
// NEEDS_ATTENTION for an operator) whatever happens to the account closure. The default, TERMINATE,
// would kill the offboarding half-way when the closure ends, fails, times out or is reset, and
// REQUEST_CANCEL would cancel it by accident; the offboarding has its own cancel update for a
// deliberate decision. The id is the documented one, so a closure run twice, or a user offboarded by
// another system, never deletes twice: the child start is refused and the existing run's receipt is
// read instead.
func AccountClosure(ctx workflow.Context, req Request) (Result, error) {
	childCtx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
		WorkflowID:            offboarding.WorkflowID(req.DistinctID),
		TaskQueue:             offboarding.TaskQueue,
		ParentClosePolicy:     enumspb.PARENT_CLOSE_POLICY_ABANDON,
		WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY,
	})
	child := workflow.ExecuteChildWorkflow(childCtx, offboarding.WorkflowType, offboarding.Request{
		DistinctID:  req.DistinctID,
		Reason:      "account closed",
		RequestedBy: "account-closure",
		GracePeriod: req.GracePeriod,
	})
	var receipt offboarding.Receipt
	err := child.GetChildWorkflowExecution().Get(ctx, nil)
	var exists *temporal.ChildWorkflowExecutionAlreadyStartedError
	switch {
	case errors.As(err, &exists):
		// Already offboarded (or being offboarded) by someone else: wait for that run's receipt.
		actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Minute})
		if err := workflow.ExecuteActivity(actx, (*Activities).ExistingReceipt, req.DistinctID).Get(ctx, &receipt); err != nil {
			return Result{}, err
		}
		return result(req, receipt, false), nil
	case err != nil:
		return Result{}, err
	}
	if err := child.Get(ctx, &receipt); err != nil {
		return Result{}, err
	}
	return result(req, receipt, true), nil
}

func result(req Request, receipt offboarding.Receipt, startedHere bool) Result {
	return Result{
		DistinctID:         req.DistinctID,
		OffboardingOutcome: receipt.Outcome,
		OffboardingRunID:   receipt.RunID,
		StartedHere:        startedHere,
	}
}

// Activities reach Temporal through a client, for what a workflow cannot do itself.
type Activities struct {
	Client client.Client
}

// ExistingReceipt waits for the receipt of the user's latest offboarding run (each attempt up to
// its start-to-close timeout; the retry policy tries again).
func (a *Activities) ExistingReceipt(ctx context.Context, distinctID string) (offboarding.Receipt, error) {
	var receipt offboarding.Receipt
	activity.GetLogger(ctx).Info("reading the receipt of an existing offboarding", "workflowId", offboarding.WorkflowID(distinctID))
	err := a.Client.GetWorkflow(ctx, offboarding.WorkflowID(distinctID), "").Get(ctx, &receipt)
	return receipt, err
}
