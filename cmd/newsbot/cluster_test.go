package main

import (
	"strings"
	"testing"

	"newsbot/index/stream/natstest"
)

// In cluster mode, articles indexed through one data directory are answered
// from another, which catches up from the stream first.
func TestClusterIndexHereAskThere(t *testing.T) {
	env := map[string]string{"NEWSBOT_NATS_URL": natstest.Start(t)}
	here, there := t.TempDir(), t.TempDir()
	out, stderr, err := runNewsbot(t, env, "index", "--data", here, samples)
	if err != nil || !strings.HasPrefix(out, "added ") || strings.HasPrefix(out, "added 0,") {
		t.Fatalf("index through the stream: %v\n%s%s", err, out, stderr)
	}
	out, stderr, err = runNewsbot(t, env, "ask", "--data", there, "Witkoff")
	if err != nil || !strings.Contains(out, "Witkoff") || !strings.Contains(stderr, "caught up with the stream of articles") {
		t.Fatalf("ask from another data directory: %v\n%s%s", err, out, stderr)
	}
	again, stderr, err := runNewsbot(t, env, "ask", "--data", there, "Witkoff")
	if err != nil || again != out || strings.Contains(stderr, "caught up") {
		t.Errorf("asking again: %v, stderr %q; want the same answer with nothing to catch up", err, stderr)
	}
	env["NEWSBOT_NATS_REPLICAS"] = "many"
	if _, _, err := runNewsbot(t, env, "ask", "--data", there, "Witkoff"); err == nil || !strings.Contains(err.Error(), "NEWSBOT_NATS_REPLICAS") {
		t.Errorf("a bad NEWSBOT_NATS_REPLICAS: %v; want it named", err)
	}
}
