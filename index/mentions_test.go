package index

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"newsbot/index/news"
)

// An article that names its subject again and again ranks above a short
// item that names it once, which BM25 alone puts first; each score is
// BM25's scaled by the mentions, for a name as for a word.
func TestMentionsRankTheArticlesAboutTheSubject(t *testing.T) {
	long := "The dollar fell against the yen, and Baker said the dollar had fallen far enough. " +
		"Dealers said the dollar would find support, and Baker met Japanese officials. " +
		"Some banks sold dollars, while Baker spoke of the Paris accord. The dollar ended lower."
	texts := map[string]string{
		"notice.txt": story("2025-04-01", "Exovir buys back shares", "The dollar amount represents what the company paid for the shares it bought back from holders, Baker said."),
		"story.txt":  story("2025-04-02", "Currencies in Tokyo", long+"\n\n"+strings.Repeat("Trading was thin in the afternoon session. ", 6)),
	}
	for i, w := range strings.Fields("steel wheat cocoa sugar tin zinc rubber cotton") {
		texts[w+".txt"] = story("2025-04-03", "Market "+w, "Prices of "+w+" were steady in quiet trade on day "+strings.Repeat("x", i+1)+".")
	}
	ix := mustIngestTexts(t, texts)
	for _, word := range []string{"dollar", "Baker"} {
		req, _, err := ix.request(news.Query{Words: []string{word}, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		about, ok := req.Query.(mentioned)
		if !ok {
			t.Fatalf("%s: the search does not count mentions", word)
		}
		plain := *req
		plain.Query = about.Query
		bm25, err := ix.bleve.Search(&plain)
		if err != nil {
			t.Fatal(err)
		}
		if len(bm25.Hits) != 2 || bm25.Hits[0].Fields[fieldTitle] != "Exovir buys back shares" {
			t.Fatalf("%s: BM25 alone ranks %v; the test wants the notice first", word, titlesOf(bm25))
		}
		res, err := ix.bleve.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		if word == "dollar" && (len(res.Hits) != 2 || res.Hits[0].ID != bm25.Hits[1].ID) {
			t.Errorf("%s: with mentions, ranks %v; want the story first", word, titlesOf(res))
		}
		mentions := map[string]float64{bm25.Hits[0].ID: 1, bm25.Hits[1].ID: min(3, mentionsCounted)}
		if word == "dollar" {
			mentions[bm25.Hits[1].ID] = min(5, mentionsCounted) // "dollars" too, stemmed
		}
		for _, plainHit := range bm25.Hits {
			want := plainHit.Score * (1 + mentionsWeight*mentions[plainHit.ID]/mentionsCounted)
			for _, h := range res.Hits {
				if h.ID == plainHit.ID && math.Abs(h.Score-want) > 1e-9 {
					t.Errorf("%s: %s scores %g; want BM25's %g scaled to %g", word, h.ID, h.Score, plainHit.Score, want)
				}
			}
		}
	}
}

func titlesOf(res *bleve.SearchResult) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, fmt.Sprintf("%v %.3f", h.Fields[fieldTitle], h.Score))
	}
	return out
}

// Each article's mentions are its own, however the subject's words are
// spread: some in a title only, some in the body again and again.
func TestMentionsCountEachArticle(t *testing.T) {
	bodies := map[string]string{
		"a": "The toll was discussed.",                                // harbour in the title only
		"b": "The harbour toll was discussed. The harbour toll rose.", // 4
		"c": "The harbour toll, the harbour toll, the harbour toll.",  // 6, counted 5
		"d": "The toll and the harbour.",                              // 2
		"e": "Harbour dues and the toll.",                             // 2
	}
	texts := map[string]string{}
	for name, body := range bodies {
		title := "News " + name
		if name == "a" {
			title = "Harbour news"
		}
		texts[name+".txt"] = story("2025-04-01", title, body)
	}
	ix := mustIngestTexts(t, texts)
	req, _, err := ix.request(news.Query{Words: []string{"harbour", "toll"}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	plain := *req
	plain.Query = req.Query.(mentioned).Query
	bm25, err := ix.bleve.Search(&plain)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.bleve.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(bodies) || len(bm25.Hits) != len(bodies) {
		t.Fatalf("found %d and %d; want all %d", len(res.Hits), len(bm25.Hits), len(bodies))
	}
	scores := map[string]float64{}
	for _, h := range res.Hits {
		scores[h.ID] = h.Score
	}
	for _, h := range bm25.Hits {
		body := strings.ToLower(bodies[strings.TrimPrefix(fmt.Sprint(h.Fields[fieldTitle]), "News ")])
		if h.Fields[fieldTitle] == "Harbour news" {
			body = strings.ToLower(bodies["a"])
		}
		mentions := min(strings.Count(body, "harbour")+strings.Count(body, "toll"), mentionsCounted)
		if want := h.Score * (1 + mentionsWeight*float64(mentions)/mentionsCounted); math.Abs(scores[h.ID]-want) > 1e-9 {
			t.Errorf("%v: scores %g; want %g, for %d mentions", h.Fields[fieldTitle], scores[h.ID], want, mentions)
		}
	}
}
