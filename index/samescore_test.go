package index

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The full-story bonus scores every match as Bleve's own term query does,
// beside other optional clauses that a match may or may not meet.
func TestSameScoreTermScoresAsBleve(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("The council met again and the vote was close. ", 25)
	for i, text := range []string{
		" date 2025-04-10 Harbour wall approved\n\nThe harbour wall was approved.\n\n" + long,
		" date 2025-04-11 Harbour toll\n\nA toll for the harbour.",
		" date 2025-04-12 Ferry timetable\n\nThe ferry leaves later.\n\nIt sails from the harbour wall. " + long,
		" date 2025-04-13 Fish market\n\nThe market by the harbour wall sells fish.",
		" date 2025-04-14 Harbour lights\n\n" + long + "\n\nThe harbour lights are new.",
	} {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprint(i, ".txt")), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, _ := mustIngest(t, dir)
	bleveTerm := bleve.NewTermQuery("1")
	bleveTerm.SetField(fieldFull)
	bleveTerm.SetBoost(fullStoryBoost)
	scores := func(full query.Query) map[string]float64 {
		lead := bleve.NewMatchQuery("harbour")
		lead.SetField(fieldLead)
		bq := bleve.NewBooleanQuery()
		bq.AddMust(wordQuery("harbour"))
		bq.AddShould(wordQuery("wall"), lead, full)
		res, err := ix.bleve.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(bq, 10, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		for _, h := range res.Hits {
			out[h.ID] = h.Score
		}
		return out
	}
	compare := func(matches int) {
		t.Helper()
		// Bleve merges segments in the background, purging a deleted
		// article, which changes every score: compare searches that read
		// the same articles, those between two equal searches by Bleve.
		var want, got map[string]float64
		for range 100 {
			want, got = scores(bleveTerm), scores(fullStoryQuery())
			if maps.Equal(want, scores(bleveTerm)) {
				break
			}
		}
		if len(want) != matches || len(got) != matches {
			t.Fatalf("harbour: %d matches, %d with the bonus; want %d", len(want), len(got), matches)
		}
		for id, score := range want {
			if got[id] != score {
				t.Errorf("%s scores %v; Bleve's term query scores it %v", id, got[id], score)
			}
		}
	}
	compare(5)
	// Articles in a second segment, and one deleted: the marked stories
	// are numbered across segments, without the deleted one.
	more := t.TempDir()
	for i, text := range []string{
		" date 2025-04-15 Harbour dredging\n\nThe harbour is dredged.\n\n" + long,
		" date 2025-04-16 Harbour fees\n\nFees at the harbour wall rise.",
	} {
		if err := os.WriteFile(filepath.Join(more, fmt.Sprint(i, ".txt")), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustAdd(t, ix, more)
	first, err := ix.Search(context.Background(), news.Query{Words: []string{"harbour"}, Size: 1})
	if err != nil || len(first.Matches) == 0 {
		t.Fatalf("harbour: %v", err)
	}
	if err := ix.bleve.Delete(first.Matches[0].Article.ID); err != nil {
		t.Fatal(err)
	}
	compare(6)
}
