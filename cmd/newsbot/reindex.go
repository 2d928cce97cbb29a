package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"newsbot/commands"
	"newsbot/index"
)

// reindex runs "newsbot reindex": the index rebuilt in place from the text
// it holds, for an index made by an older newsbot, whose source files may
// be gone.
func (e env) reindex(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("reindex: unexpected %q", strings.Join(rest, " "))}
	}
	dir := e.dataDir(*data)
	if !index.Exists(dir) {
		return fmt.Errorf("reindex: there is no index in %s to rebuild", dir)
	}
	total, err := countArticles(dir)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	started := time.Now()
	done, finish := e.progress(total, "rebuilding")
	n, err := index.Rebuild(ctx, dir, done)
	finish()
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	fmt.Fprintf(e.stdout, "rebuilt the index of %s in %s\n", commands.Articles(n), time.Since(started).Round(time.Millisecond))
	return nil
}
