package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"newsbot/index"
	"newsbot/index/feeds"
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
	_, err = e.ingest(ctx, ix, paths, e.stdout)
	return err
}

// olderIndex says what an index made by an older newsbot lacks, and how to
// mend it.
const olderIndex = "this index was made by an older newsbot: it finds a full name's words anywhere in an article, not only side by side, and a name only with its accents as written; to mend it, delete the index folder in the data directory and index the articles again"

// ingest adds the files under sources, and the items of the feeds among them,
// to ix, with a progress bar on a terminal, then prints to out each rejected
// item with its reason and a line of counts. A feed that cannot be read is
// rejected like a bad file; the other sources still go in.
func (e env) ingest(ctx context.Context, ix *index.Index, sources []string, out io.Writer) (news.Report, error) {
	started := time.Now()
	var paths []string
	var items []news.Candidate
	for _, src := range sources {
		if !isFeed(src) {
			paths = append(paths, src)
			continue
		}
		feed, err := e.readFeed(ctx, src, ix.Known)
		if err != nil {
			items = append(items, news.Candidate{Origin: src, Err: err})
			continue
		}
		items = append(items, feed.Items...)
	}
	var files []string
	var listed []listing // the files of each directory, for prune
	for _, p := range paths {
		list, err := index.ListFiles([]string{p})
		if err != nil {
			return news.Report{}, err
		}
		if isDir(p) {
			listed = append(listed, listing{p, list})
		}
		files = append(files, list...)
	}
	candidates := func(yield func(news.Candidate) bool) {
		for _, c := range items {
			if !yield(c) {
				return
			}
		}
		for c := range index.ReadFiles(ctx, files) {
			if !yield(c) {
				return
			}
		}
	}
	var done func()
	if isTerminal(e.stderr) {
		bar := progressbar.NewOptions(len(files)+len(items),
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("indexing"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
		defer bar.Finish()
		done = func() { bar.Add(1) }
	}
	report, err := ix.Ingest(ctx, candidates, done)
	var gone []string
	if err == nil {
		gone, err = prune(ctx, ix, listed)
	}
	if err == nil && report.Added+report.Updated+len(gone) > 0 {
		// The bot answers faster, with less memory, from one segment.
		err = ix.Settle(ctx)
	}
	for _, r := range report.Rejected {
		fmt.Fprintf(out, "rejected %s: %v\n", r.Origin, r.Reason)
	}
	for _, g := range gone {
		fmt.Fprintf(out, "gone %s: no longer indexed\n", g)
	}
	counts := fmt.Sprintf("added %d, updated %d, unchanged %d, duplicates %d, rejected %d", report.Added, report.Updated, report.Unchanged, report.Duplicates, len(report.Rejected))
	if len(gone) > 0 {
		counts += fmt.Sprintf(", gone %d", len(gone))
	}
	fmt.Fprintf(out, "%s (%d read in %s)\n", counts, report.Read(), time.Since(started).Round(10*time.Millisecond))
	if err != nil {
		return report, fmt.Errorf("indexing stopped: %w; what was indexed before stays, and running the same command again adds the rest", err)
	}
	return report, nil
}

// feedExtensions are the file names of saved feeds; other files are articles.
var feedExtensions = []string{".xml", ".rss", ".atom", ".json"}

// isFeed reports whether a source given to index is a feed: a URL, or a file
// named like a saved feed.
func isFeed(src string) bool {
	return strings.Contains(src, "://") || slices.Contains(feedExtensions, strings.ToLower(filepath.Ext(src)))
}

// readFeed fetches a feed URL or reads a saved feed file; known tells which
// items are indexed already, whose pages are not read again. Unlike the bot,
// which reads feeds anyone on a server may add, the command line may read
// feeds on private addresses: whoever runs it owns the machine.
func (e env) readFeed(ctx context.Context, src string, known func(context.Context, []string) (map[string]bool, error)) (feeds.Feed, error) {
	if !strings.Contains(src, "://") {
		return feeds.ReadFeedFile(src, e.now())
	}
	f := feeds.Fetcher{Client: &http.Client{Timeout: 30 * time.Second}}
	res, err := f.Fetch(ctx, feeds.FetchRequest{URL: src, Known: known}, e.now())
	return res.Feed, err
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

// listing is a directory given to index, with the article files it holds.
type listing struct {
	dir   string
	files []string
}

// prune forgets the files that are gone from the directories listed, and
// returns them.
func prune(ctx context.Context, ix *index.Index, listed []listing) ([]string, error) {
	var gone []string
	for _, l := range listed {
		g, err := ix.Prune(ctx, l.dir, l.files)
		if err != nil {
			return gone, err
		}
		gone = append(gone, g...)
	}
	return gone, nil
}
