package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"newsbot/index"
	"newsbot/index/feeds"
	"newsbot/index/ingest"
	"newsbot/index/news"
)

// index runs "newsbot index": it adds the article files under the given paths,
// and the items of the given feeds (URLs, or saved feed files), and prints one
// line of counts.
func (e env) index(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"index: give the article files, directories or feeds to add"}
	}
	ix, err := index.Open(e.dataDir(*data))
	if err != nil {
		return err
	}
	defer ix.Close()
	if !ix.FindsFullNames() {
		fmt.Fprintln(e.stderr, "newsbot: "+olderIndex)
	}
	var store ingest.Store = ix
	cluster, err := e.joinCluster(ctx, ix, e.dataDir(*data))
	if err != nil {
		return err
	}
	if cluster != nil {
		defer cluster.Close()
		store = cluster
	}
	_, err = e.ingest(ctx, ix, store, paths, e.stdout)
	return err
}

// olderIndex says what an index made by an older newsbot lacks, and how to
// mend it.
const olderIndex = "this index was made by an older newsbot: it finds a full name's words anywhere in an article, not only side by side, and a name only with its accents as written; to mend it, stop newsbot and run newsbot reindex, which rebuilds it from the text it holds"

// ingest adds the files under sources, and the items of the feeds among them,
// to store, which is ix or, in cluster mode, the stream applied to it (see
// ingest.Run), with a progress bar on a terminal, then prints to
// out each rejected item with its reason, each feed without items, and a line
// of counts. A source rejected whole (a feed that cannot be read, an article
// file named by itself) makes it return an error once the rest is indexed, so
// that a script sees it. Unlike the
// bot, which reads feeds anyone on a server may add, the command line may
// read feeds on private addresses: whoever runs it owns the machine.
func (e env) ingest(ctx context.Context, ix *index.Index, store ingest.Store, sources []string, out io.Writer) (news.Report, error) {
	started := time.Now()
	opts := ingest.Options{Fetcher: &feeds.Fetcher{Client: &http.Client{Timeout: 30 * time.Second}}, Now: e.now()}
	finish := func() {}
	opts.Progress = func(total int) func() {
		done, end := e.progress(total, "indexing")
		finish = end
		return done
	}
	result, err := ingest.Run(ctx, store, ingest.Sources{Paths: sources}, opts)
	finish()
	if err == nil && result.Added+result.Updated+len(result.Gone) > 0 {
		// The bot answers faster, with less memory, from one segment.
		err = ix.Settle(ctx)
	}
	for _, r := range result.Rejected {
		fmt.Fprintf(out, "rejected %s: %v\n", r.Origin, r.Reason)
	}
	for _, g := range result.Gone {
		fmt.Fprintf(out, "gone %s: no longer indexed\n", g)
	}
	for _, f := range result.EmptyFeeds {
		fmt.Fprintf(out, "empty feed %s: it holds no items; check its address, or whether it is still published\n", f)
	}
	if result.TooOld > 0 {
		fmt.Fprintf(out, "too old %d: dated before %s, the first day this index keeps (newsbot prune, NEWSBOT_KEEP), so left out\n", result.TooOld, keptSince(ix))
	}
	counts := fmt.Sprintf("added %d, updated %d, unchanged %d, duplicates %d, rejected %d", result.Added, result.Updated, result.Unchanged, result.Duplicates, len(result.Rejected))
	if result.TooOld > 0 {
		counts += fmt.Sprintf(", too old %d", result.TooOld)
	}
	if len(result.Gone) > 0 {
		counts += fmt.Sprintf(", gone %d", len(result.Gone))
	}
	fmt.Fprintf(out, "%s (%d read in %s)\n", counts, result.Read(), time.Since(started).Round(10*time.Millisecond))
	if err != nil {
		return result.Report, fmt.Errorf("indexing stopped: %w; what was indexed before stays, and running the same command again adds the rest", err)
	}
	if n := len(result.RejectedSources); n > 0 {
		verb := "were"
		if n == 1 {
			verb = "was"
		}
		return result.Report, fmt.Errorf("%d of the %d sources given %s rejected (%s); the rest is indexed", n, len(sources), verb, strings.Join(result.RejectedSources, ", "))
	}
	return result.Report, nil
}

// keptSince is the first day ix keeps, as a date to print.
func keptSince(ix *index.Index) string {
	since, err := ix.KeptSince()
	if err != nil || since.IsZero() {
		return "the cut-off" // an ingest just found it; a failed read of it says no more
	}
	return since.Format(time.DateOnly)
}

// progress shows a progress bar of total items on a terminal, and returns
// what to call as each is done and when all are; elsewhere both do nothing.
func (e env) progress(total int, description string) (done, finish func()) {
	if !isTerminal(e.stderr) {
		return func() {}, func() {}
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
	return func() { bar.Add(1) }, func() { bar.Finish() }
}

// isTerminal reports whether w is a terminal, where a progress bar helps;
// in a pipe or a log it would be noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// displayPath shows path relative to the working directory when it is inside
// it, which is shorter to read; otherwise as it is.
func displayPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}
