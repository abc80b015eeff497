package offboarding

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.temporal.io/sdk/client"
)

// The stack comes from clients/run-contract-tests.sh: the real Temporal dev server, the worker
// jar and the SuprSend sandbox (whose control plane adds users and shows the requests it got).

func env(t *testing.T, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Fatalf("%s is not set: run these tests through clients/run-contract-tests.sh go", name)
	}
	return v
}

func newClient(t *testing.T) client.Client {
	t.Helper()
	c, err := client.Dial(client.Options{HostPort: env(t, "TEMPORAL_ADDRESS")})
	if err != nil {
		t.Fatalf("connect to Temporal: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// uniqueID is a distinct id no earlier run used, so the tests can run again on the same server.
func uniqueID(name string) string {
	return fmt.Sprintf("go-%s-%d", name, time.Now().UnixNano())
}

var httpClient = &http.Client{Timeout: 10 * time.Second}

func sandbox(t *testing.T, method, path string, body any) []byte {
	t.Helper()
	var in io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		in = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, env(t, "SANDBOX_URL")+path, in)
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatalf("sandbox %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if resp.StatusCode != 200 && resp.StatusCode != 404 {
		t.Fatalf("sandbox %s %s: %d %s", method, path, resp.StatusCode, out)
	}
	return out
}

func addUser(t *testing.T, id string) {
	sandbox(t, http.MethodPost, "/_sandbox/users", map[string]any{"distinct_ids": []string{id}})
}

func userExists(t *testing.T, id string) bool {
	var u struct {
		Exists bool `json:"exists"`
	}
	_ = json.Unmarshal(sandbox(t, http.MethodGet, "/_sandbox/users/"+url.PathEscape(id), nil), &u)
	return u.Exists
}

// deletesOf counts the DELETE requests the sandbox received for the user.
func deletesOf(t *testing.T, id string) int {
	var recorded []struct {
		Method     string `json:"method"`
		DistinctID string `json:"distinct_id"`
	}
	if err := json.Unmarshal(sandbox(t, http.MethodGet, "/_sandbox/requests", nil), &recorded); err != nil {
		t.Fatalf("sandbox requests: %v", err)
	}
	n := 0
	for _, r := range recorded {
		if r.Method == http.MethodDelete && r.DistinctID == id {
			n++
		}
	}
	return n
}

// conforms checks raw JSON against one of the committed schemas (clients/schema) and decodes it.
func conforms(t *testing.T, schema string, raw json.RawMessage, into any) {
	t.Helper()
	dir := os.Getenv("CONTRACT_SCHEMA_DIR")
	if dir == "" {
		dir = "../../schema"
	}
	compiled, err := jsonschema.Compile(filepath.Join(dir, schema))
	if err != nil {
		t.Fatalf("compile %s: %v", schema, err)
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("not JSON: %v: %s", err, raw)
	}
	if err := compiled.Validate(doc); err != nil {
		t.Fatalf("%s does not conform to %s: %v", raw, schema, err)
	}
	if into != nil {
		if err := json.Unmarshal(raw, into); err != nil {
			t.Fatalf("decode: %v", err)
		}
	}
}
