package accountclosure

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/suprsend-offboarding/clients/go/offboarding"
)

// These tests run the parent on a Go worker in this process and the child on the Java worker that
// clients/run-contract-tests.sh starts, against the real Temporal dev server.

func setup(t *testing.T) (client.Client, context.Context, string) {
	t.Helper()
	address := os.Getenv("TEMPORAL_ADDRESS")
	if address == "" || os.Getenv("SANDBOX_URL") == "" {
		t.Fatal("TEMPORAL_ADDRESS and SANDBOX_URL are not set: run through clients/run-contract-tests.sh go")
	}
	c, err := client.Dial(client.Options{HostPort: address})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	queue := fmt.Sprintf("account-closure-test-%d", time.Now().UnixNano())
	w := worker.New(c, queue, worker.Options{})
	w.RegisterWorkflow(AccountClosure)
	w.RegisterActivity(&Activities{Client: c})
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Stop)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	return c, ctx, queue
}

func addUser(t *testing.T, id string) {
	body, _ := json.Marshal(map[string]any{"distinct_ids": []string{id}})
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Post(os.Getenv("SANDBOX_URL")+"/_sandbox/users", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func deletesOf(t *testing.T, id string) int {
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Get(os.Getenv("SANDBOX_URL") + "/_sandbox/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	var recorded []struct {
		Method     string `json:"method"`
		DistinctID string `json:"distinct_id"`
	}
	_ = json.Unmarshal(raw, &recorded)
	n := 0
	for _, r := range recorded {
		if r.Method == http.MethodDelete && r.DistinctID == id {
			n++
		}
	}
	return n
}

func closeAccount(t *testing.T, c client.Client, ctx context.Context, queue string, req Request) client.WorkflowRun {
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "account-closure:" + req.DistinctID, TaskQueue: queue}, AccountClosure, req)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

func TestTheAccountClosureOffboardsTheUserAsAChildAndReadsTheReceipt(t *testing.T) {
	c, ctx, queue := setup(t)
	id := fmt.Sprintf("go-closure-%d", time.Now().UnixNano())
	addUser(t, id)

	var result Result
	if err := closeAccount(t, c, ctx, queue, Request{DistinctID: id}).Get(ctx, &result); err != nil {
		t.Fatal(err)
	}
	if result.OffboardingOutcome != "DELETED" || !result.StartedHere || result.OffboardingRunID == "" {
		t.Errorf("result %+v, want DELETED by a child started here", result)
	}
	child, err := c.DescribeWorkflowExecution(ctx, offboarding.WorkflowID(id), "")
	if err != nil {
		t.Fatal(err)
	}
	info := child.GetWorkflowExecutionInfo()
	if info.GetParentExecution().GetWorkflowId() != "account-closure:"+id || info.GetTaskQueue() != offboarding.TaskQueue {
		t.Errorf("the offboarding's parent is %v on %s", info.GetParentExecution(), info.GetTaskQueue())
	}
	if n := deletesOf(t, id); n != 1 {
		t.Errorf("%d DELETEs, want 1", n)
	}
}

func TestAUserOffboardedBeforeIsNotDeletedAgainAndTheClosureReadsTheExistingReceipt(t *testing.T) {
	c, ctx, queue := setup(t)
	id := fmt.Sprintf("go-closure-before-%d", time.Now().UnixNano())
	addUser(t, id)
	first, err := offboarding.Start(ctx, c, offboarding.Request{DistinctID: id})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Get(ctx, nil); err != nil {
		t.Fatal(err)
	}

	var result Result
	if err := closeAccount(t, c, ctx, queue, Request{DistinctID: id}).Get(ctx, &result); err != nil {
		t.Fatal(err)
	}
	if result.StartedHere || result.OffboardingRunID != first.GetRunID() || result.OffboardingOutcome != "DELETED" {
		t.Errorf("result %+v, want the earlier run %s's receipt", result, first.GetRunID())
	}
	if n := deletesOf(t, id); n != 1 {
		t.Errorf("%d DELETEs, want 1", n)
	}
}

func TestTheOffboardingOutlivesAnAccountClosureThatIsTerminated(t *testing.T) {
	c, ctx, queue := setup(t)
	id := fmt.Sprintf("go-closure-abandon-%d", time.Now().UnixNano())
	addUser(t, id)
	parent := closeAccount(t, c, ctx, queue, Request{DistinctID: id, GracePeriod: "PT1H"})

	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := c.DescribeWorkflowExecution(ctx, offboarding.WorkflowID(id), ""); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the child never started")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err := c.TerminateWorkflow(ctx, parent.GetID(), "", "test: the parent ends"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)

	child, err := c.DescribeWorkflowExecution(ctx, offboarding.WorkflowID(id), "")
	if err != nil {
		t.Fatal(err)
	}
	if s := child.GetWorkflowExecutionInfo().GetStatus(); s != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Fatalf("the offboarding is %v after its parent was terminated, want RUNNING (ABANDON)", s)
	}
	if _, err := offboarding.Update(ctx, c, id, offboarding.Cancel, offboarding.OperatorRequest{Operator: "go-test", Note: "cleanup"}); err != nil {
		t.Fatal(err)
	}
}
