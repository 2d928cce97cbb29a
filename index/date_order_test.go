package index

import (
	"context"
	"slices"
	"testing"
	"time"

	"newsbot/index/news"
)

// TestDateOrderPages checks that every page of a search in date order taken
// from the end days of its period is the page that sorting every match
// gives, and that the end days do answer the common searches: the newest
// news, the newest before an empty day, the oldest after one.
func TestDateOrderPages(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	// A year with a gap of a month, a busy last day, hours within a day,
	// an article from long ago and articles without a date.
	for _, items := range [][]news.Candidate{
		datedItems("spring", 30, day("2025-03-01"), 30),
		datedItems("summer", 20, day("2025-05-01"), 60),
		datedItems("lastday", 6, day("2025-06-30"), 1),
		datedItems("ancient", 2, day("1987-10-19"), 1),
		datedItems("undated", 3, time.Time{}, 0),
	} {
		mustIngestItems(t, ix, items)
	}
	ctx := context.Background()
	periods := []struct{ since, until time.Time }{
		{},
		{since: day("2025-03-10")},
		{until: day("2025-04-15")}, // nothing in the month before
		{since: day("2025-03-20"), until: day("2025-06-30")},
		{since: day("2025-07-01")},                           // after every article
		{until: day("1900-01-01")},                           // before every article
		{since: day("2025-04-02"), until: day("2025-04-29")}, // the gap
	}
	pages := []struct{ from, size int }{{0, 1}, {0, 3}, {2, 4}, {5, 10}, {40, 20}}
	for _, words := range [][]string{nil, {"harbour"}, {"budget", "council"}} {
		for _, p := range periods {
			for _, newest := range []bool{true, false} {
				for _, page := range pages {
					q := news.Query{Words: words, Since: p.since, Until: p.until, Newest: newest, Oldest: !newest, From: page.from, Size: page.size, Light: true}
					got, err := ix.Search(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					want, err := ix.search(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(matchIDs(got.Matches), matchIDs(want.Matches)) || got.Total != want.Total {
						t.Errorf("%v newest %v %v-%v from %d: %q of %d; sorting all gives %q of %d", words, newest, p.since, p.until, page.from,
							matchIDs(got.Matches), got.Total, matchIDs(want.Matches), want.Total)
					}
				}
			}
		}
	}

	for _, q := range []news.Query{
		{Newest: true, Size: 5}, // the newest news
		{Words: []string{"harbour"}, Until: day("2025-04-15"), Newest: true, Size: 1}, // the newest before a day with none
		{Since: day("2025-04-02"), Oldest: true, Size: 3},                             // the oldest after one
	} {
		if _, ok, err := ix.inDateOrder(ctx, q); err != nil || !ok {
			t.Errorf("%+v: sorted every match (%v)", q, err)
		}
	}
}

// TestEdgeDatesSkipDeletedArticles checks the newest and oldest dates
// after the articles at either end are deleted: the date field's dictionary
// may keep their dates until Bleve merges segments.
func TestEdgeDatesSkipDeletedArticles(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	first := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	items := datedItems("day", 10, first, 10) // one a day
	mustIngestItems(t, ix, items)
	ctx := context.Background()
	for _, id := range []string{"day-0", "day-1", "day-9"} {
		if err := ix.bleve.Delete(id); err != nil {
			t.Fatal(err)
		}
	}
	st, err := ix.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := first.AddDate(0, 0, 2); !st.Oldest.Equal(want) {
		t.Errorf("oldest %v; want %v", st.Oldest, want)
	}
	if want := first.AddDate(0, 0, 8); !st.Newest.Equal(want) {
		t.Errorf("newest %v; want %v", st.Newest, want)
	}
	before, err := ix.edgeDateIn(ctx, firstDay, first.AddDate(0, 0, 5), true)
	if want := first.AddDate(0, 0, 4); err != nil || !before.Equal(want) {
		t.Errorf("newest before %v: %v, %v; want %v", first.AddDate(0, 0, 5), before, err, want)
	}
}
