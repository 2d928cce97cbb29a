package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"newsbot/index/ingest"
)

// A copy taken while articles come in opens on its own and holds every
// article indexed before it began, and what the index records of itself.
func TestCopyToWhileIngesting(t *testing.T) {
	ctx := context.Background()
	write := func(from, to int) []string {
		src := t.TempDir()
		var files []string
		for i := from; i < to; i++ {
			path := filepath.Join(src, fmt.Sprintf("%05d.txt", i))
			if err := os.WriteFile(path, []byte(fmt.Sprintf(" date 2025-04-02 Tide table %d\n\nThe harbour master posted tide table number %d for the week.\n", i, i)), 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, path)
		}
		return files
	}
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Ingest(ctx, ingest.ReadFiles(ctx, write(0, 500)), nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.SetApplied(42); err != nil {
		t.Fatal(err)
	}
	before := idsOf(t, ix)
	more := write(500, 3000)
	ingesting := make(chan error, 1)
	go func() {
		for i := 0; i < len(more); i += 100 { // many small batches, as feeds bring them
			if _, err := ix.Ingest(ctx, ingest.ReadFiles(ctx, more[i:i+100]), nil); err != nil {
				ingesting <- err
				return
			}
		}
		ingesting <- nil
	}()
	for n := 0; n < 1000; n, _ = ix.Count() { // well into the ingest
		time.Sleep(time.Millisecond)
	}
	before = idsOf(t, ix)
	backup := t.TempDir()
	if err := ix.CopyTo(backup); err != nil {
		t.Fatal(err)
	}
	if err := <-ingesting; err != nil {
		t.Fatal(err)
	}
	copied, err := Open(backup)
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	defer copied.Close()
	n, _ := copied.Count()
	seq, _ := copied.Applied()
	t.Logf("the copy holds %d articles", n)
	if n < len(before) || n > 3000 || seq != 42 || !copied.FindsFullNames() {
		t.Errorf("the copy holds %d articles, applied %d, format 2 %v; want at least the %d before it, 42, true", n, seq, copied.FindsFullNames(), len(before))
	}
	known, err := copied.Known(ctx, before)
	if err != nil || len(known) != len(before) {
		t.Errorf("the copy knows %d of the %d articles indexed before it began (%v)", len(known), len(before), err)
	}
}

// idsOf are the IDs of the articles of ix.
func idsOf(t *testing.T, ix *Index) []string {
	t.Helper()
	var ids []string
	for a, err := range ix.Every(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	return ids
}
