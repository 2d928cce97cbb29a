package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden payloads")

// The messages the bot sends for the fixed questions and digest, as Discord
// gets them, are those in testdata/payloads.json: a change in what users see
// shows in review as a change of that file (go test ./cmd/payloads -update).
func TestPayloadsGolden(t *testing.T) {
	var got bytes.Buffer
	if err := run(context.Background(), "", &got); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/payloads.json"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("the payloads differ from %s; look at them (render/README.md) and run go test ./cmd/payloads -update if they read better", golden)
	}
	for _, forbidden := range []string{".txt", "@everyone", "@here"} {
		if bytes.Contains(got.Bytes(), []byte(forbidden)) {
			t.Errorf("a payload holds %q", forbidden)
		}
	}
}
