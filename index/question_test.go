package index

import (
	"context"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"newsbot/index/news"
)

// mustIngestTexts indexes articles given as file name and text.
func mustIngestTexts(t *testing.T, articles map[string]string) *Index {
	t.Helper()
	dir := t.TempDir()
	for name, text := range articles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, _ := mustIngest(t, dir)
	return ix
}

func story(date, title, body string) string {
	return " date " + date + " " + title + "\n\n" + body + "\n"
}

func TestSearchBritishAndAmericanSpellings(t *testing.T) {
	ix := mustIngestTexts(t, map[string]string{
		"uk.txt": story("2025-04-01", "Smelter deal", "The aluminium smelter will close its programmes of work."),
		"us.txt": story("2025-04-02", "Plant closes", "The aluminum plant ended two programs for workers."),
		"no.txt": story("2025-04-03", "Steel news", "Steel output rose."),
	})
	for _, word := range []string{"aluminium", "aluminum", "programme", "programs"} {
		got := titles(t, ix, news.Query{Words: []string{word}})
		slices.Sort(got)
		if !slices.Equal(got, []string{"Plant closes", "Smelter deal"}) {
			t.Errorf("%s found %q; want both spellings", word, got)
		}
		res, err := ix.Search(context.Background(), news.Query{Words: []string{word}, Size: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range res.Matches {
			if len(m.BodySpans) == 0 {
				t.Errorf("%s: nothing marked in %q", word, m.Article.Body)
			}
		}
	}
	// "nationalize" stems to "nation", which is not "nationalise".
	if v := spellingVariant("nation"); v != "" {
		t.Errorf("nation has the other spelling %q", v)
	}
}

func TestSearchOptionalWordsRankWithoutBeingRequired(t *testing.T) {
	ix := mustIngestTexts(t, map[string]string{
		"a.txt": story("2025-04-01", "Harvest report", "Coffee growers met in the capital on Monday to discuss the harvest."),
		"b.txt": story("2025-04-02", "Market report", "Coffee prices rose sharply as prices of other crops held."),
		"c.txt": story("2025-04-03", "Tea report", "Tea prices rose."),
	})
	got := titles(t, ix, news.Query{Words: []string{"coffee"}, Optional: []string{"prices"}})
	if !slices.Equal(got, []string{"Market report", "Harvest report"}) {
		t.Errorf("coffee, prices optional: %q; want both coffee articles, the one on prices first", got)
	}
	res, err := ix.Search(context.Background(), news.Query{Words: []string{"coffee"}, Optional: []string{"prices"}, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	if marked := spanTexts(res.Matches[0].Article.Body, res.Matches[0].BodySpans); !slices.Contains(marked, "prices") {
		t.Errorf("optional words are not marked: %q", marked)
	}
}

func spanTexts(text string, spans []news.Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSearchInLeadOrderAndIDs(t *testing.T) {
	ix := mustIngestTexts(t, map[string]string{
		"lead.txt":    story("2025-04-01", "Dollar firm", "The dollar rose against the yen.\n\nDealers were busy."),
		"passing.txt": story("2025-04-03", "Stocks fall", "Shares fell on Wall Street.\n\nThe dollar was steady."),
		"older.txt":   story("2025-03-01", "Dollar weak", "The dollar fell."),
	})
	if got := titles(t, ix, news.Query{Words: []string{"dollar"}, InLead: true, Newest: true}); !slices.Equal(got, []string{"Dollar firm", "Dollar weak"}) {
		t.Errorf("dollar in the lead, newest first: %q", got)
	}
	if got := titles(t, ix, news.Query{Words: []string{"dollar"}, Oldest: true}); !slices.Equal(got, []string{"Dollar weak", "Dollar firm", "Stocks fall"}) {
		t.Errorf("dollar, oldest first: %q", got)
	}
	res, err := ix.Search(context.Background(), news.Query{Words: []string{"dollar"}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, m := range res.Matches {
		if m.Article.Title == "Stocks fall" {
			id = m.Article.ID
		}
	}
	if got := titles(t, ix, news.Query{Words: []string{"dollar"}, IDs: []string{id}}); !slices.Equal(got, []string{"Stocks fall"}) {
		t.Errorf("by ID: %q", got)
	}
}

func TestWordCounts(t *testing.T) {
	ix := mustIngestTexts(t, map[string]string{
		"a.txt": story("2025-04-01", "Report one", "Oil prices rose. Shell said so."),
		"b.txt": story("2025-04-02", "Report two", "Prices of oil fell."),
		"c.txt": story("2025-04-03", "Report three", "Tea prices held."),
	})
	counts, total, err := ix.WordCounts(context.Background(), []string{"oil", "Prices", "Shell", "the", "zebra"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]news.WordCount{"oil": {Body: 2, Names: 1}, "Prices": {Body: 3, Names: 1}, "Shell": {Body: 1, Names: 1}, "the": {}, "zebra": {}}
	if total != 3 || !maps.Equal(counts, want) {
		t.Errorf("WordCounts = %v, %d; want %v, 3", counts, total, want)
	}
}

// A story ranks above a one-line item that matches alike.
func TestSearchFullStoriesFirst(t *testing.T) {
	long := "Copper prices climbed in London as mines in Chile cut output. " + strings.Repeat("Traders expect the market to stay tight for months. ", 20)
	ix := mustIngestTexts(t, map[string]string{
		"quote.txt": story("2025-04-01", "Copper quoted", "Copper quoted at 51.50 cents."),
		"story.txt": story("2025-04-01", "Copper climbs", long),
	})
	if got := titles(t, ix, news.Query{Words: []string{"copper"}}); len(got) != 2 || got[0] != "Copper climbs" {
		t.Errorf("copper: %q; want the full story first", got)
	}
}

// Latest is kept until the articles change.
func TestLatestFollowsIngest(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", story("2025-04-01", "First", "The first story."))
	ix, _ := mustIngest(t, dir)
	for range 2 {
		if got, err := ix.Latest(context.Background()); err != nil || got.Format(time.DateOnly) != "2025-04-01" {
			t.Fatalf("Latest = %v, %v; want 2025-04-01", got, err)
		}
	}
	write("b.txt", story("2025-05-02", "Second", "The second story."))
	mustAdd(t, ix, dir)
	if got, err := ix.Latest(context.Background()); err != nil || got.Format(time.DateOnly) != "2025-05-02" {
		t.Errorf("after an ingest, Latest = %v, %v; want 2025-05-02", got, err)
	}
}

// A term of two words finds the articles that write it another way the
// aliases give, as well as those that write it as asked.
func TestSearchTermWrittenAnotherWay(t *testing.T) {
	ix := mustIngestTexts(t, map[string]string{
		"cpi.txt":    story("2025-04-01", "Prices steady", "Consumer prices in West Germany were unchanged in March, the statistics office said."),
		"living.txt": story("2025-04-02", "Living costs fall", "The cost of living in West Germany fell 0.2 pct in March, the statistics office said."),
		"other.txt":  story("2025-04-03", "Consumer goods", "Consumer spending in West Germany rose while living standards and prices held."),
	})
	aliases := map[string][]string{"consumer prices": {"cost of living"}}
	got := titles(t, ix, news.Query{Words: []string{"consumer", "prices", "West", "Germany"}, Aliases: aliases})
	slices.Sort(got)
	if want := []string{"Consumer goods", "Living costs fall", "Prices steady"}; !slices.Equal(got, want) {
		t.Errorf("consumer prices in West Germany found %q; want %q", got, want)
	}
	// "cost of living" needs its words, not "living" alone.
	got = titles(t, ix, news.Query{Words: []string{"consumer", "prices"}, Aliases: map[string][]string{"consumer prices": {"cost of spending"}}})
	slices.Sort(got)
	if want := []string{"Consumer goods", "Prices steady"}; !slices.Equal(got, want) {
		t.Errorf("with an alias no article has: %q; want %q", got, want)
	}
}

// A term written one way, listed as its own alias, scores as the two words
// without it: the term is not searched twice.
func TestSearchTermWrittenOneWay(t *testing.T) {
	ix := mustIngestTexts(t, map[string]string{
		"bop.txt":  story("2025-04-01", "Current account surplus", "West Germany's current account surplus widened in March."),
		"bank.txt": story("2025-04-02", "Bank accounts", "The bank opened current accounts for farmers, and the account rules changed."),
	})
	words := []string{"current", "account"}
	plain, err := ix.Search(context.Background(), news.Query{Words: words, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	term, err := ix.Search(context.Background(), news.Query{Words: words, Size: 10, Aliases: map[string][]string{"current account": {"current account"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.Matches) != 2 || len(term.Matches) != 2 {
		t.Fatalf("found %d and %d; want both stories either way", len(plain.Matches), len(term.Matches))
	}
	for i := range plain.Matches {
		if p, q := plain.Matches[i], term.Matches[i]; p.Article.ID != q.Article.ID || math.Abs(p.Score-q.Score) > 1e-9 {
			t.Errorf("match %d: %s scores %g as words, %s %g as a term", i, p.Article.ID, p.Score, q.Article.ID, q.Score)
		}
	}
}
