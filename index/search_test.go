package index

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// allWords finds and scores the articles as Bleve's match query with the
// "and" operator does, to the last bit, for a word alone (searched by its
// term), a stemmed form, several words and a stop word, in each field it
// is used for, boosted or not.
func TestAllWordsScoresAsBlevesMatch(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var items []news.Candidate
	for i, body := range []string{
		"Interest rates rose.\n\nThe central bank raised its interest rate again, and rates may rise further.",
		"Rates of interest.\n\nBanks talked about the rate of interest for a while.",
		"Harbour tolls.\n\nThe council voted on the harbour tolls; interest was low.",
		"Talks on rates.\n\nTalks between the banks about interest rates and rates of exchange went on.",
	} {
		title, rest, _ := strings.Cut(body, "\n\n")
		items = append(items, news.Candidate{Origin: fmt.Sprint("a", i), Article: news.Article{
			ID: fmt.Sprint("a", i), Title: title, Body: rest, Date: time.Date(2025, 4, 1+i, 0, 0, 0, 0, time.UTC),
		}})
	}
	mustIngestItems(t, ix, items)
	scores := func(q query.Query) string {
		res, err := ix.bleve.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(q, 10, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, fmt.Sprintf("%s %v", h.ID, h.Score))
		}
		return strings.Join(out, ", ")
	}
	for _, field := range []string{fieldBody, fieldTitle, fieldLead} {
		for _, text := range []string{"interest", "rates", "interest rates", "talks", "the"} {
			for _, boost := range []float64{0, 2} {
				match := bleve.NewMatchQuery(text)
				match.SetField(field)
				match.SetOperator(query.MatchQueryOperatorAnd)
				if boost != 0 {
					match.SetBoost(boost)
				}
				// Beside another clause, so that the query's norm counts.
				other := bleve.NewTermQuery("bank")
				other.SetField(fieldBody)
				want := scores(bleve.NewDisjunctionQuery(match, other))
				got := scores(bleve.NewDisjunctionQuery(allWords{field: field, text: text, boost: boost}, other))
				if got != want {
					t.Errorf("%s %q boost %v: %s, Bleve's match %s", field, text, boost, got, want)
				}
			}
		}
	}
}
