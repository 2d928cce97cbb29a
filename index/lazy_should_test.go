package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// A lazy disjunction finds the same articles as Bleve's and scores each
// the same, to the last bit, whether it leads a search (Next) or follows
// another clause (Advance): as a word's title and body clauses, as the
// bonuses, beside a sparse filter that skips most articles.
func TestLazyDisjunctionScoresAsBleve(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r := rand.New(rand.NewPCG(1, 2))
	pick := harbourWords(r)
	var items []news.Candidate
	for i := range 200 {
		body := fmt.Sprintf("The %s was discussed.\n\n%s", pick(3), strings.Repeat(pick(8)+". ", 1+r.IntN(30)))
		items = append(items, news.Candidate{Origin: fmt.Sprint("a", i), Article: news.Article{
			ID: fmt.Sprint("a", i), Title: "News of the " + pick(2), Body: body,
			Date: time.Date(2025, 4, 1+r.IntN(28), 0, 0, 0, 0, time.UTC),
		}})
	}
	mustIngestItems(t, ix, items)

	type disjunction func(qs ...query.Query) query.Query
	bleves := func(qs ...query.Query) query.Query { return bleve.NewDisjunctionQuery(qs...) }
	word := func(any disjunction, w string) query.Query {
		body, title := bleve.NewMatchQuery(w), bleve.NewMatchQuery(w)
		body.SetField(fieldBody)
		title.SetField(fieldTitle)
		title.SetBoost(2)
		return any(body, title)
	}
	advanced, err := ix.bleve.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	reader, err := advanced.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	s, err := word(anyOf, "harbour").Searcher(context.Background(), reader, ix.bleve.Mapping(), search.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, lazy := s.(*lazySearcher); !lazy {
		t.Fatalf("a word's clauses are searched by %T, not lazily", s)
	}
	search := func(any disjunction, must []string, should []string, filtered bool) []string {
		bq := bleve.NewBooleanQuery()
		for _, w := range must {
			bq.AddMust(word(any, w))
		}
		lead := bleve.NewMatchQuery(must[0])
		lead.SetField(fieldLead)
		lead.SetBoost(2)
		var bonuses []query.Query
		for _, w := range should {
			bonuses = append(bonuses, word(any, w))
		}
		bq.AddShould(append(bonuses, lead, fullStoryQuery())...)
		if _, lazy := any(lead).(lazyDisjunction); lazy {
			bq.Should = lazyDisjunction{bq.Should.(*query.DisjunctionQuery)}
		}
		if filtered {
			days := bleve.NewDateRangeQuery(time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC), time.Date(2025, 4, 13, 0, 0, 0, 0, time.UTC))
			days.SetField(fieldDate)
			addFilter(bq, days)
		}
		res, err := ix.bleve.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(bq, 1000, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		var hits []string
		for _, h := range res.Hits {
			hits = append(hits, fmt.Sprintf("%s %v", h.ID, h.Score))
		}
		return hits
	}
	for _, c := range []struct {
		must, should []string
		filtered     bool
	}{
		{[]string{"harbour"}, nil, false},
		{[]string{"harbour"}, []string{"wall"}, false},
		{[]string{"harbour", "ferry"}, []string{"wall", "tide"}, false},
		{[]string{"harbour"}, []string{"wall"}, true},
		{[]string{"fish", "vote"}, []string{"council"}, true},
	} {
		want, got := search(bleves, c.must, c.should, c.filtered), search(anyOf, c.must, c.should, c.filtered)
		if len(want) == 0 {
			t.Fatalf("%+v: nothing found", c)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%+v: lazily\n%s\nBleve's\n%s", c, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// harbourWords picks n words at random from a few of a harbour town's news,
// for articles that match and score alike in many ways.
func harbourWords(r *rand.Rand) func(n int) string {
	words := strings.Fields("harbour wall ferry lights toll market fish council vote tide")
	return func(n int) string {
		var out []string
		for range n {
			out = append(out, words[r.IntN(len(words))])
		}
		return strings.Join(out, " ")
	}
}
