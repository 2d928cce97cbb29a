package commands

import (
	"context"
	"slices"
	"testing"
	"time"

	"newsbot/index/news"
)

// A timeline lists a topic's stories oldest first, each with its sources
// and how many outlets told it.
func TestMakeTimeline(t *testing.T) {
	tl, err := MakeTimeline(context.Background(), mustSamples(t), Request{Question: "Witkoff"})
	if err != nil {
		t.Fatal(err)
	}
	if tl.Topic != "Witkoff" || tl.Found != 7 || len(tl.Entries) == 0 || len(tl.Entries) > MaxTimeline {
		t.Fatalf("timeline of %q: %d found, %d entries", tl.Topic, tl.Found, len(tl.Entries))
	}
	if !slices.IsSortedFunc(tl.Entries, func(a, b TimelineEntry) int { return a.Date.Compare(b.Date) }) {
		t.Error("the entries are not oldest first")
	}
	sources := 0
	for _, e := range tl.Entries {
		sources += len(e.Sources)
		if e.Title == "" || e.Outlets < 1 || e.Outlets > len(e.Sources) || !e.Date.Equal(e.Sources[0].Date) {
			t.Errorf("entry %+v: want a title, its first source's date and 1 to %d outlets", e, len(e.Sources))
		}
	}
	if sources != 7 {
		t.Errorf("%d sources in the entries; want the 7 articles about Witkoff", sources)
	}
	if first := tl.Entries[0].Date; first.Before(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first entry dated %s", first)
	}
}

// A group's members beyond a few days from its lead are stories of their
// own, each with the members near it.
func TestWithinDays(t *testing.T) {
	day := func(d int) news.Article { return news.Article{Date: time.Date(2025, 4, d, 0, 0, 0, 0, time.UTC)} }
	articles := []news.Article{day(1), day(2), day(10), day(11), day(12), day(20)}
	got := withinDays(articles, [][]int{{0, 2, 1, 3, 4, 5}})
	want := [][]int{{0, 1}, {2, 3, 4}, {5}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("withinDays = %v; want %v", got, want)
	}
}
