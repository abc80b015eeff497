// Package offboarding starts and steers SuprSend offboardings (the Java worker's UserOffboarding
// workflow) from Go, following the contract in docs/contract.md. Copy what you need.
package offboarding

import (
	"context"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
)

// The names the worker registers.
const (
	WorkflowType = "UserOffboarding"
	TaskQueue    = "suprsend-offboarding"
	IDPrefix     = "suprsend-offboarding:"
	StatusQuery  = "status"
)

// The operator updates; each takes an OperatorRequest and returns an OperatorAction.
const (
	Approve = "approve"
	Reject  = "reject"
	Cancel  = "cancel"
	Retry   = "retry"
	Skip    = "skip"
	Abort   = "abort"
)

// Request is the workflow input; only DistinctID is required.
type Request struct {
	DistinctID      string `json:"distinctId"`
	Reason          string `json:"reason,omitempty"`
	RequestedBy     string `json:"requestedBy,omitempty"`
	GracePeriod     string `json:"gracePeriod,omitempty"` // ISO-8601 duration, e.g. "PT72H"
	RequireApproval bool   `json:"requireApproval,omitempty"`
	DueBy           string `json:"dueBy,omitempty"` // ISO-8601 instant
}

// OperatorRequest is the argument of every update; Note is required for skip.
type OperatorRequest struct {
	Operator string `json:"operator"`
	Note     string `json:"note,omitempty"`
}

// OperatorAction is what an accepted update returns, and an entry of the receipt's operatorActions.
type OperatorAction struct {
	Action   string `json:"action"`
	Operator string `json:"operator"`
	At       string `json:"at"`
	Note     string `json:"note"`
}

// StateChange is one entry of a timeline.
type StateChange struct {
	State  string `json:"state"`
	At     string `json:"at"`
	Detail string `json:"detail"`
}

// Receipt is the workflow's result (fields used most; the JSON Schema has them all).
type Receipt struct {
	DistinctID      string           `json:"distinctId"`
	Outcome         string           `json:"outcome"`
	HTTPStatus      int              `json:"httpStatus"`
	Attempts        int              `json:"attempts"`
	StartedAt       string           `json:"startedAt"`
	CompletedAt     string           `json:"completedAt"`
	WorkflowID      string           `json:"workflowId"`
	RunID           string           `json:"runId"`
	Reason          string           `json:"reason"`
	RequestedBy     string           `json:"requestedBy"`
	GracePeriod     string           `json:"gracePeriod"`
	OperatorActions []OperatorAction `json:"operatorActions"`
	Timeline        []StateChange    `json:"timeline"`
}

// Status is what the status query answers (fields used most).
type Status struct {
	State          string   `json:"state"`
	Attempts       int      `json:"attempts"`
	LastError      string   `json:"lastError"`
	Outcome        string   `json:"outcome"`
	WaitingFor     string   `json:"waitingFor"`
	AllowedActions []string `json:"allowedActions"`
	WaitUntil      string   `json:"waitUntil"`
}

// WorkflowID is the documented id of a user's offboarding.
func WorkflowID(distinctID string) string { return IDPrefix + distinctID }

// StartOptions are the documented options: the id, the task queue, USE_EXISTING (a start while a
// run is open returns that run) and ALLOW_DUPLICATE_FAILED_ONLY (a completed offboarding is never
// started again).
func StartOptions(distinctID string) client.StartWorkflowOptions {
	return client.StartWorkflowOptions{
		ID:                       WorkflowID(distinctID),
		TaskQueue:                TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY,
	}
}

// Start starts the offboarding of req.DistinctID by type name, or returns the run that already
// exists for that user (open, or completed: then its receipt is the answer).
func Start(ctx context.Context, c client.Client, req Request) (client.WorkflowRun, error) {
	return c.ExecuteWorkflow(ctx, StartOptions(req.DistinctID), WorkflowType, req)
}

// Update sends an operator decision and waits for the validator's and the workflow's answer.
func Update(ctx context.Context, c client.Client, distinctID, name string, req OperatorRequest) (OperatorAction, error) {
	var action OperatorAction
	handle, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID:   WorkflowID(distinctID),
		UpdateName:   name,
		Args:         []any{req},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err != nil {
		return action, err
	}
	err = handle.Get(ctx, &action)
	return action, err
}
