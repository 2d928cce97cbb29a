package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"newsbot/index"
	"newsbot/index/ingest"
	"newsbot/index/news"
)

// One run takes a folder of article files, a saved feed and items read
// already; a second run after a file is gone forgets it and adds nothing.
func TestRun(t *testing.T) {
	ctx := context.Background()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	folder := t.TempDir()
	for name, text := range map[string]string{
		"harbour.txt": " date 2025-04-17 Harbour wall approved\n\nThe council approved the new harbour wall on Thursday.\n",
		"ferry.txt":   " date 2025-04-18 Ferry timetable changes\n\nThe ferry will sail twice a day from May.\n",
	} {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	item := news.Candidate{Origin: "https://example.com/library", Article: news.Article{
		ID: "library", Title: "Library reopens", Body: "The library reopened after repairs.", Date: time.Date(2025, 4, 19, 0, 0, 0, 0, time.UTC),
	}}
	feed := "../feeds/testdata/feeds/rss2.xml"
	sources := ingest.Sources{Paths: []string{folder, feed}, Items: []news.Candidate{item}}
	var total, done int
	first, err := ingest.Run(ctx, ix, sources, ingest.Options{Progress: func(n int) func() { total = n; return func() { done++ } }})
	if err != nil {
		t.Fatal(err)
	}
	if first.Added < 4 || len(first.Gone) != 0 || done != total || total != first.Read() {
		t.Errorf("first run: %+v, progress %d of %d; want the 2 files, the item and the feed's items added, each counted once", first, done, total)
	}
	if err := os.Remove(filepath.Join(folder, "ferry.txt")); err != nil {
		t.Fatal(err)
	}
	second, err := ingest.Run(ctx, ix, sources, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if second.Added != 0 || !slices.Equal(second.Gone, []string{filepath.Join(folder, "ferry.txt")}) {
		t.Errorf("second run: added %d, gone %q; want nothing added and ferry.txt gone", second.Added, second.Gone)
	}
	if _, err := ingest.Run(ctx, ix, ingest.Sources{Paths: []string{filepath.Join(folder, "missing")}}, ingest.Options{}); err == nil {
		t.Error("a path that does not exist: no error")
	}
}

// A live blog's updates share a link and each is news: a first run adds all
// three, and a second finds them unchanged.
func TestRunLiveBlog(t *testing.T) {
	ctx := context.Background()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	feed := filepath.Join(t.TempDir(), "live.xml")
	const text = `<rss version="2.0"><channel><title>Live</title>
<item><title>Polls close</title><link>https://news.example/live#u1</link><guid>https://news.example/live#u1</guid><description>The polls closed at ten and counting began in every district.</description></item>
<item><title>First results</title><link>https://news.example/live#u2</link><guid>https://news.example/live#u2</guid><description>The first district declared just after midnight, with turnout up.</description></item>
<item><title>Election night live</title><link>https://news.example/live</link><guid isPermaLink="false">live-main</guid><description>Follow the count through the night as results come in.</description></item>
</channel></rss>`
	if err := os.WriteFile(feed, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for run, want := range []news.Report{{Added: 3}, {Unchanged: 3}} {
		got, err := ingest.Run(ctx, ix, ingest.Sources{Paths: []string{feed}}, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Report, want) {
			t.Errorf("run %d: %+v; want %+v", run+1, got.Report, want)
		}
	}
}
