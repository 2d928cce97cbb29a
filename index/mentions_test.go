package index

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

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
	for _, tt := range []struct {
		word          string
		storyMentions float64
		storyFirst    bool
	}{
		{"dollar", 5, true}, // six, with "dollars", counted 5
		{"Baker", 3, false},
	} {
		bm25 := plainScores(t, ix, news.Query{Words: []string{tt.word}, Size: 10})
		if bm25[0].title != "Exovir buys back shares" {
			t.Fatalf("%s: BM25 alone ranks %v; the test wants the notice first", tt.word, bm25)
		}
		res, err := ix.Search(context.Background(), news.Query{Words: []string{tt.word}, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Matches) != 2 || tt.storyFirst && res.Matches[0].Article.Title != "Currencies in Tokyo" {
			t.Errorf("%s: with mentions, ranks %v; want the story first", tt.word, titlesOfMatches(res))
		}
		mentions := map[string]float64{"Exovir buys back shares": 1, "Currencies in Tokyo": min(tt.storyMentions, mentionsCounted)}
		checkScaled(t, tt.word, bm25, res, mentions)
	}
}

// Each article's mentions are its own, however the subject's words are
// spread: some in a title only, some in the body again and again.
func TestMentionsCountEachArticle(t *testing.T) {
	bodies := map[string]string{
		"News a": "The toll was discussed.",                                // harbour in the title only
		"News b": "The harbour toll was discussed. The harbour toll rose.", // 4
		"News c": "The harbour toll, the harbour toll, the harbour toll.",  // 6, counted 5
		"News d": "The toll and the harbour.",                              // 2
		"News e": "Harbour dues and the toll.",                             // 2
	}
	texts := map[string]string{}
	for title, body := range bodies {
		texts[strings.ReplaceAll(title, " ", "")+".txt"] = story("2025-04-01", title, body)
	}
	ix := mustIngestTexts(t, texts)
	q := news.Query{Words: []string{"harbour", "toll"}, Size: 10}
	bm25 := plainScores(t, ix, q)
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	mentions := map[string]float64{}
	for title, body := range bodies {
		body = strings.ToLower(body)
		mentions[title] = min(float64(strings.Count(body, "harbour")+strings.Count(body, "toll")), mentionsCounted)
	}
	checkScaled(t, "harbour toll", bm25, res, mentions)
}

// Past the matches ranked again by their mentions, the pages of a search go
// on in Bleve's order, and together list every match once, in the order of
// one search for them all.
func TestMentionsPagesAgree(t *testing.T) {
	texts := map[string]string{}
	for i := range mentionsDepth + 30 {
		texts[fmt.Sprintf("%03d.txt", i)] = story("2025-04-01", fmt.Sprintf("Item %d", i),
			strings.Repeat("The harbour opened. ", 1+i%7)+strings.Repeat("Boats came in. ", i%11))
	}
	ix := mustIngestTexts(t, texts)
	all, err := ix.Search(context.Background(), news.Query{Words: []string{"harbour"}, Size: len(texts)})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != len(texts) || len(all.Matches) != len(texts) {
		t.Fatalf("found %d of %d, listed %d; want every article", all.Total, len(texts), len(all.Matches))
	}
	past, err := ix.Search(context.Background(), news.Query{Words: []string{"harbour"}, From: len(texts) + 5, Size: 10})
	if err != nil || past.Total != len(texts) || len(past.Matches) != 0 {
		t.Errorf("a page past the last match: found %d, listed %d, %v; want %d found and none listed", past.Total, len(past.Matches), err, len(texts))
	}
	var paged []string
	for from := 0; from < len(texts); from += 7 {
		page, err := ix.Search(context.Background(), news.Query{Words: []string{"harbour"}, From: from, Size: 7})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range page.Matches {
			paged = append(paged, m.Article.ID)
		}
	}
	var whole []string
	for _, m := range all.Matches {
		whole = append(whole, m.Article.ID)
	}
	if fmt.Sprint(paged) != fmt.Sprint(whole) {
		t.Errorf("pages of 7 list\n%v\none search lists\n%v", paged, whole)
	}
}

// scored is a match of Bleve's search as it is, without mentions.
type scored struct {
	title string
	score float64
}

// plainScores is Bleve's search for q, by BM25 alone.
func plainScores(t *testing.T, ix *Index, q news.Query) []scored {
	t.Helper()
	req, _, err := ix.request(q)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.bleve.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var out []scored
	for _, h := range res.Hits {
		out = append(out, scored{fmt.Sprint(h.Fields[fieldTitle]), h.Score})
	}
	return out
}

// checkScaled checks that each match of res scores its BM25 score scaled by
// its mentions, by title.
func checkScaled(t *testing.T, what string, bm25 []scored, res news.Results, mentions map[string]float64) {
	t.Helper()
	if len(res.Matches) != len(bm25) {
		t.Fatalf("%s: %d matches; BM25 alone %d", what, len(res.Matches), len(bm25))
	}
	for _, plain := range bm25 {
		want := plain.score * (1 + mentionsWeight*mentions[plain.title]/mentionsCounted)
		for _, m := range res.Matches {
			if m.Article.Title == plain.title && math.Abs(m.Score-want) > 1e-9 {
				t.Errorf("%s: %q scores %g; want BM25's %g scaled to %g, for %g mentions", what, plain.title, m.Score, plain.score, want, mentions[plain.title])
			}
		}
	}
}

func titlesOfMatches(res news.Results) []string {
	var out []string
	for _, m := range res.Matches {
		out = append(out, fmt.Sprintf("%s %.3f", m.Article.Title, m.Score))
	}
	return out
}
