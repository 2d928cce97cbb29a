package index

import (
	"context"
	"slices"
	"testing"
	"time"

	"newsbot/index/ingest"
	"newsbot/index/news"
)

// An index made by an older newsbot, which finds a full name's words
// anywhere, is rebuilt from the text it holds into one that finds them side
// by side, with the same articles and the stream's place kept.
func TestRebuildUpgradesAnOlderIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := ingest.ListFiles([]string{"../testdata/articles"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(ctx, ingest.ReadFiles(ctx, files), nil); err != nil {
		t.Fatal(err)
	}
	before := idsOf(t, ix)
	if err := ix.SetApplied(7); err != nil {
		t.Fatal(err)
	}
	keptSince := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := ix.PruneBefore(ctx, keptSince, nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.bleve.DeleteInternal(formatKey); err != nil { // as an older newsbot left it
		t.Fatal(err)
	}
	ix.Close()
	if older, err := Open(dir); err != nil || older.FindsFullNames() {
		t.Fatalf("the older index: %v, finds full names %v", err, err == nil && older.FindsFullNames())
	} else {
		older.Close()
	}

	read := 0
	n, err := Rebuild(ctx, dir, func() { read++ })
	if err != nil || n != len(before) || read != n {
		t.Fatalf("Rebuild: %d articles (%d read), %v; want %d", n, read, err, len(before))
	}
	rebuilt, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rebuilt.Close()
	seq, _ := rebuilt.Applied()
	if kept, err := rebuilt.KeptSince(); err != nil || !kept.Equal(keptSince) {
		t.Errorf("the rebuilt index keeps articles since %v (%v); want %v, as the old one", kept, err, keptSince)
	}
	if !rebuilt.FindsFullNames() || seq != 7 || !slices.Equal(idsOf(t, rebuilt), before) {
		t.Errorf("rebuilt: finds full names %v, applied %d, %d articles; want true, 7, the %d before", rebuilt.FindsFullNames(), seq, len(idsOf(t, rebuilt)), len(before))
	}
	res, err := rebuilt.Search(ctx, news.Query{Words: []string{"Steve", "Witkoff"}})
	if err != nil || res.Total == 0 {
		t.Errorf("the rebuilt index finds %d articles on Steve Witkoff (%v)", res.Total, err)
	}
}
