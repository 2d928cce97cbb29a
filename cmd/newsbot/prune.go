package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"newsbot/index"
	"newsbot/index/retention"
)

// prune runs "newsbot prune": it deletes the articles dated before the day
// --older-than before today, as a bot with NEWSBOT_KEEP does daily, and
// prints how many went and the oldest day kept.
func (e env) prune(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("prune", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	olderThan := fs.String("older-than", "", "delete the articles dated more than this long ago: days like 365d, or hours like 720h")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("prune: unexpected %q", strings.Join(rest, " "))}
	}
	if strings.TrimSpace(*olderThan) == "" {
		return usageError{"prune: say how old an article may be, like --older-than 365d"}
	}
	keep, err := retention.Parse(*olderThan)
	if err != nil {
		return usageError{"prune --older-than " + err.Error()}
	}
	dir := e.dataDir(*data)
	if !index.Exists(dir) {
		return fmt.Errorf("no index in %s: nothing to prune", dir)
	}
	ix, err := index.Open(dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	if _, cluster, _ := e.clusterConfig(dir); cluster {
		fmt.Fprintln(e.stderr, "newsbot: cluster mode: this prunes the index in "+dir+" only; the other processes prune their own by the same rule when NEWSBOT_KEEP is set on each")
	}
	started := time.Now()
	pruned, err := ix.PruneBefore(ctx, retention.Cutoff(e.now(), keep), nil)
	if err == nil && pruned.Deleted > 0 {
		err = ix.Settle(ctx) // gives the deleted articles' space back
	}
	took := time.Since(started).Round(10 * time.Millisecond)
	if err != nil {
		fmt.Fprintf(e.stdout, "deleted %d articles dated before %s (%s)\n", pruned.Deleted, pruned.Cutoff.Format(time.DateOnly), took)
		return fmt.Errorf("pruning stopped: %w; what was deleted stays deleted, and running the same command again deletes the rest", err)
	}
	fmt.Fprintf(e.stdout, "deleted %d of %d articles: those dated before %s (%s)\n", pruned.Deleted, pruned.Deleted+pruned.Kept, pruned.Cutoff.Format(time.DateOnly), took)
	oldest := "none dated"
	if !pruned.Oldest.IsZero() {
		oldest = "the oldest dated " + pruned.Oldest.Format(time.DateOnly)
	}
	fmt.Fprintf(e.stdout, "kept %d, %s; articles without a date are always kept, and indexing older ones again leaves them out\n", pruned.Kept, oldest)
	return nil
}
