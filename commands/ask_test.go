package commands

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/index"
	"newsbot/index/ingest"
	"newsbot/index/news"
)

// samples is an index of the bundled sample articles, built once per test run.
var samples = sync.OnceValues(func() (*index.Index, error) {
	dir, err := tempDir()
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(dir)
	if err != nil {
		return nil, err
	}
	files, err := ingest.ListFiles([]string{"../testdata/articles"})
	if err != nil {
		return nil, err
	}
	_, err = ix.Ingest(context.Background(), ingest.ReadFiles(context.Background(), files), nil)
	return ix, err
})

func mustSamples(t *testing.T) *index.Index {
	t.Helper()
	ix, err := samples()
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func mustAsk(t *testing.T, req Request) Answer {
	t.Helper()
	ans, err := Ask(context.Background(), mustSamples(t), req)
	if err != nil {
		t.Fatalf("Ask(%q): %v", req.Question, err)
	}
	return ans
}

// addMarketReports adds n stories to stories that hold none of the words
// the tests ask about, dated over the first 28 days of month ("2025-04"),
// so that the words asked are rare enough to carry a search.
func addMarketReports(stories map[string]string, n int, month string) {
	for i := range n {
		stories[fmt.Sprintf("report%d.txt", i)] = fmt.Sprintf(" date %s-%02d Markets report %d\n\nTraders said prices moved on day %d.\n", month, i%28+1, i, i)
	}
}

// sortedTitles are the titles of an answer's sources, sorted.
func sortedTitles(ans Answer) []string {
	var titles []string
	for _, s := range ans.Sources {
		titles = append(titles, s.Article.Title)
	}
	slices.Sort(titles)
	return titles
}

// checkCited fails unless every summary sentence stands verbatim in every
// source it cites, every source is numbered in order, the summary cites them
// in that order, and no excerpt repeats the summary.
func checkCited(t *testing.T, ans Answer) {
	t.Helper()
	checkExcerptsAddToTheSummary(t, ans)
	for i, s := range ans.Sources {
		if s.N != i+1 {
			t.Errorf("source %d is numbered %d", i+1, s.N)
		}
	}
	for _, st := range ans.Summary {
		if len(st.Sources) == 0 {
			t.Errorf("%q cites no source", st.Text)
		}
		for _, n := range st.Sources {
			if n < 1 || n > len(ans.Sources) {
				t.Fatalf("%q cites [%d] of %d sources", st.Text, n, len(ans.Sources))
			}
			if !strings.Contains(ans.Sources[n-1].Article.Body, st.Text) {
				t.Errorf("%q is not in its source [%d] %q", st.Text, n, ans.Sources[n-1].Article.Title)
			}
		}
	}
}

func TestAskName(t *testing.T) {
	for _, question := range []string{"Witkoff", "Steve Witkoff's", "what's new about Witkoff?", "witkoff"} {
		t.Run(question, func(t *testing.T) {
			ans := mustAsk(t, Request{Question: question})
			if ans.Found != 7 {
				t.Errorf("found %d articles; want the 7 samples that name Witkoff", ans.Found)
			}
			if n := len(ans.Summary); n < 2 || n > 5 {
				t.Errorf("summary has %d sentences; want 2 to 5", n)
			}
			if len(ans.Sources) != DefaultSources {
				t.Errorf("got %d sources; want %d", len(ans.Sources), DefaultSources)
			}
			checkCited(t, ans)
			for _, st := range ans.Summary {
				if !strings.Contains(st.Text, "Witkoff") {
					t.Errorf("summary sentence does not name Witkoff: %q", st.Text)
				}
			}
			checkExcerptsAddToTheSummary(t, ans)
			for _, s := range ans.Sources {
				bold := matchedText(s.Excerpt)
				if len(s.Excerpt) > 0 && !slices.ContainsFunc(bold, func(b string) bool { return strings.Contains(strings.ToLower(b), "witkoff") }) {
					t.Errorf("excerpt of [%d] marks %q; want Witkoff, or no excerpt", s.N, bold)
				}
			}
		})
	}
}

// checkExcerptsAddToTheSummary fails when a source's excerpt quotes a
// summary sentence again, or when the summary cites its sources out of order:
// a reader meets [1], then [2], and so on.
func checkExcerptsAddToTheSummary(t *testing.T, ans Answer) {
	t.Helper()
	for _, s := range ans.Sources {
		text := excerptText(s.Excerpt)
		for _, st := range ans.Summary {
			if text != "" && (strings.Contains(text, st.Text) || strings.Contains(st.Text, text)) {
				t.Errorf("excerpt of [%d] %q repeats the summary", s.N, text)
			}
		}
	}
	next := 1
	for _, st := range ans.Summary {
		for _, n := range st.Sources {
			if n > next {
				t.Errorf("the summary cites [%d] before [%d]", n, next)
			}
			next = max(next, n+1)
		}
	}
}

func excerptText(fragments []Fragment) string {
	var b strings.Builder
	for _, f := range fragments {
		b.WriteString(f.Text)
	}
	return b.String()
}

func TestAskSummaryInDateOrder(t *testing.T) {
	ans := mustAsk(t, Request{Question: "Macron"})
	var dates []time.Time
	for _, st := range ans.Summary {
		dates = append(dates, ans.Sources[st.Sources[0]-1].Article.Date)
	}
	if !slices.IsSortedFunc(dates, func(a, b time.Time) int { return a.Compare(b) }) {
		t.Errorf("summary dates %v are not in order", dates)
	}
}

func TestAskSummaryPutsUndatedLast(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"undated.txt": "Harbour plans in Zanzibar\n\nThe Zanzibar harbour will be rebuilt, the ministry said.\n\nWork on the Zanzibar quay starts next year, officials added.\n",
		"dated.txt":   " date 2025-04-01 Zanzibar harbour approved\n\nZanzibar approved the harbour plan on Tuesday after a long debate.\n",
	})
	ans, err := Ask(context.Background(), ix, Request{Question: "Zanzibar"})
	if err != nil {
		t.Fatal(err)
	}
	checkCited(t, ans)
	if len(ans.Summary) < 2 {
		t.Fatalf("summary %+v; want sentences from both articles", ans.Summary)
	}
	if first := ans.Sources[ans.Summary[0].Sources[0]-1].Article; first.Date.IsZero() {
		t.Errorf("the summary begins with the undated article %q; want the dated one first", first.Title)
	}
}

func TestAskNameWhateverTheAccents(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"a.txt": " date 2025-04-01 Madrid vote\n\nSpanish Prime Minister Pedro Sánchez won the vote in Madrid on Tuesday.\n\nSánchez said the budget would pass.\n",
		"b.txt": " date 2025-04-02 Budget passes\n\nPedro Sanchez saw his budget pass on Wednesday, the agencies reported.\n",
	})
	for _, question := range []string{"Pedro Sanchez", "Pedro Sánchez"} {
		ans, err := Ask(context.Background(), ix, Request{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		checkCited(t, ans)
		if ans.Found != 2 || len(ans.Summary) < 2 {
			t.Errorf("%s: found %d, %d summary sentences; want both articles, quoted", question, ans.Found, len(ans.Summary))
		}
	}
}

func TestAskNamesWithHyphensCommasAndApostrophes(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"a.txt": " date 2025-04-01 Kilroy-Silk quits\n\nRobert Kilroy-Silk has quit the party, aides said on Tuesday.\n\nKilroy-Silk said he would form a party of his own.\n",
		"b.txt": " date 2025-04-02 Speaker speaks\n\nHouse Speaker Tip O'Neill said the budget would pass on Wednesday.\n",
		"c.txt": " date 2025-04-03 Leaders meet\n\nTony Blair met Gordon Brown in London on Thursday to talk about the budget.\n",
		"d.txt": " date 2025-04-04 Flu alert\n\nThe WHO issued a warning about a new strain of flu on Friday.\n",
		"e.txt": " date 2025-04-05 Phone prices\n\nAT&T cut the prices of its calls on Monday, the company said.\n\nThe prices of its rivals stayed where they were all week.\n",
	})
	tests := []struct {
		question string
		found    int
		named    string // in every summary sentence
	}{
		{"Robert Kilroy-Silk", 1, "Kilroy-Silk"},
		{"O’Neill", 1, "O'Neill"}, // typed with a phone's apostrophe
		{"Blair, Brown", 1, "Brown"},
		{"Tony Brown", 0, ""},
		{"WHO warning", 1, "warning"}, // WHO is a stop word to the index: only "warning" is marked
		{"AT&T prices", 1, "AT&T"},
	}
	for _, tt := range tests {
		ans, err := Ask(context.Background(), ix, Request{Question: tt.question})
		if err != nil {
			t.Fatal(err)
		}
		checkCited(t, ans)
		if ans.Found != tt.found || (tt.found > 0 && len(ans.Summary) == 0) {
			t.Errorf("%s: found %d, %d summary sentences; want %d found, and a summary", tt.question, ans.Found, len(ans.Summary), tt.found)
		}
		for _, st := range ans.Summary {
			if !strings.Contains(st.Text, tt.named) {
				t.Errorf("%s: %q does not name %s", tt.question, st.Text, tt.named)
			}
		}
	}
}

func TestAskNothingFound(t *testing.T) {
	ans := mustAsk(t, Request{Question: "what's new about Zorblax Quuxington?"})
	if ans.Found != 0 || len(ans.Summary) != 0 || len(ans.Sources) != 0 {
		t.Errorf("found %d, %d summary sentences, %d sources; want nothing at all", ans.Found, len(ans.Summary), len(ans.Sources))
	}
	if ans.Subject != "Zorblax Quuxington" {
		t.Errorf("subject = %q", ans.Subject)
	}
}

func TestAskSuggestions(t *testing.T) {
	tests := []struct {
		req  Request
		want string
	}{
		{Request{Question: "Macron Zorblax"}, `"Macron" alone: 5 articles.`},
		{Request{Question: "Witkoff", Since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, "Without the date limit, 7 articles (newest 2025-04-26)."},
	}
	for _, tt := range tests {
		t.Run(tt.req.Question, func(t *testing.T) {
			ans := mustAsk(t, tt.req)
			if ans.Found != 0 {
				t.Fatalf("found %d; want 0", ans.Found)
			}
			if !slices.Contains(ans.Suggestions, tt.want) {
				t.Errorf("suggestions %q; want %q among them", ans.Suggestions, tt.want)
			}
		})
	}
}

// A word no article has is read as the indexed word spelled most like it,
// and the answer says so.
func TestAskReadsAMisspelling(t *testing.T) {
	ans := mustAsk(t, Request{Question: "what's the latest on Witkof?"})
	if ans.Found == 0 || ans.Reading.Corrected["Witkof"] != "Witkoff" || ans.Subject != "Witkoff" {
		t.Errorf("found %d, subject %q, corrected %q; want Witkoff's articles", ans.Found, ans.Subject, ans.Reading.Corrected)
	}
	if !ans.Reading.Differs("what's the latest on Witkof?") {
		t.Error("the reading does not say that it differs from the question")
	}
}

func TestAskWithoutSubject(t *testing.T) {
	for _, q := range []string{"any news?", "hello", "   ", "the of and"} {
		if _, err := Ask(context.Background(), mustSamples(t), Request{Question: q}); !errors.Is(err, ErrNoSubject) {
			t.Errorf("Ask(%q): err = %v; want %v", q, err, ErrNoSubject)
		}
	}
}

// A message longer than a subject is about what it asks about last, the
// rest telling why; a paragraph that asks about nothing is no question.
func TestAskLongMessage(t *testing.T) {
	preamble := "So I have been following the markets closely and honestly the last days were insane, stocks crashed, " +
		"the dollar is all over the place, the yen fell, oil prices slid, copper and silver slumped, bonds rallied, gold jumped, " +
		"and everyone at work keeps talking about the talks, "
	ans := mustAsk(t, Request{Question: preamble + "what's new about Witkoff?"})
	if ans.Reading.Subject != "Witkoff" || ans.Found == 0 {
		t.Errorf("read as %q, found %d; want Witkoff's articles", ans.Reading.String(), ans.Found)
	}
	// The question first, and the message telling why after it.
	ans = mustAsk(t, Request{Question: "what's new on Witkoff? " + preamble})
	if ans.Reading.Subject != "Witkoff" {
		t.Errorf("asked first, read as %q; want Witkoff", ans.Reading.String())
	}
	// A date in what it tells is not what it asks about; one where it asks is.
	ans = mustAsk(t, Request{Question: "Back in February " + preamble + "what's new about Witkoff?"})
	if ans.Reading.Subject != "Witkoff" || !ans.Reading.Period.IsZero() {
		t.Errorf("a date in the story told: read as %q; want Witkoff at any date", ans.Reading.String())
	}
	ans = mustAsk(t, Request{Question: preamble + "what's new about Witkoff in April?"})
	if ans.Reading.Subject != "Witkoff" || ans.Reading.Period.IsZero() {
		t.Errorf("a date where it asks: read as %q; want Witkoff in April", ans.Reading.String())
	}
	for _, q := range []string{strings.Repeat("Witkoff and the talks ", 20), preamble + "any news?"} {
		if _, err := Ask(context.Background(), mustSamples(t), Request{Question: q}); !errors.Is(err, ErrTooLong) {
			t.Errorf("a paragraph asking about nothing: err = %v; want %v", err, ErrTooLong)
		}
	}
}

// Words that ask for the newest alone ask for the newest news, as /latest
// does: "what's new?" is no question without a subject.
func TestAskWhatsNew(t *testing.T) {
	for _, q := range []string{"what's new?", "what's the latest?"} {
		ans := mustAsk(t, Request{Question: q})
		if ans.Reading.Subject != "" || !ans.Reading.Newest || len(ans.Sources) == 0 {
			t.Fatalf("%q: reading %q, %d sources; want all news, newest first", q, ans.Reading.String(), len(ans.Sources))
		}
		if !slices.IsSortedFunc(ans.Sources, func(a, b Source) int { return b.Article.Date.Compare(a.Article.Date) }) {
			t.Errorf("%q: sources %v; want the newest first", q, titlesOf(ans.Sources))
		}
		// The next page, as the More sources button asks for it.
		more, err := MoreSources(context.Background(), mustSamples(t), Request{Question: ans.Subject, Newest: true}, ans.Next, len(ans.Sources))
		if err != nil || len(more.Sources) == 0 || more.Sources[0].Article.Date.After(ans.Sources[len(ans.Sources)-1].Article.Date) {
			t.Errorf("%q: next page %v (%v); want the next newest", q, titlesOf(more.Sources), err)
		}
	}
}

func TestAskLeavesWordsOut(t *testing.T) {
	ans := mustAsk(t, Request{Question: "what's new about Witkoff -Putin?"})
	if ans.Found != 2 {
		t.Errorf("found %d articles; want the 2 of the 7 on Witkoff that do not name Putin", ans.Found)
	}
	checkCited(t, ans)
	for _, s := range ans.Sources {
		if strings.Contains(s.Article.Body, "Putin") || !strings.Contains(s.Article.Body, "Witkoff") {
			t.Errorf("source %q names Putin, or not Witkoff", s.Article.Title)
		}
	}
	if len(ans.Summary) == 0 {
		t.Error("no summary")
	}
	// Words to leave out alone ask for the newest news without them.
	all, err := Ask(context.Background(), mustSamples(t), Request{Question: "-Putin"})
	if err != nil || all.Found == 0 || !all.Reading.Newest {
		t.Fatalf(`Ask("-Putin"): found %d, newest first %v, %v; want the newest news without Putin`, all.Found, all.Reading.Newest, err)
	}
	for _, s := range all.Sources {
		if strings.Contains(s.Article.Body, "Putin") {
			t.Errorf(`Ask("-Putin"): source %q names Putin`, s.Article.Title)
		}
	}
}

func matchedText(fragments []Fragment) []string {
	var out []string
	for _, f := range fragments {
		if f.Match {
			out = append(out, f.Text)
		}
	}
	return out
}

func TestAskAmbiguousSurname(t *testing.T) {
	ix := mustIndex(t, "testdata/people")
	ans, err := Ask(context.Background(), ix, Request{Question: "Baker"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Subject != "James Baker" || !slices.Equal(ans.Others, []string{"Howard Baker"}) {
		t.Errorf("subject %q, others %q; want James Baker, the most covered, and Howard Baker offered", ans.Subject, ans.Others)
	}
	if ans.Found != 3 {
		t.Errorf("found %d; want the 3 articles on James Baker, not the company or Howard Baker", ans.Found)
	}
	full, err := Ask(context.Background(), ix, Request{Question: "James Baker"})
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Others) != 0 || full.Found != 3 {
		t.Errorf("a full name: others %q, found %d", full.Others, full.Found)
	}
	for _, st := range full.Summary {
		if !strings.Contains(st.Text, "Baker") {
			t.Errorf("summary sentence %q does not name Baker (a sentence with only James is not about him)", st.Text)
		}
	}
}

// A surname is answered for one person only when most articles with the
// word are about them.
func TestAskSurnameOfFewArticles(t *testing.T) {
	article := func(title, text string) string { return " date 2025-04-01 " + title + "\n\n" + text + "\n" }
	ix := mustIndexOf(t, map[string]string{
		"k1.txt": article("Budget row", "Treasury Secretary Kevin Morgan defended the budget on Tuesday."),
		"k2.txt": article("Budget vote", "Treasury Secretary Kevin Morgan won the budget vote on Friday."),
		"j1.txt": article("Talks begin", "Foreign Minister Jane Morgan opened the talks on Monday."),
		"j2.txt": article("Talks end", "Foreign Minister Jane Morgan closed the talks on Thursday."),
		"b1.txt": article("Bank results", "J.P. Morgan reported higher profits for the quarter."),
		"b2.txt": article("Bank deal", "Morgan Stanley agreed to buy a rival broker for cash."),
		"b3.txt": article("Bank hires", "J.P. Morgan hired two hundred traders in London."),
		"b4.txt": article("Bank fined", "Morgan Stanley was fined by regulators on Wednesday."),
	})
	ans, err := Ask(context.Background(), ix, Request{Question: "Morgan"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Subject != "Morgan" || ans.Found != 8 || len(ans.Others) != 0 {
		t.Errorf("subject %q, found %d, others %q; want Morgan itself, all 8 articles: Kevin Morgan is named in 2", ans.Subject, ans.Found, ans.Others)
	}
}

func TestAskAliases(t *testing.T) {
	aliases, err := LoadAliases("")
	if err != nil {
		t.Fatal(err)
	}
	plain := mustAsk(t, Request{Question: "Kyiv"})
	with := mustAsk(t, Request{Question: "Kyiv", Aliases: aliases})
	if with.Found != plain.Found+1 {
		t.Errorf("Kyiv found %d articles, %d with aliases; want one more: the sample that writes Kiev", plain.Found, with.Found)
	}
	kiev := mustAsk(t, Request{Question: "Kiev", Aliases: aliases})
	if kiev.Found != with.Found {
		t.Errorf("Kiev with aliases found %d; want the same %d as Kyiv", kiev.Found, with.Found)
	}
}

// The wires' results tables never say "earnings": a question about earnings
// finds them by their headlines and their per-share line.
func TestAskEarningsFindsResultsTables(t *testing.T) {
	aliases, err := LoadAliases("")
	if err != nil {
		t.Fatal(err)
	}
	ix := mustIndexOf(t, map[string]string{
		"acme.txt":  " date 1987-10-20 ACME CORP <ACM> 3RD QTR NET\n\nShr 65 cts vs 54 cts\n\nNet 4,600,000 vs 3,900,000\n",
		"beta.txt":  " date 1987-10-20 BETA INC <BET> 3RD QTR LOSS\n\nShr loss 12 cts vs profit 20 cts\n\nNet loss 1,200,000 vs profit 2,000,000\n",
		"gamma.txt": " date 1987-10-20 GAMMA CO <GAM> 2ND QTR\n\nOper shr 31 cts vs 18 cts\n\nRevs 88.0 mln vs 80.1 mln\n",
		"delta.txt": " date 1987-10-19 DELTA SEES HIGHER EARNINGS\n\nDelta Co said it expects higher earnings this year.\n",
		"tin.txt":   " date 1987-10-19 TIN PRICES FALL\n\nTin prices fell in London as the net long position shrank.\n",
	})
	ans, err := Ask(context.Background(), ix, Request{Question: "who reported earnings yesterday?", Now: time.Date(1987, 10, 21, 9, 0, 0, 0, time.UTC), Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if titles, want := sortedTitles(ans), []string{"ACME CORP <ACM> 3RD QTR NET", "BETA INC <BET> 3RD QTR LOSS", "GAMMA CO <GAM> 2ND QTR"}; !slices.Equal(titles, want) {
		t.Errorf("sources %q; want the day's three results tables", titles)
	}
	// Nor "third quarter".
	third, err := Ask(context.Background(), ix, Request{Question: "third quarter earnings", Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if titles, want := sortedTitles(third), []string{"ACME CORP <ACM> 3RD QTR NET", "BETA INC <BET> 3RD QTR LOSS"}; !slices.Equal(titles, want) {
		t.Errorf("third quarter earnings: sources %q; want the third quarter's tables", titles)
	}
}

// What a question leaves out goes on while the words are rare: "gold but not
// south africa" leaves out South Africa, not "south" alone, which would find
// Africa's other stories; a common word after it only ranks.
func TestAskLeavesOutWhatFollowsNot(t *testing.T) {
	stories := map[string]string{}
	for i := range 3 {
		stories[fmt.Sprintf("sa%d.txt", i)] = fmt.Sprintf(" date 1987-03-%02d South African gold output %d\n\nGold output in South Africa rose on day %d, the mines said.\n", i+2, i, i)
		stories[fmt.Sprintf("au%d.txt", i)] = fmt.Sprintf(" date 1987-03-%02d Australian gold find %d\n\nA gold find in Australia was reported on day %d, with prices firm.\n", i+6, i, i)
		stories[fmt.Sprintf("af%d.txt", i)] = fmt.Sprintf(" date 1987-03-%02d Africa debt talks %d\n\nWest Africa debt talks went on for day %d.\n", i+10, i, i)
	}
	addMarketReports(stories, 60, "1987-03")
	ix := mustIndexOf(t, stories)
	ans, err := Ask(context.Background(), ix, Request{Question: "gold but not south africa"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ans.Reading.Without; !slices.Equal(got, []string{"south", "africa"}) || len(ans.Sources) != 3 {
		t.Errorf("left out %q, %d sources; want south and africa left out, the 3 Australian stories", got, len(ans.Sources))
	}
	prices, err := Ask(context.Background(), ix, Request{Question: "gold, not australia prices"})
	if err != nil {
		t.Fatal(err)
	}
	if got := prices.Reading.Without; !slices.Equal(got, []string{"australia"}) {
		t.Errorf("left out %q; want australia alone: prices are in most articles", got)
	}
}

// A question told at length finds what its rarest words do: they carry
// the search, and the others rank.
func TestAskALongQuestion(t *testing.T) {
	stories := map[string]string{}
	for i := range 4 {
		stories[fmt.Sprintf("icco%d.txt", i)] = fmt.Sprintf(" date 1987-03-%02d Cocoa buffer stock rules agreed %d\n\nThe International Cocoa Organization council agreed buffer stock rules in London after weeks of talks, delegates said on day %d.\n", i+20, i, i)
	}
	for i := range 40 {
		stories[fmt.Sprintf("other%d.txt", i)] = fmt.Sprintf(" date 1987-03-%02d Markets report %d\n\nTraders in London said prices moved on day %d.\n", i%28+1, i, i)
	}
	question := "my cousin says the international cocoa organization finally agreed buffer stock rules in london after months of arguing, can you confirm what was agreed?"
	ans, err := Ask(context.Background(), mustIndexOf(t, stories), Request{Question: question})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Sources) != 4 || !strings.HasPrefix(ans.Sources[0].Article.Title, "Cocoa buffer stock rules agreed") {
		t.Errorf("%d sources; want the 4 stories on the cocoa buffer stock rules", len(ans.Sources))
	}
}

// Chat asks for "cpi"; the wires mostly write "consumer prices".
func TestAskCPIFindsConsumerPrices(t *testing.T) {
	aliases, err := LoadAliases("")
	if err != nil {
		t.Fatal(err)
	}
	stories := map[string]string{
		"cpi.txt": " date 1987-03-24 U.S. CONSUMER PRICES RISE 0.4 PCT IN FEBRUARY\n\nU.S. consumer prices rose 0.4 pct in February, the Labor Department said.\n",
	}
	addMarketReports(stories, 20, "1987-03")
	ans, err := Ask(context.Background(), mustIndexOf(t, stories), Request{Question: "latest cpi numbers?", Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Sources) != 1 || ans.Sources[0].Article.Title != "U.S. CONSUMER PRICES RISE 0.4 PCT IN FEBRUARY" {
		t.Errorf("%d sources; want the story on consumer prices", len(ans.Sources))
	}
}

// A summary on a topic with a name in it quotes sentences that name it, in
// one of its spellings, not only sentences on the rest of the topic.
func TestAskSummaryNamesTheSubject(t *testing.T) {
	aliases, err := LoadAliases("")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		question  string
		spellings []string
	}{
		{"Paris talks", []string{"Paris"}},
		{"Kyiv ceasefire", []string{"Kyiv", "Kiev"}},
		{"Steve Witkoff", []string{"Witkoff"}},
	}
	for _, tt := range tests {
		ans := mustAsk(t, Request{Question: tt.question, Aliases: aliases})
		if len(ans.Summary) < 2 {
			t.Errorf("%s: %d summary sentences; want 2 or more", tt.question, len(ans.Summary))
		}
		checkCited(t, ans)
		used := map[string]bool{}
		for _, st := range ans.Summary {
			named := false
			for _, s := range tt.spellings {
				if strings.Contains(st.Text, s) {
					named, used[s] = true, true
				}
			}
			if !named {
				t.Errorf("%s: %q names none of %q", tt.question, st.Text, tt.spellings)
			}
		}
		if tt.question == "Kyiv ceasefire" && !used["Kiev"] {
			t.Errorf("%s: no sentence quoted from the sample that writes Kiev", tt.question)
		}
	}
}

func TestLoadAliasesFromFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "aliases.txt")
	if err := os.WriteFile(path, []byte("# our own\nWitkoff, Witkov\nKiev, Kyjiw\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := LoadAliases(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a["witkov"], "Witkoff") || !slices.Contains(a["kyiv"], "Kiev") || !slices.Contains(a["kiev"], "Kyjiw") {
		t.Errorf("aliases %v; want the file's groups added to the shipped ones", a)
	}
	if _, err := LoadAliases(filepath.Join(t.TempDir(), "missing.txt")); err == nil {
		t.Error("a missing alias file was accepted")
	}
}

func TestDistinctStories(t *testing.T) {
	match := func(title, body string) news.Match {
		return news.Match{Article: news.Article{Title: title, Body: body}}
	}
	story := "WASHINGTON, March 3 - Treasury Secretary James Baker said the dollar was stable.\n\nMore text."
	matches := []news.Match{
		match("BAKER SAYS DOLLAR STABLE", story),
		match("BAKER SEES STABLE DOLLAR", story), // the same wire story refiled
		match("BAKER ON TRADE", "WASHINGTON, March 4 - James Baker spoke about trade with Japan.\n\nMore."),
		match("BAKER IN TOKYO", "TOKYO, March 5 - James Baker arrived in Tokyo.\n\nMore."),
	}
	got, read := distinctStories(matches, 2)
	if len(got) != 2 || got[1].Article.Title != "BAKER ON TRADE" || read != 3 {
		t.Errorf("kept %d matches, read %d; want the refiled story dropped, and 3 read for 2 kept", len(got), read)
	}
	if got, read := distinctStories(matches, 5); len(got) != 3 || read != 4 {
		t.Errorf("with room for 5: kept %d, read %d; want 3 kept of 4 read", len(got), read)
	}
}

// A monthly release written to one template is a story each month, though
// its lead's words are the same: its day, title and figures are not. The
// same lead and figures under another title and dateline, a correction, a
// daily report under one title, or a report updated the same day with new
// figures, at another hour, repeat; two funds' notices of one day do not.
func TestDistinctStoriesTellsTemplatesFromRepeats(t *testing.T) {
	day := func(month time.Month, d int) time.Time { return time.Date(1987, month, d, 0, 0, 0, 0, time.UTC) }
	match := func(title string, on time.Time, lead string) news.Match {
		return news.Match{Article: news.Article{Title: title, Date: on, Body: lead + "\n\nMore."}}
	}
	release := "WIESBADEN, %s - West Germany's current account surplus widened to a provisional %s billion marks in %s from a revised %s billion in %s, the Statistics Office said."
	report := "CHICAGO - Hog slaughter is guesstimated by floor traders and commission house representatives at about %s head versus %s a week ago."
	help := "LONDON - The Bank of England said it provided the money market with %s mln stg assistance in the %s session."
	payout := "SAN MATEO, Calif., March 2 - Franklin %s Insured Tax-Free Income Fund said it declared a monthly dividend of %s cts a share."
	matches := []news.Match{
		match("GERMAN CURRENT ACCOUNT SURPLUS WIDENS IN FEBRUARY", day(3, 26), fmt.Sprintf(release, "March 26", "6.6", "February", "4.8", "January")),
		match("GERMAN CURRENT ACCOUNT SURPLUS WIDENS IN MARCH", day(4, 29), fmt.Sprintf(release, "April 29", "7.5", "March", "6.4", "February")),
		match("WEST GERMAN SURPLUS UP", day(4, 30), fmt.Sprintf(release, "April 30", "7.5", "March", "6.4", "February")),
		match("CORRECTED - GERMAN SURPLUS WIDENS", day(4, 30), fmt.Sprintf(release, "April 29", "7.3", "March", "6.4", "February")),
		match("HOG SLAUGHTER GUESSTIMATES", day(4, 1), fmt.Sprintf(report, "290,000", "285,000")),
		match("HOG SLAUGHTER GUESSTIMATES", day(4, 2), fmt.Sprintf(report, "305,000", "298,000")),
		match("U.K. MONEY MARKET GIVEN 90 MLN STG HELP", day(3, 16).Add(9*time.Hour), fmt.Sprintf(help, "90", "morning")),
		match("U.K. MONEY MARKET GIVEN FURTHER 550 MLN STG HELP", day(3, 16).Add(15*time.Hour), fmt.Sprintf(help, "550", "afternoon")),
		match("FRANKLIN MASSACHUSETTS FUND SETS PAYOUT", day(3, 2), fmt.Sprintf(payout, "Massachusetts", "5.8")),
		match("FRANKLIN MICHIGAN FUND SETS PAYOUT", day(3, 2), fmt.Sprintf(payout, "Michigan", "6.1")),
	}
	got, _ := distinctStories(matches, 10)
	var titles []string
	for _, m := range got {
		titles = append(titles, m.Article.Title)
	}
	want := []string{matches[0].Article.Title, matches[1].Article.Title, matches[4].Article.Title, matches[6].Article.Title,
		matches[8].Article.Title, matches[9].Article.Title}
	if !slices.Equal(titles, want) {
		t.Errorf("kept %q; want each month's release once, the refiled and the corrected release, the next day's report and the day's second help dropped, each fund's payout kept", titles)
	}
}

// A market report filed again as the day goes on, with new figures, is one
// source; the next day's report is another, and so are two stories that
// only begin alike, or that do not say when in the session they were filed.
func TestDistinctStoriesListsAReportUpdatedThroughTheDayOnce(t *testing.T) {
	monday := time.Date(1987, 4, 6, 0, 0, 0, 0, time.UTC)
	match := func(title string, day time.Time, lead string) news.Match {
		return news.Match{Article: news.Article{Title: title, Date: day, Body: lead + "\n\nMore."}}
	}
	matches := []news.Match{
		match("CBT SOYBEAN FUTURES OPEN SLIGHTLY FIRMER", monday, "CHICAGO, April 6 - CBT soybean futures opened 1/2 cent higher on light buying."),
		match("CBT SOYBEAN FUTURES MOSTLY HIGHER AT MIDSESSION", monday, "CHICAGO, April 6 - Soybeans stood 2 to 4 cents higher by midsession as exporters bought."),
		match("CBT SOYBEAN FUTURES CLOSE STRONG", monday.AddDate(0, 0, 1), "CHICAGO, April 7 - Soybeans closed 6 cents higher on Tuesday."),
		match("BANK OF JAPAN INTERVENES IN TOKYO", monday, "TOKYO, April 6 - The Bank of Japan bought dollars in Tokyo, dealers said."),
		match("BANK OF JAPAN DEPUTY SEES NO NEW MEASURES", monday, "TOKYO, April 6 - A deputy governor said no new steps were planned."),
		match("FORD <F> EXTENDS INCENTIVES ON LIGHT TRUCKS", monday, "DEARBORN, April 6 - Ford extended its truck incentives to May."),
		match("FORD <F> EXTENDS BUYER INCENTIVE PROGRAM", monday, "DEARBORN, April 6 - Ford said car buyers get cheap loans until June."),
		match("CBT SOYBEAN FUTURES CLOSE HIGHER", monday, "CHICAGO, April 6 - Soybeans closed 5 cents higher, near the highs of the day."),
		match("WORLD BANK LOANS PAKISTAN 220 MLN DLRS", monday, "WASHINGTON, April 6 - The World Bank lent Pakistan 220 mln dlrs for power."),
		match("WORLD BANK LOANS PORTUGAL 50 MLN DLRS", monday, "WASHINGTON, April 6 - The World Bank approved a 50 mln dlr loan to Portugal."),
	}
	got, read := distinctStories(matches, 10)
	var titles []string
	for _, m := range got {
		titles = append(titles, m.Article.Title)
	}
	want := []string{matches[0].Article.Title, matches[2].Article.Title, matches[3].Article.Title, matches[4].Article.Title,
		matches[5].Article.Title, matches[6].Article.Title, matches[8].Article.Title, matches[9].Article.Title}
	if !slices.Equal(titles, want) || read != len(matches) {
		t.Errorf("kept %q, read %d; want Monday's soybean report once, then Tuesday's and each other story", titles, read)
	}
}

// A daily report under one headline repeats one story: when its repeats
// rank first, the answer reads on to the other stories instead of listing
// one source of many found.
func TestAskReadsPastRepeatsOfOneStory(t *testing.T) {
	articles := map[string]string{}
	for day := 1; day <= 14; day++ {
		articles[fmt.Sprintf("report-%02d.txt", day)] = fmt.Sprintf(" date 2025-04-%02d Zorblat slaughter guesstimates\n\n"+
			"Zorblat slaughter at the Chicago yards is guesstimated by floor traders and commission house representatives at about %d head versus a week ago.", day, 1000*day)
	}
	places := strings.Fields("harbour bridge tower market")
	for i, place := range places {
		articles[place+".txt"] = fmt.Sprintf(" date 2025-04-%02d The %s reopens\n\nThe %s reopened on Monday after a year of repairs paid for by the town council, %s.\n\nTraders said the %s would bring back visitors from the coast and the hills, and that Zorblat would lead the first tour.",
			20+i, place, place, strings.Repeat("and the county ", i), place)
	}
	ix := mustIndexOf(t, articles)
	first, err := ix.Search(context.Background(), news.Query{Words: []string{"Zorblat"}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range first.Matches {
		if !strings.HasPrefix(filepath.Base(m.Article.Path), "report-") {
			t.Fatalf("the first 10 matches hold %q; the test wants them all reports", m.Article.Title)
		}
	}
	ans, err := Ask(context.Background(), ix, Request{Question: "Zorblat", Sources: 5})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Found != 18 || ans.Next != 18 {
		t.Fatalf("found %d, next page from %d; want the 18 articles that name Zorblat, all read", ans.Found, ans.Next)
	}
	reports := 0
	for _, src := range ans.Sources {
		if strings.HasPrefix(filepath.Base(src.Article.Path), "report-") {
			reports++
		}
	}
	if len(ans.Sources) != 5 || reports != 1 {
		t.Errorf("%d sources, %d of them the daily report; want 5: the report once and the 4 other stories", len(ans.Sources), reports)
	}
}

// When few articles hold every word and the answer stops requiring one,
// those few still come first, however much shorter the others are.
func TestAskRelaxedListsEveryWordFirst(t *testing.T) {
	articles := map[string]string{}
	for i, who := range []string{"The council met on Monday and talked at length about roads, schools and the budget", "Traders gathered in the square on Tuesday to complain about rents, parking and noise"} { // every word, in long stories
		articles[fmt.Sprintf("all-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Town report %d\n\n"+
			"%s. They heard that the Zorblat closure would shut the harbour for a month.", i+1, i, who)
	}
	for i, what := range strings.Fields("bridge school market road tunnel station") { // two of the words, in short items
		articles[fmt.Sprintf("some-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Zorblat closure %d\n\nZorblat %s closure.", i+10, i, what)
	}
	for i := range 20 { // "harbour" is the most common word asked, but rare enough to require
		articles[fmt.Sprintf("harbour-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Harbour news %d\n\nThe harbour was busy on day %d.", i%28+1, i, i)
	}
	for i := range 250 {
		articles[fmt.Sprintf("weather-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Weather %d\n\nIt rained on day %d.", i%28+1, i, i)
	}
	ix := mustIndexOf(t, articles)
	ans, err := Ask(context.Background(), ix, Request{Question: "Zorblat harbour closure", Sources: 5})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ans.Reading.Dropped, []string{"harbour"}) {
		t.Fatalf("dropped %q; want harbour, the most common word", ans.Reading.Dropped)
	}
	every := 0
	for _, src := range ans.Sources[:min(2, len(ans.Sources))] {
		if strings.HasPrefix(filepath.Base(src.Article.Path), "all-") {
			every++
		}
	}
	if every != 2 {
		var titles []string
		for _, src := range ans.Sources {
			titles = append(titles, src.Article.Title)
		}
		t.Errorf("sources %q; want the 2 stories with every word first", titles)
	}
}

func TestAskALongArticle(t *testing.T) {
	// Every one of 5,000 sentences is on the subject: weighing each against
	// every other would take minutes.
	var b strings.Builder
	b.WriteString(" date 2025-04-10 Zorblat at the harbour\n\n")
	verbs := []string{"counted", "painted", "sold", "repaired", "weighed", "named", "loaded"}
	things := []string{"ships", "barrels", "nets", "lanterns", "ropes", "crates", "sails", "anchors", "oars", "flags", "bells"}
	places := []string{"harbour", "market", "quay", "lighthouse", "dock", "pier", "warehouse", "beach", "bridge", "square", "chapel", "mill", "inn"}
	for i := range 5000 {
		fmt.Fprintf(&b, "Zorblat %s the %s by the %s on day %d. ", verbs[i%len(verbs)], things[i%len(things)], places[i%len(places)], i)
		if i%10 == 9 {
			b.WriteString("\n\n")
		}
	}
	ix := mustIndexOf(t, map[string]string{"long.txt": b.String()})
	ans, err := Ask(context.Background(), ix, Request{Question: "Zorblat"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Found != 1 || len(ans.Summary) < minSummary || len(ans.Summary) > maxSummary {
		t.Fatalf("found %d, summary of %d sentences; want 1 article and %d-%d sentences", ans.Found, len(ans.Summary), minSummary, maxSummary)
	}
	checkCited(t, ans)
	first := Sentences(ans.Sources[0].Article.Body)[:maxCandidates]
	for _, st := range ans.Summary {
		if !slices.Contains(first, st.Text) {
			t.Errorf("%q is not among the first %d sentences on the subject", st.Text, maxCandidates)
		}
	}
}

// mustIndexOf indexes articles given as file name and text.
func mustIndexOf(t *testing.T, articles map[string]string) *index.Index {
	t.Helper()
	dir := t.TempDir()
	var files []string
	for name, text := range articles {
		files = append(files, filepath.Join(dir, name))
		if err := os.WriteFile(files[len(files)-1], []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := index.Open(filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Ingest(context.Background(), ingest.ReadFiles(context.Background(), files), nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestMoreSourcesNeverRepeatAnArticle(t *testing.T) {
	// Twelve stories about Zorblat, four of them refiled under another
	// title: the first page drops the refiles it meets, and the next page
	// must begin after the matches the first one read. Their lengths differ,
	// so that no two score the same: Bleve's pages may differ on ties.
	verbs := strings.Fields("opened closed painted sold bought rebuilt flooded drained lit guarded mapped named")
	things := strings.Fields("harbour bridge tower market school mill chapel theatre station library museum stadium")
	towns := strings.Fields("Avonmouth Brixham Cromer Deal Eyemouth Fowey Girvan Hythe Ilfracombe Jarrow Keswick Lerwick")
	articles := map[string]string{}
	for i := range 12 {
		story := fmt.Sprintf("Zorblat %s the %s in %s.\n\nThe town watched%s.", verbs[i], things[i], towns[i], strings.Repeat(" Quay", i))
		articles[fmt.Sprintf("%02d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Zorblat opens harbour %d\n\n%s", i+1, i, story)
		if i%3 == 0 {
			articles[fmt.Sprintf("%02d-refiled.txt", i)] = fmt.Sprintf(" date 2025-04-%02d HARBOUR %d OPENED BY ZORBLAT\n\n%s", i+1, i, story)
		}
	}
	ix := mustIndexOf(t, articles)
	seen := map[string]bool{}
	shown := 0
	for page, sources := range pagesOf(t, ix, Request{Question: "Zorblat", Sources: 3}) {
		for _, s := range sources {
			if s.N != shown+1 {
				t.Errorf("page %d: source numbered %d after %d", page+1, s.N, shown)
			}
			shown = s.N
			if seen[s.Article.ID] {
				t.Errorf("page %d repeats [%d] %q", page+1, s.N, s.Article.Title)
			}
			seen[s.Article.ID] = true
		}
	}
	if shown < 12 {
		t.Errorf("paging listed %d sources; want every one of the 12 stories", shown)
	}
}

// pagesOf is the sources of each page of the answer to req, paged as the
// More sources button does, at most 11 pages.
func pagesOf(t *testing.T, ix Searcher, req Request) [][]Source {
	t.Helper()
	ans, err := Ask(context.Background(), ix, req)
	if err != nil {
		t.Fatal(err)
	}
	var pages [][]Source
	for {
		pages = append(pages, ans.Sources)
		if ans.Next >= ans.Found || len(pages) > 10 || len(ans.Sources) == 0 {
			return pages
		}
		shown := ans.Sources[len(ans.Sources)-1].N
		if ans, err = MoreSources(context.Background(), ix, req, ans.Next, shown); err != nil {
			t.Fatal(err)
		}
	}
}

// Matches that write "zorblat" as a word and as a firm's name take turns in
// the search's order; each page puts the words first. Paging on from where
// the page before stopped listed the words it had moved up again, and never
// the names it had moved down; newest first, the next page began after the
// last match taken, and the names passed over on the way were never listed.
func TestMoreSourcesListEachMatchOnce(t *testing.T) {
	for _, tt := range []struct {
		question  string
		nameEvery int
		padding   string // that scores differ
	}{
		{"zorblat", 2, " Quay"},
		{"latest on zorblat", 3, ""},
	} {
		t.Run(tt.question, func(t *testing.T) {
			articles := map[string]string{}
			for i := range 12 {
				text := fmt.Sprintf("Farmers said the zorblat crop came to %d tonnes.", 100+i)
				if i%tt.nameEvery == 0 {
					text = fmt.Sprintf("Shares of Zorblat Stores rose %d cents.", 10+i)
				}
				articles[fmt.Sprintf("%02d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Report %d\n\n%s%s", i+1, i, text, strings.Repeat(tt.padding, 3*i))
			}
			listed := map[string]int{}
			for _, sources := range pagesOf(t, mustIndexOf(t, articles), Request{Question: tt.question, Sources: 3}) {
				for _, s := range sources {
					listed[filepath.Base(s.Article.Path)]++
				}
			}
			for name := range articles {
				if listed[name] != 1 {
					t.Errorf("%s listed %d times; want once", name, listed[name])
				}
			}
		})
	}
}

// The More sources button asks the answer's subject again: it reads as the
// question did. "Lawson UK rates" was the name "Lawson UK", which no article
// holds.
func TestSubjectReadsAsTheQuestion(t *testing.T) {
	stories := map[string]string{}
	for i := range 3 {
		stories[fmt.Sprintf("l%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Lawson sees UK rates falling\n\nChancellor Nigel Lawson said UK interest rates would fall by %d points.\n", i+1, i+1)
	}
	ix := mustIndexOf(t, stories)
	asked, err := Ask(context.Background(), ix, Request{Question: "what did Lawson say about UK rates?"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := Ask(context.Background(), ix, Request{Question: asked.Subject})
	if err != nil {
		t.Fatal(err)
	}
	if asked.Found != 3 || again.Found != asked.Found {
		t.Errorf("found %d, and %d asking the subject %q again; want 3 both times", asked.Found, again.Found, asked.Subject)
	}
}

func TestQuotable(t *testing.T) {
	tests := []struct {
		sentence string
		want     bool
	}{
		{"Witkoff met Putin in St Petersburg on Friday for talks.", true},
		{`"We are ready," Witkoff told reporters after the meeting.`, true},
		{"“We are ready,” Witkoff told reporters after the meeting.", true},
		{"He said the talks would go on (in Rome).", true},
		{`I would much rather have a Volcker."`, false},
		{`"Working on the X Factor has been a blast and a half...`, false},
		{"The shape of the UK's economy In graphics", false},
		{"ARMONK, N.Y., April 13 - 1st qtr", false},
		{"Too short.", false},
		{"TBN 15,000 mt bulk sugar Queensland/Japan 14.65 dlrs fio 10,000/1,000 20-30/4 CSR.", false},
		{"Bread wheat prev 1,655.8, Feb 872.0, March 164.6, total 2,692.4 (4,161.0).", false},
		{"......END-JUNE U.S. INTEREST RATE FORECASTS.... ....................T-bonds..Fed funds..Prime..", false},
		{"Compared with February 1986, M3 rose 7-1/2 pct.", true},
		{"British Petroleum stock rose 2-1/4 to 59-5/8, dealers said.", true},
		{"Buffer stock purchases could reach 75,000 tonnes in weeks, traders said....Cocoa prices fell.", true},
	}
	for _, tt := range tests {
		if got := quotable(tt.sentence); got != tt.want {
			t.Errorf("quotable(%q) = %v; want %v", tt.sentence, got, tt.want)
		}
	}
}

// A list of shipping fixtures that names the subject again and again ranks
// well, but no sentence of it is quoted: not its rows, which end in full
// stops, nor its note, which only makes sense beside them.
func TestAskQuotesNoTable(t *testing.T) {
	fixtures := " date 2025-04-01 London sugar freights\n\nLONDON, April 1 - ENQUIRIES - Delfzyl/India 14,700 mt bagged sugar about 30 dlrs 750/1,000 ppt a/c Benham.\n\n" +
		"Antwerp/Lagos 12,000 mt bagged sugar 750/750 try liner discharge 5-20/4 a/c Man.\n\n" +
		"T/C single or tweendecker 16,000/19,000 tonnes dw del Queensland mid-April/early-May for trip with bulk sugar redel China duration about 30 to 40 days a/c Kawasaki.\n\n" +
		"Santos/Hodeidah 10,000 mt bagged sugar about 30 dlrs 750/750 20-30/4 a/c Dutch charterer.\n\n" +
		"Cargill is reported to have withdrawn its enquiries for sugar cargoes from South Korea to India."
	ix := mustIndexOf(t, map[string]string{
		"fixtures.txt": fixtures,
		"tender.txt":   " date 2025-04-02 Turkey seeks sugar\n\nTurkey is holding a buying tender for 100,000 tonnes of white sugar on April 24, traders said.\n\nThe sugar is sought for early arrival, they added.",
		"stocks.txt":   " date 2025-04-03 French sugar offers withdrawn\n\nFrench producers have withdrawn all offers to sell sugar into intervention stocks, sources said.\n\nThe sales were made to protest against the level of sugar export rebates.",
	})
	ans, err := Ask(context.Background(), ix, Request{Question: "whats up with sugar"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Found != 3 || len(ans.Summary) < minSummary {
		t.Fatalf("found %d, summary %v; want the 3 stories and a summary", ans.Found, ans.Summary)
	}
	for _, st := range ans.Summary {
		if strings.Contains(fixtures, st.Text) {
			t.Errorf("summary quotes the fixtures: %q", st.Text)
		}
	}
}

// twoFirms is an index of stories on two firms, Zorblat and Quimby, only
// one of which names both, a few on a third, Wexley (one calling it Wexco),
// one on Nestlé, and market reports that name none.
func twoFirms(t *testing.T) *index.Index {
	t.Helper()
	verbs := strings.Fields("opened closed sold bought rebuilt named")
	stories := map[string]string{}
	for i, verb := range verbs {
		stories[fmt.Sprintf("zorblat-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Zorblat %s a plant\n\nZorblat Inc said it %s a plant in town %d.%s", 2*i+1, verb, verb, i, strings.Repeat(" Quay", i))
		stories[fmt.Sprintf("quimby-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Quimby %s a depot\n\nQuimby Corp said it %s a depot in town %d.%s", 2*i+2, verb, verb, i, strings.Repeat(" Quay", i))
	}
	stories["both.txt"] = " date 2025-04-20 Zorblat and Quimby in talks\n\nZorblat Inc and Quimby Corp said they held talks on a merger."
	for i := range 3 {
		stories[fmt.Sprintf("wexley-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Wexley hires staff\n\nWexley Ltd said it hired %d staff.", 21+i, 10*(i+1))
	}
	stories["wexco.txt"] = " date 2025-04-25 Wexco opens office\n\nWexco opened an office in town."
	stories["nestle.txt"] = " date 2025-04-26 Nestlé buys a farm\n\nNestlé said it bought a farm."
	addMarketReports(stories, 60, "2025-04")
	return mustIndexOf(t, stories)
}

// Two firms joined by "and" that few articles name together are asked about
// each: "ibm and boeing" was answered on IBM alone, Boeing left out, and
// "Chrysler and Boeing" was one name, which no article holds.
func TestAskTwoSubjects(t *testing.T) {
	ix := twoFirms(t)
	for _, tt := range []struct{ question, subject, order string }{
		{"what's up with zorblat and quimby?", "zorblat or quimby", "relevance"},
		{"Zorblat or Quimby", "Zorblat or Quimby", "relevance"},
		{"news on Zorblat and Quimby", "Zorblat or Quimby", "relevance"}, // not the one name "Zorblat and Quimby"
		{"latest on zorblat and quimby", "zorblat or quimby", "newest"},
	} {
		t.Run(tt.question, func(t *testing.T) {
			ans, err := Ask(context.Background(), ix, Request{Question: tt.question, Sources: 4})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Subject != tt.subject || ans.Reading.Order() != tt.order || len(ans.Reading.Dropped) > 0 {
				t.Fatalf("read as %q, %s, dropping %q; want %q, %s, dropping nothing", ans.Subject, ans.Reading.Order(), ans.Reading.Dropped, tt.subject, tt.order)
			}
			if ans.Found != 13 {
				t.Errorf("found %d; want the 13 articles naming either", ans.Found)
			}
			firms := map[string]int{}
			for _, s := range ans.Sources {
				firm, _, _ := strings.Cut(filepath.Base(s.Article.Path), "-")
				firms[firm]++
			}
			if firms["zorblat"] < 1 || firms["quimby"] < 1 {
				t.Errorf("sources %q; want stories on each firm", sortedTitles(ans))
			}
			for _, st := range ans.Summary {
				if !strings.Contains(st.Text, "Zorblat") && !strings.Contains(st.Text, "Quimby") {
					t.Errorf("summary sentence %q names neither firm", st.Text)
				}
			}
			checkCited(t, ans)
			if tt.order == "newest" {
				for i := 1; i < len(ans.Sources); i++ {
					if ans.Sources[i].Article.Date.After(ans.Sources[i-1].Article.Date) {
						t.Errorf("source [%d] is newer than [%d]", i+1, i)
					}
				}
			}
		})
	}
}

// A series joined by "or" is as many subjects, each with its spellings.
func TestAskSeriesOfSubjects(t *testing.T) {
	ix := twoFirms(t)
	aliases := Aliases{}
	aliases.add("Wexley, Wexco")
	aliases.add("Quimby Corp, Quimby Corporation")
	for _, tt := range []struct {
		question, subject string
		found             int
	}{
		{"any news on zorblat, quimby or wexley?", "zorblat, quimby or wexley", 17}, // Wexco too
		{"zorblat or quimby or wexley", "zorblat, quimby or wexley", 17},
		{"Wexley and Zorblat", "Wexley or Zorblat", 11},
		{"Wexley or Zorblat Inc", "Wexley or Zorblat Inc", 11},                 // a name of two words
		{"Zorblat Inc or Quimby Corp", "Zorblat Inc or Quimby Corp", 13},       // names of two words only
		{"zorblat or quimby corp", "zorblat or quimby corp", 13},               // a term
		{"Zorblat Inc, Wexley or Quimby", "Zorblat Inc, Wexley or Quimby", 17}, // listed before
		{"quimby corp, zorblat or wexley", "quimby corp, zorblat or wexley", 17},
		{"Wexley or plant", "Wexley or plant", 10},                    // a name or a word
		{"Wexley or Nestlé", "Wexley or Nestlé", 5},                   // letters beyond ASCII
		{"zorblat and quimby merger", "zorblat or quimby merger", 13}, // "merger" left out, not a subject
	} {
		t.Run(tt.question, func(t *testing.T) {
			ans, err := Ask(context.Background(), ix, Request{Question: tt.question, Sources: 6, Aliases: aliases})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Subject != tt.subject || ans.Found != tt.found {
				t.Fatalf("read as %q, found %d; want %q, the %d articles naming any", ans.Subject, ans.Found, tt.subject, tt.found)
			}
			firms := map[string]bool{}
			for _, s := range ans.Sources {
				firm, _, _ := strings.Cut(strings.TrimSuffix(filepath.Base(s.Article.Path), ".txt"), "-")
				firms[firm] = true
			}
			if len(firms) < strings.Count(tt.subject, ",")+2 {
				t.Errorf("sources %q; want some on each subject", sortedTitles(ans))
			}
		})
	}
}

// A subject of a series may be a name whose words a connector joins, or
// follow "the": "Bank of Ruritania or the Fed" is each bank's news, not the
// one article naming both.
func TestAskSeriesOfNamesWithConnectors(t *testing.T) {
	stories := map[string]string{"both.txt": " date 2025-04-20 Banks meet\n\nThe Bank of Ruritania and the Fed met."}
	for i := range 3 {
		stories[fmt.Sprintf("bor-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Bank of Ruritania holds rates\n\nThe Bank of Ruritania held rates on day %d.", i+1, i)
		stories[fmt.Sprintf("fed-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Fed holds rates\n\nThe Fed held rates on day %d.", i+5, i)
	}
	addMarketReports(stories, 20, "2025-04")
	ix := mustIndexOf(t, stories)
	for _, tt := range []struct{ question, subject string }{
		{"Bank of Ruritania or the Fed", "Bank of Ruritania or Fed"},
		{"any news on the Fed or the Bank of Ruritania?", "Fed or Bank of Ruritania"},
		{"the Fed and the Bank of Ruritania", "Fed or Bank of Ruritania"},
	} {
		ans, err := Ask(context.Background(), ix, Request{Question: tt.question, Sources: 6})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Subject != tt.subject || ans.Found != 7 {
			t.Errorf("%q: read as %q, found %d; want %q, the 7 articles naming either", tt.question, ans.Subject, ans.Found, tt.subject)
		}
	}
}

// Subjects that are all names of several words are quoted: "General Motors
// or American Motors" found 179 articles and quoted none. A name after them
// keeps apart from them: "Zorblat Inc or Quimby Corp on Quay" found nothing,
// the search requiring the name "Zorblat Inc Quay".
func TestAskSeriesOfNamesOfSeveralWords(t *testing.T) {
	ix := twoFirms(t)
	ans, err := Ask(context.Background(), ix, Request{Question: "Zorblat Inc or Quimby Corp"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Summary) < minSummary {
		t.Errorf("%d summary sentences; want at least %d", len(ans.Summary), minSummary)
	}
	for _, st := range ans.Summary {
		if !strings.Contains(st.Text, "Zorblat Inc") && !strings.Contains(st.Text, "Quimby Corp") {
			t.Errorf("summary sentence %q names neither firm", st.Text)
		}
	}
	if ans, err = Ask(context.Background(), ix, Request{Question: "Zorblat Inc or Quimby Corp on Quay"}); err != nil {
		t.Fatal(err)
	}
	if ans.Found != 10 {
		t.Errorf("read as %q, found %d; want the 10 articles on either that name Quay", ans.Subject, ans.Found)
	}
}

// The sources on two subjects take turns, and paging lists each once.
func TestAskTwoSubjectsTakeTurns(t *testing.T) {
	ix := twoFirms(t)
	ans, err := Ask(context.Background(), ix, Request{Question: "zorblat and quimby", Sources: 4})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Reading.String(), "sources on each") {
		t.Errorf("reading %q; want it to say that the sources are on each", ans.Reading.String())
	}
	listed := map[string]int{}
	for _, sources := range pagesOf(t, ix, Request{Question: ans.Subject, Sources: 4}) {
		for _, s := range sources {
			listed[filepath.Base(s.Article.Path)]++
		}
	}
	for name, n := range listed {
		if n != 1 || !strings.HasPrefix(name, "zorblat") && !strings.HasPrefix(name, "quimby") && name != "both.txt" {
			t.Errorf("%s listed %d times", name, n)
		}
	}
	if len(listed) != 13 {
		t.Errorf("paging listed %d articles; want the 13 naming either", len(listed))
	}
}

// Newest first, the sources on two subjects are listed in date order across
// pages, each once: a page chose among the latest of each subject anew, and
// the next repeated sources and went back in time.
func TestMoreSourcesOnTwoSubjectsNewestFirst(t *testing.T) {
	var last time.Time
	listed := map[string]int{}
	for page, sources := range pagesOf(t, twoFirms(t), Request{Question: "latest on zorblat and quimby", Sources: 3}) {
		for _, s := range sources {
			if !last.IsZero() && s.Article.Date.After(last) {
				t.Errorf("page %d: %s, %s, after %s", page+1, s.Article.Title, s.Article.Date.Format(time.DateOnly), last.Format(time.DateOnly))
			}
			last = s.Article.Date
			listed[filepath.Base(s.Article.Path)]++
		}
	}
	for name, n := range listed {
		if n != 1 {
			t.Errorf("%s listed %d times", name, n)
		}
	}
	if len(listed) < 10 {
		t.Errorf("paging listed %d articles; want the latest of each firm, over 10", len(listed))
	}
}

// Words joined by "and" that are no two names are one subject: "lead and
// zinc", or a name and its part in something: "the EC and grain".
func TestAskWordsJoinedByAndStayOneSubject(t *testing.T) {
	ix := twoFirms(t)
	for _, question := range []string{"zorblat and plant", "plant and depot"} {
		ans, err := Ask(context.Background(), ix, Request{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(ans.Subject, " or ") {
			t.Errorf("%q read as %q; want one subject", question, ans.Subject)
		}
	}
}

// A place far commoner than the topic asked about narrows the topic: too
// few articles name both, and the answer leaves out the place, not the
// topic. "platinum price south africa" was answered with South Africa's
// news, none on platinum.
func TestAskLeavesOutThePlaceBeforeTheTopic(t *testing.T) {
	stories := map[string]string{}
	for i := range 40 {
		stories[fmt.Sprintf("ruritania-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Ruritania parliament meets\n\nThe Ruritania parliament met on day %d and the Ruritania cabinet spoke.", i%28+1, i)
	}
	for i := range 6 {
		place := ""
		if i < 2 {
			place = " Most of it is mined in Ruritania."
		}
		stories[fmt.Sprintf("zorblat-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Zorblat price rises\n\nThe zorblat price rose %d pct.%s", i+1, i+1, place)
	}
	addMarketReports(stories, 150, "2025-04")
	ix := mustIndexOf(t, stories)
	ans, err := Ask(context.Background(), ix, Request{Question: "zorblat price in Ruritania", Sources: 5})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ans.Reading.Dropped, []string{"Ruritania"}) {
		t.Fatalf("left out %q; want Ruritania, which narrows the topic", ans.Reading.Dropped)
	}
	for i, s := range ans.Sources {
		if !strings.HasPrefix(filepath.Base(s.Article.Path), "zorblat-") {
			t.Errorf("source [%d] %q is not on zorblat", i+1, s.Article.Title)
		}
	}
	// A name that fewer articles hold than the words beside it is what
	// the question asks about.
	stories["quimby.txt"] = " date 2025-04-27 Quimby visits\n\nQuimby spoke of calm in Ruritania."
	for i := range 3 {
		stories[fmt.Sprintf("calm-%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Calm returns\n\nCalm returned to the port on day %d.", i+1, i)
	}
	ans, err = Ask(context.Background(), mustIndexOf(t, stories), Request{Question: "what did Quimby say to calm Ruritania", Sources: 5})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(ans.Reading.Dropped, "Ruritania") || slices.Contains(ans.Reading.Dropped, "Quimby") {
		t.Errorf("left out %q; want Quimby and Ruritania kept", ans.Reading.Dropped)
	}
}
