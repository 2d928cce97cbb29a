// Package ingest is the one way articles come into newsbot: article files
// and folders of them, feeds (their URLs or saved files) and articles already
// read (a polled feed's items) all go through Run to a Store, which is the
// index or whatever stands in front of it.
package ingest

import (
	"context"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"newsbot/index/feeds"
	"newsbot/index/news"
)

// Store keeps what is ingested: it adds articles (see index.Index.Ingest),
// tells which are known already, and forgets the files gone from a folder.
type Store interface {
	Ingest(ctx context.Context, candidates iter.Seq[news.Candidate], done func()) (news.Report, error)
	Known(ctx context.Context, ids []string) (map[string]bool, error)
	Prune(ctx context.Context, dir string, files []string) ([]string, error)
}

// Sources are what one ingest reads.
type Sources struct {
	// Paths are article files, folders of them, saved feeds (named like
	// one: see IsFeed) and feed URLs.
	Paths []string
	// Items are articles read already, like the items of a fetched feed.
	Items []news.Candidate
}

// Options say how to read the sources.
type Options struct {
	// Fetcher reads the feed URLs among the paths; nil means one that
	// reads public addresses only.
	Fetcher *feeds.Fetcher
	// Now dates the feed items that carry no date.
	Now time.Time
	// Progress, when set, is told how many items there are to read and
	// returns what to call as each is done: a progress bar.
	Progress func(total int) (done func())
}

// Result is what an ingest did: the store's report, the files it forgot
// because they are gone from the folders read, and what to tell about the
// sources themselves.
type Result struct {
	news.Report
	Gone []string
	// RejectedSources are the paths given that were rejected whole: a feed
	// that could not be read, an article file named by itself that was
	// rejected. A folder's files are its items, not sources.
	RejectedSources []string
	// EmptyFeeds are the feeds read that hold no item: often a feed whose
	// publisher has stopped, or the wrong address of one.
	EmptyFeeds []string
}

// Run reads the sources and adds their articles to store. A feed that cannot
// be read is rejected like a bad file; the other sources still go in. A
// folder read whole is the truth about its files: those indexed from it
// before and gone from it now are forgotten. A path that does not exist stops
// everything before anything is read.
func Run(ctx context.Context, store Store, src Sources, opts Options) (Result, error) {
	var paths, rejectedFeeds, emptyFeeds []string
	items := slices.Clone(src.Items)
	for _, p := range src.Paths {
		if !IsFeed(p) {
			paths = append(paths, p)
			continue
		}
		feed, err := readFeed(ctx, p, store.Known, opts)
		if err != nil {
			items = append(items, news.Candidate{Origin: p, Err: err})
			rejectedFeeds = append(rejectedFeeds, p)
			continue
		}
		if len(feed.Items) == 0 {
			emptyFeeds = append(emptyFeeds, p)
		}
		items = append(items, feed.Items...)
	}
	var files []string
	var folders []folder       // to prune
	named := map[string]bool{} // article files given by themselves
	for _, p := range paths {
		list, err := ListFiles([]string{p})
		if err != nil {
			return Result{}, err
		}
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			folders = append(folders, folder{p, list})
		} else {
			named[p] = true
		}
		files = append(files, list...)
	}
	var done func()
	if opts.Progress != nil {
		done = opts.Progress(len(items) + len(files))
	}
	report, err := store.Ingest(ctx, joined(slices.Values(items), ReadFiles(ctx, files)), done)
	result := Result{Report: report, RejectedSources: rejectedFeeds, EmptyFeeds: emptyFeeds}
	for _, r := range report.Rejected {
		if named[r.Origin] {
			result.RejectedSources = append(result.RejectedSources, r.Origin)
		}
	}
	if err != nil {
		return result, err
	}
	for _, f := range folders {
		gone, err := store.Prune(ctx, f.dir, f.files)
		result.Gone = append(result.Gone, gone...)
		if err != nil {
			return result, err
		}
	}
	return result, nil
}

// folder is a folder read, with the article files it holds.
type folder struct {
	dir   string
	files []string
}

// feedExtensions are the file names of saved feeds; other files are articles.
var feedExtensions = []string{".xml", ".rss", ".atom", ".json"}

// IsFeed reports whether a path is a feed: a URL, or a file named like a
// saved feed.
func IsFeed(path string) bool {
	return strings.Contains(path, "://") || slices.Contains(feedExtensions, strings.ToLower(filepath.Ext(path)))
}

// readFeed fetches a feed URL or reads a saved feed file; known tells which
// items are indexed already, whose pages are not read again.
func readFeed(ctx context.Context, src string, known func(context.Context, []string) (map[string]bool, error), opts Options) (feeds.Feed, error) {
	if !strings.Contains(src, "://") {
		return feeds.ReadFeedFile(src, opts.Now)
	}
	fetcher := opts.Fetcher
	if fetcher == nil {
		fetcher = &feeds.Fetcher{}
	}
	res, err := fetcher.Fetch(ctx, feeds.FetchRequest{URL: src, Known: known}, opts.Now)
	return res.Feed, err
}

// joined yields the candidates of each sequence in turn.
func joined(seqs ...iter.Seq[news.Candidate]) iter.Seq[news.Candidate] {
	return func(yield func(news.Candidate) bool) {
		for _, seq := range seqs {
			for c := range seq {
				if !yield(c) {
					return
				}
			}
		}
	}
}
