package nexuscaller

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

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/suprsend-offboarding/clients/go/offboarding"
)

// The caller runs in its own namespace (NEXUS_CALLER_NAMESPACE) on a Go worker in this process; the
// endpoint routes to the Java worker's task queue in the offboarding namespace.

func setup(t *testing.T) (client.Client, context.Context, string) {
	t.Helper()
	address, namespace := os.Getenv("TEMPORAL_ADDRESS"), os.Getenv("NEXUS_CALLER_NAMESPACE")
	if address == "" || namespace == "" || os.Getenv("SANDBOX_URL") == "" {
		t.Fatal("TEMPORAL_ADDRESS, NEXUS_CALLER_NAMESPACE and SANDBOX_URL are not set: run through clients/run-contract-tests.sh go")
	}
	c, err := client.Dial(client.Options{HostPort: address, Namespace: namespace})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	queue := fmt.Sprintf("nexus-caller-test-%d", time.Now().UnixNano())
	w := worker.New(c, queue, worker.Options{})
	w.RegisterWorkflow(Offboard)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Stop)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	return c, ctx, queue
}

func sandbox(t *testing.T, method, path string, body any) []byte {
	var in io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		in = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, os.Getenv("SANDBOX_URL")+path, in)
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	return out
}

func deletesOf(t *testing.T, id string) int {
	var recorded []struct {
		Method     string `json:"method"`
		DistinctID string `json:"distinct_id"`
	}
	_ = json.Unmarshal(sandbox(t, http.MethodGet, "/_sandbox/requests", nil), &recorded)
	n := 0
	for _, r := range recorded {
		if r.Method == http.MethodDelete && r.DistinctID == id {
			n++
		}
	}
	return n
}

func offboard(t *testing.T, c client.Client, ctx context.Context, queue, id, callID string) offboarding.Receipt {
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: callID, TaskQueue: queue}, Offboard, offboarding.Request{DistinctID: id, Reason: "closed in another namespace"})
	if err != nil {
		t.Fatal(err)
	}
	var receipt offboarding.Receipt
	if err := run.Get(ctx, &receipt); err != nil {
		t.Fatal(err)
	}
	return receipt
}

func TestACallerInAnotherNamespaceOffboardsThroughTheNexusOperationAndGetsTheReceipt(t *testing.T) {
	c, ctx, queue := setup(t)
	id := fmt.Sprintf("go-nexus-%d", time.Now().UnixNano())
	sandbox(t, http.MethodPost, "/_sandbox/users", map[string]any{"distinct_ids": []string{id}})

	receipt := offboard(t, c, ctx, queue, id, "caller-1:"+id)
	if receipt.Outcome != "DELETED" || receipt.WorkflowID != offboarding.WorkflowID(id) || receipt.Reason != "closed in another namespace" {
		t.Errorf("receipt %+v, want DELETED by %s", receipt, offboarding.WorkflowID(id))
	}

	again := offboard(t, c, ctx, queue, id, "caller-2:"+id)
	if again.RunID != receipt.RunID || again.CompletedAt != receipt.CompletedAt {
		t.Errorf("a second call answered %+v, want the first run's receipt %+v", again, receipt)
	}
	if n := deletesOf(t, id); n != 1 {
		t.Errorf("%d DELETEs, want 1", n)
	}
}

func TestTwoCallersOfAnOpenOffboardingAttachToTheSameRun(t *testing.T) {
	c, ctx, queue := setup(t)
	id := fmt.Sprintf("go-nexus-open-%d", time.Now().UnixNano())
	sandbox(t, http.MethodPost, "/_sandbox/users", map[string]any{"distinct_ids": []string{id}})
	req := offboarding.Request{DistinctID: id, GracePeriod: "PT3S"}

	var runs []client.WorkflowRun
	for _, caller := range []string{"caller-a:", "caller-b:"} {
		run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: caller + id, TaskQueue: queue}, Offboard, req)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, run)
	}
	var first, second offboarding.Receipt
	if err := runs[0].Get(ctx, &first); err != nil {
		t.Fatal(err)
	}
	if err := runs[1].Get(ctx, &second); err != nil {
		t.Fatal(err)
	}
	if first.Outcome != "DELETED" || second.RunID != first.RunID {
		t.Errorf("receipts %+v and %+v, want one DELETED run", first, second)
	}
	if n := deletesOf(t, id); n != 1 {
		t.Errorf("%d DELETEs, want 1", n)
	}
}
