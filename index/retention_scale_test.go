package index

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"newsbot/index/news"
)

// TestPruneLargeIndexWhileAnswering measures a prune of a large index while
// four askers search it, against the same askers with no prune. It runs
// when NEWSBOT_PRUNE_DATA names a data directory to prune, which it changes:
// give it a copy of one that "newsbot bench --generate 200000 --data DIR"
// left (articles dated over 2024). NEWSBOT_PRUNE_BEFORE is the cut-off,
// 2024-07-01 by default: about half of them.
func TestPruneLargeIndexWhileAnswering(t *testing.T) {
	dir := os.Getenv("NEWSBOT_PRUNE_DATA")
	if dir == "" {
		t.Skip("set NEWSBOT_PRUNE_DATA to a copy of a large data directory")
	}
	cutoff := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	if text := os.Getenv("NEWSBOT_PRUNE_BEFORE"); text != "" {
		var err error
		if cutoff, err = time.Parse(time.DateOnly, text); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	before, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}

	idle := askWhile(t, ix, func() { time.Sleep(10 * time.Second) })
	var pruned news.Pruned
	var took time.Duration
	busy := askWhile(t, ix, func() {
		started := time.Now()
		if pruned, err = ix.PruneBefore(context.Background(), cutoff, nil); err != nil {
			t.Error(err)
		}
		took = time.Since(started)
	})
	t.Logf("%d articles; pruned %d dated before %s in %s (%.0f a second), kept %d, the oldest dated %s",
		before, pruned.Deleted, cutoff.Format(time.DateOnly), took.Round(time.Millisecond), float64(pruned.Deleted)/took.Seconds(), pruned.Kept, pruned.Oldest.Format(time.DateOnly))
	t.Logf("4 askers, no prune: %s", idle)
	t.Logf("4 askers, pruning:  %s", busy)
}

// askTimes are how long searches took.
type askTimes []time.Duration

func (a askTimes) String() string {
	if len(a) == 0 {
		return "no searches"
	}
	s := slices.Sorted(slices.Values(a))
	at := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))].Round(time.Microsecond) }
	return fmt.Sprintf("%d searches, p50 %s, p99 %s, max %s", len(s), at(0.5), at(0.99), s[len(s)-1].Round(time.Microsecond))
}

// askWhile has four askers search ix until work returns, and returns how
// long each search took.
func askWhile(t *testing.T, ix *Index, work func()) askTimes {
	t.Helper()
	questions := [][]string{{"oil", "prices"}, {"bank"}, {"government"}, {"shares"}, {"election"}, {"dollar"}, {"interest", "rates"}, {"profit"}}
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	var times askTimes
	var askers sync.WaitGroup
	for i := range 4 {
		askers.Go(func() {
			for n := i; ctx.Err() == nil; n++ {
				started := time.Now()
				if _, err := ix.Search(context.Background(), news.Query{Words: questions[n%len(questions)], Size: 5}); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				times = append(times, time.Since(started))
				mu.Unlock()
			}
		})
	}
	work()
	cancel()
	askers.Wait()
	return times
}
