package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// A search run in parts finds the same page as the whole search, in the
// same order and with the same scores and count: over articles ingested in
// three batches, with deleted ones, pages past the first, filters, and many
// articles that score the same (copies of each other) on both sides of the
// parts' bounds.
func TestSearchInPartsIsTheWholeSearch(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r := rand.New(rand.NewPCG(3, 4))
	pick := harbourWords(r)
	for batch := range 3 {
		var items []news.Candidate
		for i := range 100 {
			id := fmt.Sprintf("b%d-%d", batch, i)
			title, body := "News of the "+pick(2), fmt.Sprintf("The %s was discussed.\n\n%s", pick(3), strings.Repeat(pick(8)+". ", 1+r.IntN(20)))
			if i%4 == 0 { // the same article under another name: the same score
				title, body = "News of the harbour toll", "The harbour toll was discussed.\n\nThe council will vote on the harbour toll."
			}
			items = append(items, news.Candidate{Origin: id, Article: news.Article{
				ID: id, Title: title, Body: body, Date: time.Date(2025, 4, 1+r.IntN(28), 0, 0, 0, 0, time.UTC),
			}})
		}
		mustIngestItems(t, ix, items)
	}
	for i := 0; i < 100; i += 7 {
		if err := ix.bleve.Delete(fmt.Sprintf("b1-%d", i)); err != nil {
			t.Fatal(err)
		}
	}

	ctx := context.Background()
	for _, q := range []news.Query{
		{Words: []string{"harbour"}, Size: 10},
		{Words: []string{"harbour"}, Size: 10, From: 10},
		{Words: []string{"harbour", "toll"}, Optional: []string{"vote"}, Size: 100},
		{Words: []string{"fish"}, Optional: []string{"wall", "tide"}, Size: 5, From: 3},
		{Words: []string{"council"}, InLead: true, Size: 20},
		{Words: []string{"market"}, Since: time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC), Until: time.Date(2025, 4, 20, 0, 0, 0, 0, time.UTC), Size: 10},
		{Words: []string{"ferry"}, Without: []string{"toll"}, Size: 300},
		{Words: []string{"harbour"}, Stories: true, Size: 10},
		{Words: []string{"harbour"}, IDs: []string{"b0-0", "b0-4", "b2-1", "b2-8"}, Size: 10},
		{Optional: []string{"vote"}, Since: time.Date(2025, 4, 5, 0, 0, 0, 0, time.UTC), Size: 10},
	} {
		req, _, err := ix.request(q)
		if err != nil {
			t.Fatal(err)
		}
		whole := func() *bleve.SearchResult {
			res, err := ix.bleve.SearchInContext(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		want := whole()
		if len(want.Hits) == 0 {
			t.Fatalf("%+v: nothing found", q)
		}
		for _, parts := range []int{2, 3, 7} {
			// Bleve merges segments in the background, purging the deleted
			// articles, which changes every score: compare searches that
			// read the same articles, those between two equal whole ones.
			var got *bleve.SearchResult
			for range 100 {
				if got, err = ix.searchInParts(ctx, req, parts); err != nil {
					t.Fatal(err)
				}
				again := whole()
				if hitList(again.Hits) == hitList(want.Hits) {
					break
				}
				want = again
			}
			if got.Total != want.Total {
				t.Errorf("%+v in %d parts: %d found, whole %d", q, parts, got.Total, want.Total)
			}
			if g, w := hitList(got.Hits), hitList(want.Hits); g != w {
				t.Errorf("%+v in %d parts:\n%s\nwhole:\n%s", q, parts, g, w)
			}
			for i, h := range got.Hits {
				if fmt.Sprint(h.Fields) != fmt.Sprint(want.Hits[i].Fields) {
					t.Errorf("%+v in %d parts: %s has fields %v, whole %v", q, parts, h.ID, h.Fields, want.Hits[i].Fields)
				}
			}
		}
		checkMentionedInParts(t, ix, q, req)
	}
}

// checkMentionedInParts checks that the search ranked again by mentions
// finds the same page in parts as whole, over one snapshot.
func checkMentionedInParts(t *testing.T, ix *Index, q news.Query, req *bleve.SearchRequest) {
	t.Helper()
	terms := ix.mentionTerms(q.Words, q.Aliases)
	if len(terms) == 0 {
		return
	}
	reader, err := ix.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	ctx := context.Background()
	want, err := ix.mentionedIn(ctx, req, terms, reader, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, parts := range []int{2, 3, 7} {
		got, err := ix.mentionedIn(ctx, req, terms, reader, parts)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || hitList(got.Hits) != hitList(want.Hits) {
			t.Errorf("%+v ranked by mentions in %d parts: %d found\n%s\nwhole: %d found\n%s", q, parts, got.Total, hitList(got.Hits), want.Total, hitList(want.Hits))
		}
	}
}

func hitList(hits search.DocumentMatchCollection) string {
	var lines []string
	for _, h := range hits {
		lines = append(lines, fmt.Sprintf("%s %v", h.ID, h.Score))
	}
	return strings.Join(lines, "\n")
}

// A part whose search panics makes the search fail with an error, as a
// panic in the caller's own goroutine would be recovered as, instead of
// ending the process.
func TestSearchPartPanicIsAnError(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	mustIngestItems(t, ix, []news.Candidate{{Origin: "a", Article: news.Article{ID: "a", Title: "Harbour", Body: "The harbour toll."}}})
	req := bleve.NewSearchRequest(panicking{})
	if _, err := ix.searchInParts(context.Background(), req, 2); err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Fatalf("a panicking part gave %v", err)
	}
}

// panicking is a query whose searcher panics.
type panicking struct{}

func (panicking) Searcher(context.Context, bleveindex.IndexReader, mapping.IndexMapping, search.SearcherOptions) (search.Searcher, error) {
	panic("broken searcher")
}

// A search claims the cores no other search is using, and always one, so
// that under load searches run whole; releasing them frees them for the
// next.
func TestClaimCoresTakesTheFreeOnes(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var ix Index
	for _, c := range []struct{ want, got int }{{3, 3}, {3, 1}, {2, 1}} {
		if got := ix.claimCores(c.want); got != c.got {
			t.Errorf("with %d cores busy, asked for %d: got %d, want %d", ix.searching.Load()-int32(got), c.want, got, c.got)
		}
	}
	ix.releaseCores(3 + 1 + 1)
	if got := ix.claimCores(4); got != 4 {
		t.Errorf("with every core released, asked for 4: got %d", got)
	}
}
