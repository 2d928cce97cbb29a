package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"newsbot/index"
)

// index runs "newsbot index": it adds the article files under the given paths
// and prints one line of counts.
func (e env) index(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"index: give the article files or directories to add"}
	}
	for _, p := range paths {
		if strings.Contains(p, "://") {
			return usageError{fmt.Sprintf("index: %s: reading feeds and URLs is not supported yet; give files or directories", p)}
		}
	}
	ix, err := index.Open(e.dataDir(*data))
	if err != nil {
		return err
	}
	defer ix.Close()
	_, err = e.ingest(ctx, ix, paths, e.stdout)
	return err
}

// ingest adds the files under paths to ix, with a progress bar on a terminal,
// then prints to out each rejected file with its reason and a line of counts.
func (e env) ingest(ctx context.Context, ix *index.Index, paths []string, out io.Writer) (index.Report, error) {
	started := time.Now()
	files, err := index.ListFiles(paths)
	if err != nil {
		return index.Report{}, err
	}
	var done func()
	if isTerminal(e.stderr) {
		bar := progressbar.NewOptions(len(files),
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
	report, err := ix.Ingest(ctx, index.ReadFiles(ctx, files), done)
	for _, r := range report.Rejected {
		fmt.Fprintf(out, "rejected %s: %v\n", r.Origin, r.Reason)
	}
	fmt.Fprintf(out, "added %d, updated %d, unchanged %d, duplicates %d, rejected %d (%d files in %s)\n",
		report.Added, report.Updated, report.Unchanged, report.Duplicates, len(report.Rejected), report.Read(),
		time.Since(started).Round(10*time.Millisecond))
	if err != nil {
		return report, fmt.Errorf("indexing stopped: %w; what was indexed before stays, and running the same command again adds the rest", err)
	}
	return report, nil
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
