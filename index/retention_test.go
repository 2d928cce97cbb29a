package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"newsbot/index/news"
)

// datedItems are n feed items, one every day/n of the days from first on
// (zero days: undated), each a story of its own.
func datedItems(prefix string, n int, first time.Time, days int) []news.Candidate {
	var items []news.Candidate
	for i := range n {
		var date time.Time
		if days > 0 {
			date = first.Add(time.Duration(i) * time.Duration(days) * 24 * time.Hour / time.Duration(n))
		}
		url := fmt.Sprintf("https://example.com/%s/%d", prefix, i)
		body := fmt.Sprintf("The harbour council of %s met for the %dth time and voted on item %d of the budget.", prefix, i, i*7+3)
		items = append(items, news.Candidate{Origin: url, Article: news.Article{
			ID: fmt.Sprintf("%s-%d", prefix, i), Title: fmt.Sprintf("Harbour council vote %d", i), URL: url, Body: body, Date: date,
		}})
	}
	return items
}

func mustIngestItems(t *testing.T, ix *Index, items []news.Candidate) news.Report {
	t.Helper()
	r, err := ix.Ingest(context.Background(), slices.Values(items), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPruneBeforeDeletesOldArticlesInBatches(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cutoff := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	old := datedItems("old", 3*pruneBatch+17, cutoff.AddDate(0, 0, -20), 20) // every day of the 20 before
	ancient := datedItems("ancient", 5, time.Date(1987, 10, 19, 0, 0, 0, 0, time.UTC), 1)
	recent := datedItems("recent", 40, cutoff, 10)
	undated := datedItems("undated", 3, time.Time{}, 0)
	for _, items := range [][]news.Candidate{old, ancient, recent, undated} {
		if r := mustIngestItems(t, ix, items); r.Added != len(items) {
			t.Fatalf("added %d of %d", r.Added, len(items))
		}
	}

	var counts []int
	pruned, err := ix.PruneBefore(context.Background(), cutoff.Add(15*time.Hour), func(deleted int) { counts = append(counts, deleted) })
	if err != nil {
		t.Fatal(err)
	}
	want := news.Pruned{Cutoff: cutoff, Deleted: len(old) + len(ancient), Kept: len(recent) + len(undated), Oldest: cutoff}
	if pruned != want {
		t.Errorf("PruneBefore = %+v; want %+v", pruned, want)
	}
	// A day at a time, at most a batch at a time: 20 days and the one of 1987.
	if len(counts) < 21 || counts[len(counts)-1] != want.Deleted {
		t.Errorf("progress told %v; want a count for each of at least 21 batches, ending at %d", counts, want.Deleted)
	}
	for i := 1; i < len(counts); i++ {
		if step := counts[i] - counts[i-1]; step <= 0 || step > pruneBatch {
			t.Errorf("batch %d deleted %d; want 1 to %d", i, step, pruneBatch)
		}
	}
	known, err := ix.Known(context.Background(), []string{"old-0", "ancient-0", "recent-0", "undated-0", "undated-2"})
	if err != nil {
		t.Fatal(err)
	}
	if known["old-0"] || known["ancient-0"] || !known["recent-0"] || !known["undated-0"] || !known["undated-2"] {
		t.Errorf("after the prune the index knows %v; want the recent and undated articles only", known)
	}
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != want.Kept || !st.Oldest.Equal(cutoff) {
		t.Errorf("Stats = %d articles, oldest %v; want %d, oldest %v", st.Articles, st.Oldest, want.Kept, cutoff)
	}
	if again, err := ix.PruneBefore(context.Background(), cutoff, nil); err != nil || again.Deleted != 0 || again.Kept != want.Kept {
		t.Errorf("pruning again = %+v, %v; want nothing deleted", again, err)
	}
}

func TestPrunedArticlesStayOut(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write("old.txt", "date 2025-03-02 Harbour wall approved\n\nThe council approved the new harbour wall.\n")
	write("new.txt", "date 2025-06-02 Harbour wall built\n\nThe new harbour wall stands.\n")
	write("undated.txt", "Harbour history\n\nThe harbour is older than the town.\n")
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	oldItem := datedItems("feed", 1, time.Date(2025, 3, 3, 9, 30, 0, 0, time.UTC), 1)
	mustIngestItems(t, ix, oldItem)
	if r := mustAdd(t, ix, dir); r.Added != 3 {
		t.Fatalf("added %d files; want 3", r.Added)
	}
	if since, err := ix.KeptSince(); err != nil || !since.IsZero() {
		t.Errorf("KeptSince before any prune = %v, %v; want zero", since, err)
	}
	cutoff := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	if p, err := ix.PruneBefore(context.Background(), cutoff, nil); err != nil || p.Deleted != 2 || p.Kept != 2 {
		t.Fatalf("PruneBefore = %+v, %v; want the old file and feed item deleted", p, err)
	}
	if since, err := ix.KeptSince(); err != nil || !since.Equal(cutoff) {
		t.Errorf("KeptSince = %v, %v; want %v", since, err, cutoff)
	}
	reopened := reopen(t, ix)

	// The feed lists its old item still, and the folder is read again.
	later := datedItems("later", 1, cutoff.AddDate(0, 0, 3), 1)
	r := mustIngestItems(t, reopened, append(oldItem, later...))
	if r.TooOld != 1 || r.Added != 1 || r.Read() != 2 {
		t.Errorf("the feed again: %+v; want its old item too old, the new one added", r)
	}
	r = mustAdd(t, reopened, dir)
	if r.TooOld != 1 || r.Unchanged != 2 || r.Added != 0 {
		t.Errorf("the folder again: %+v; want the old file too old, the others unchanged", r)
	}
	if n, _ := reopened.Count(); n != 3 {
		t.Errorf("%d articles; want 3: the new and undated files, and the new item", n)
	}
}

// reopen closes ix and opens its directory again, for what must outlast a
// restart; the test closes it when it ends.
func reopen(t *testing.T, ix *Index) *Index {
	t.Helper()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(ix.Dir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	return again
}

// TestSearchesAnsweredWhilePruning shows that a prune does not hold answers
// up: searches asked while it runs are answered between its batches.
func TestSearchesAnsweredWhilePruning(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cutoff := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	mustIngestItems(t, ix, datedItems("old", 12*pruneBatch, cutoff.AddDate(0, 0, -4), 4))
	mustIngestItems(t, ix, datedItems("recent", 200, cutoff, 4))

	ctx, cancel := context.WithCancel(context.Background())
	var (
		mu           sync.Mutex
		batchesDone  int
		answeredMid  atomic.Int64 // after the first batch and before the last
		answered     atomic.Int64
		slowest      atomic.Int64
		searchers    sync.WaitGroup
		searchFailed atomic.Pointer[error]
	)
	const batches = 12
	for range 4 {
		searchers.Go(func() {
			for ctx.Err() == nil {
				started := time.Now()
				_, err := ix.Search(context.Background(), news.Query{Words: []string{"harbour", "council"}, Size: 5})
				if err != nil {
					searchFailed.Store(&err)
					return
				}
				took := time.Since(started)
				for s := slowest.Load(); int64(took) > s && !slowest.CompareAndSwap(s, int64(took)); s = slowest.Load() {
				}
				answered.Add(1)
				mu.Lock()
				if batchesDone >= 1 && batchesDone < batches {
					answeredMid.Add(1)
				}
				mu.Unlock()
			}
		})
	}
	started := time.Now()
	pruned, err := ix.PruneBefore(context.Background(), cutoff, func(int) {
		mu.Lock()
		batchesDone++
		mu.Unlock()
	})
	took := time.Since(started)
	cancel()
	searchers.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if p := searchFailed.Load(); p != nil {
		t.Fatalf("a search failed during the prune: %v", *p)
	}
	if pruned.Deleted != 12*pruneBatch || batchesDone != batches {
		t.Errorf("deleted %d in %d batches; want %d in %d", pruned.Deleted, batchesDone, 12*pruneBatch, batches)
	}
	if answeredMid.Load() == 0 {
		t.Errorf("no search was answered between the prune's batches (%d in all)", answered.Load())
	}
	t.Logf("pruned %d articles in %d batches in %s; %d searches answered meanwhile, %d between batches, the slowest in %s",
		pruned.Deleted, batchesDone, took.Round(time.Millisecond), answered.Load(), answeredMid.Load(), time.Duration(slowest.Load()).Round(time.Microsecond))
}

// A prune stopped halfway has recorded its cut-off already, and leaves the
// rest for the next run.
func TestPruneStoppedHalfway(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cutoff := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	old := datedItems("old", 2*pruneBatch, cutoff.AddDate(0, 0, -1), 1) // all on one day
	mustIngestItems(t, ix, old)
	ctx, cancel := context.WithCancel(context.Background())
	pruned, err := ix.PruneBefore(ctx, cutoff, func(int) { cancel() })
	if !errors.Is(err, context.Canceled) || pruned.Deleted != pruneBatch {
		t.Errorf("stopped after a batch: %+v, %v; want %d deleted and the reason", pruned, err, pruneBatch)
	}
	if r := mustIngestItems(t, ix, old); r.TooOld != len(old) {
		t.Errorf("meanwhile an ingest of the old articles: %+v; want all too old", r)
	}
	if pruned, err := ix.PruneBefore(context.Background(), cutoff, nil); err != nil || pruned.Deleted != pruneBatch || pruned.Kept != 0 {
		t.Errorf("the next run: %+v, %v; want the other %d deleted", pruned, err, pruneBatch)
	}
}
