// Package nexuscaller offboards users from a workflow in another namespace (another team's), through
// the Nexus endpoint that routes to the offboarding worker: service SuprSendOffboarding, operation
// offboard, input the workflow's request, output its receipt.
package nexuscaller

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/suprsend-offboarding/clients/go/offboarding"
)

// The names the worker registers, and the endpoint `./offboard dev` creates.
const (
	Endpoint  = "suprsend-offboarding"
	Service   = "SuprSendOffboarding"
	Operation = "offboard"
)

// Offboard runs the offboarding as a Nexus operation and returns its receipt. A second call for the
// same user attaches to the open run, or answers the completed run's receipt: never a second delete.
func Offboard(ctx workflow.Context, req offboarding.Request) (offboarding.Receipt, error) {
	client := workflow.NewNexusClient(Endpoint, Service)
	operation := client.ExecuteOperation(ctx, Operation, req, workflow.NexusOperationOptions{
		ScheduleToCloseTimeout: 31 * 24 * time.Hour, // the offboarding's own due date is a month
	})
	var receipt offboarding.Receipt
	err := operation.Get(ctx, &receipt)
	return receipt, err
}
