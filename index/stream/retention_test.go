package stream_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"newsbot/index/ingest"
	"newsbot/index/stream/natstest"
)

// Each process prunes its own index by the same day, publishing nothing:
// the indexes stay equal, old articles published again stay out of both,
// and a process that joins later and catches up from the start holds them
// only until its own prune.
func TestPrunedIndexesStayEqual(t *testing.T) {
	ctx := context.Background()
	url := natstest.Start(t)
	first := openNode(t, url, "first", t.TempDir())
	defer first.close()
	second := openNode(t, url, "second", t.TempDir())
	defer second.close()
	samples := ingest.Sources{Paths: []string{"../../testdata/articles"}}
	if _, err := ingest.Run(ctx, first.stream, samples, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := second.stream.CatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}

	cutoff := time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC) // the samples before it: 25 March to 4 April
	for _, n := range []*node{first, second} {
		pruned, err := n.index.PruneBefore(ctx, cutoff, nil)
		if err != nil || pruned.Deleted != 6 {
			t.Fatalf("prune: %+v, %v; want the 6 samples before 10 April deleted", pruned, err)
		}
		if behind, err := n.stream.Behind(ctx); err != nil || behind != 0 {
			t.Errorf("after the prunes a process is %d behind (%v); want 0: a prune publishes nothing", behind, err)
		}
	}
	want := first.ids(t)
	if got := second.ids(t); len(want) != 15 || !slices.Equal(got, want) {
		t.Fatalf("after the prunes the indexes hold %d and %d articles; want the same 15", len(want), len(got))
	}

	// Copies of the samples read through the second process (copies: the
	// stream keeps one message for the same article from the same file
	// published twice within minutes).
	copies := t.TempDir()
	files, err := ingest.ListFiles(samples.Paths)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(copies, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	again, err := ingest.Run(ctx, second.stream, ingest.Sources{Paths: []string{copies}}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	caught, err := first.stream.CatchUp(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.TooOld != 6 || again.Added != 0 || caught.TooOld != 6 || caught.Added != 0 {
		t.Errorf("copies of the samples: %+v here, %+v on the other; want 6 too old on both, none added", again.Report, caught)
	}
	if !slices.Equal(first.ids(t), want) || !slices.Equal(second.ids(t), want) {
		t.Errorf("the old articles came back")
	}

	third := openNode(t, url, "third", t.TempDir())
	defer third.close()
	if _, err := third.stream.CatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(third.ids(t)); n != 21 {
		t.Errorf("a new process holds %d articles before its prune; want the stream's 21", n)
	}
	if _, err := third.index.PruneBefore(ctx, cutoff, nil); err != nil {
		t.Fatal(err)
	}
	if got := third.ids(t); !slices.Equal(got, want) {
		t.Errorf("after its prune a new process holds %d articles; want the others' %d", len(got), len(want))
	}
}
