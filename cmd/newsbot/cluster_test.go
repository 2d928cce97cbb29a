package main

import (
	"fmt"
	"slices"
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

// An index made before its process joined the cluster is published once,
// at the first start in cluster mode, so that the others get its articles.
func TestClusterPublishesAnIndexMadeAlone(t *testing.T) {
	alone, there := t.TempDir(), t.TempDir()
	if _, stderr, err := runNewsbot(t, nil, "index", "--data", alone, samples); err != nil {
		t.Fatalf("index alone: %v\n%s", err, stderr)
	}
	want := articleIDs(t, alone)
	env := map[string]string{"NEWSBOT_NATS_URL": natstest.Start(t)}
	_, stderr, err := runNewsbot(t, env, "ask", "--data", alone, "Witkoff")
	if err != nil || !strings.Contains(stderr, fmt.Sprintf("this index holds %d articles from before it joined the cluster", len(want))) {
		t.Fatalf("the first start in cluster mode: %v\n%s", err, stderr)
	}
	if _, stderr, err := runNewsbot(t, env, "ask", "--data", alone, "Witkoff"); err != nil || strings.Contains(stderr, "publishing") {
		t.Errorf("the second start published again: %v\n%s", err, stderr)
	}
	if _, stderr, err := runNewsbot(t, env, "ask", "--data", there, "Witkoff"); err != nil {
		t.Fatalf("ask from another data directory: %v\n%s", err, stderr)
	}
	if got := articleIDs(t, there); !slices.Equal(got, want) {
		t.Errorf("the other process has %d articles; want the %d of the index made alone", len(got), len(want))
	}
}
