package commands

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"newsbot/index"
	"newsbot/index/news"
)

// marketNews is an index of thirty market stories: every one about prices,
// three about oil (written in lower case, as prose does), two naming Shell,
// one a pipeline.
func marketNews(t *testing.T) *index.Index {
	t.Helper()
	stories := map[string]string{}
	for i := range 30 {
		body := fmt.Sprintf("Traders said prices moved in quiet trade on day %d of the month.", i+1)
		switch i {
		case 0, 1:
			body += " The price of oil rose as Shell cut output, traders said."
		case 2:
			body += " Crude oil fell after the new pipeline opened in the north."
		case 3, 8:
			body += " The outlook for copper improved, miners said."
		case 4:
			body += " OPEC ministers gathered in Vienna."
		case 5, 6:
			body += " Donors pledged aid to the region."
		case 7:
			body += " Spending on AIDS research grew."
		}
		stories[fmt.Sprintf("s%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Market report number %d\n\n%s\n", i+1, i+1, body)
	}
	return mustIndexOf(t, stories)
}

func TestReadWeighsWordsByTheIndex(t *testing.T) {
	ix := marketNews(t)
	tests := []struct {
		question           string
		subject            string
		required, optional []string
		corrected          map[string]string
	}{
		// A capitalised first word that the articles write in lower case
		// is a common word; "prices", in every article, only ranks.
		{"Oil prices?", "oil prices", []string{"oil"}, []string{"prices"}, nil},
		{"what happened with oil prices?", "oil prices", []string{"oil"}, []string{"prices"}, nil},
		// A name stays a name, at the start too.
		{"Shell?", "Shell", []string{"Shell"}, nil, nil},
		// A word stressed in capitals in a question in lower case is the
		// word the articles write in lower case; an acronym stays a name.
		{"whats new with COPPER", "copper", []string{"copper"}, nil, nil},
		{"anything new on OPEC?", "OPEC", []string{"OPEC"}, nil, nil},
		// The articles write "aid" in lower case, which is not "AIDS".
		{"any news on AIDS", "AIDS", []string{"AIDS"}, nil, nil},
		// Words typed in title case that the articles write in lower case
		// are common words; a name keeps all its words.
		{"latest Oil Prices", "oil prices", []string{"oil"}, []string{"prices"}, nil},
		{"Shell Oil", "Shell Oil", []string{"Shell", "Oil"}, nil, nil},
		{"OPEC Oil Prices", "OPEC oil prices", []string{"OPEC", "oil"}, []string{"prices"}, nil},
		// In a question in Title Case, the words that ask still ask, and
		// the index tells the names; a word in capitals is one.
		{"What Happened With Oil Prices?", "oil prices", []string{"oil"}, []string{"prices"}, nil},
		{"Is The US Going To Cut Oil Output?", "US cut oil output", []string{"US,", "oil", "output"}, []string{"cut"}, nil},
		{"Any Shell News This Month", "Shell", []string{"Shell"}, nil, nil},
		{"What Is New Today", "", nil, nil, nil},
		// So is a headline pasted in, without words that ask: as a name,
		// "Shell Oil Output" was in no article.
		{"Shell Oil Output", "Shell oil output", []string{"Shell", "oil", "output"}, nil, nil},
		{"The Shell And The Oil", "Shell oil", []string{"Shell,", "oil"}, nil, nil},
		// Words about how a subject moves or is seen only rank.
		{"why is oil falling?", "oil falling", []string{"oil"}, []string{"falling"}, nil},
		// "are rates falling after the crash" is about rates: an article
		// on the crash alone is no answer, one on rates need not name it.
		{"why did oil crash?", "oil crash", []string{"oil"}, []string{"crash"}, nil},
		// Capitalised to open the question, or in one written in capitals,
		// they still only rank.
		{"Outlook for copper?", "outlook copper", []string{"copper"}, []string{"outlook"}, nil},
		{"COPPER OUTLOOK", "copper outlook", []string{"copper"}, []string{"outlook"}, nil},
		{"what's the outlook for copper?", "outlook copper", []string{"copper"}, []string{"outlook"}, nil},
		{"how is copper holding up?", "copper holding", []string{"copper"}, []string{"holding"}, nil},
		{"where does the oil fight stand?", "oil fight", []string{"oil"}, []string{"fight"}, nil},
		{"how did the oil fight develop?", "oil fight develop", []string{"oil"}, []string{"fight", "develop"}, nil},
		{"what's driving copper?", "driving copper", []string{"copper"}, []string{"driving"}, nil},
		{"did oil pick up?", "oil pick", []string{"oil"}, []string{"pick"}, nil},
		{"why did copper output shrink?", "copper output shrink", []string{"copper", "output"}, []string{"shrink"}, nil},
		{"is copper a good bet?", "copper good bet", []string{"copper"}, []string{"good", "bet"}, nil},
		{"how fast is copper rising?", "fast copper rising", []string{"copper"}, []string{"fast", "rising"}, nil},
		{"top copper stories", "top copper", []string{"copper"}, []string{"top"}, nil},
		{"copper figures released in the report?", "copper figures released report", []string{"copper"}, []string{"figures", "released", "report"}, nil},
		// When only common words are left, the rarest carries the search.
		{"how big is the market?", "big market", []string{"market"}, []string{"big"}, nil},
		// A word no article has is read as the indexed word spelled like it.
		{"any news on copperr?", "copper", []string{"copper"}, nil, map[string]string{"copperr": "copper"}},
		// A word that asks, with two letters swapped, still asks.
		{"whats up wiht copper", "copper", []string{"copper"}, nil, map[string]string{"wiht": "with"}},
		// A longer one, with a letter more, still asks.
		{"what's happenning with copper", "copper", []string{"copper"}, nil, map[string]string{"happenning": "happening"}},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			r, err := Read(context.Background(), ix, Request{Question: tt.question})
			if err != nil {
				t.Fatal(err)
			}
			if r.Subject != tt.subject || !slices.Equal(r.Required, tt.required) || !slices.Equal(r.Optional, tt.optional) || !maps.Equal(r.Corrected, tt.corrected) {
				t.Errorf("read as %q, required %q, optional %q, corrected %v; want %q, %q, %q, %v",
					r.Subject, r.Required, r.Optional, r.Corrected, tt.subject, tt.required, tt.optional, tt.corrected)
			}
		})
	}
}

// Chat writes the words that ask without the g of -ing or an apostrophe;
// they still ask, and are not read as the indexed words spelled like them:
// "goin" was "gain", "theres" "threes".
func TestReadChatSpellingsOfWordsThatAsk(t *testing.T) {
	stories := map[string]string{}
	for i := range 10 {
		stories[fmt.Sprintf("c%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Copper gains %d\n\nCopper posted a gain, in threes and fours, on day %d.\n", i+1, i, i)
	}
	ix := mustIndexOf(t, stories)
	for question, typed := range map[string]string{
		"whats goin on w/ copper":            "goin",
		"theres been news on copper, right?": "theres",
		"dont know much about copper":        "dont",
		"youre the best, copper?":            "youre",
	} {
		r, err := Read(context.Background(), ix, Request{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		if r.Subject != "copper" || r.Corrected[typed] == "" {
			t.Errorf("%q: read as %q, corrected %v; want copper, %q read as a word that asks", question, r.Subject, r.Corrected, typed)
		}
	}
}

// A word typed with a slip that one article made too is read as the word
// that far more articles hold ("metels" as "metals"), or as the word that
// asks ("teh"); a short one is not, being a slip from too many.
func TestReadMendsASlipAnArticleMadeToo(t *testing.T) {
	stories := map[string]string{
		"slip.txt": " date 2025-04-01 Metels firm\n\nStrategic metels and teh tin price were firm.\n",
	}
	for i := range 30 {
		stories[fmt.Sprintf("m%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Metals report %d\n\nStrategic metals and the tan leather market moved.\n", i%28+1, i)
	}
	ix := mustIndexOf(t, stories)
	r, err := Read(context.Background(), ix, Request{Question: "any news on strategic metels"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Corrected["metels"] != "metals" {
		t.Errorf("corrected %v; want metels read as metals", r.Corrected)
	}
	// A word that asks, typed as the article did, still asks.
	r, err = Read(context.Background(), ix, Request{Question: "whats teh news on tin"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "tin" || r.Corrected["teh"] != "the" {
		t.Errorf("read as %q, corrected %v; want tin, teh read as the", r.Subject, r.Corrected)
	}
	r, err = Read(context.Background(), ix, Request{Question: "any news on tin"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Corrected) > 0 {
		t.Errorf("corrected %v; tin is a word of its own", r.Corrected)
	}
}

// A misspelled word read as one that asks rather than names is no subject
// word: "whats happenin with copper" asks about copper.
func TestReadDropsCorrectedQuestionWords(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"a.txt": " date 2025-04-01 What is happening in copper\n\nCopper rose as traders asked what was happening.\n",
		"b.txt": " date 2025-04-02 Copper steady\n\nCopper was steady in quiet trade.\n",
	})
	r, err := Read(context.Background(), ix, Request{Question: "whats happenin with copper"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "copper" || !slices.Equal(r.Required, []string{"copper"}) || r.Corrected["happenin"] != "happening" {
		t.Errorf("read as %q, required %q, corrected %v; want copper alone, happenin read as happening", r.Subject, r.Required, r.Corrected)
	}
}

// The two words of a term the aliases write another way are both required,
// common or not, so that the search can take either way of writing it.
func TestReadKeepsTermsWhole(t *testing.T) {
	stories := map[string]string{
		"cpi.txt":    " date 2025-04-01 Consumer prices rise\n\nConsumer prices rose 0.2 pct in March, the statistics office said.\n",
		"living.txt": " date 2025-04-02 Living costs fall\n\nThe cost of living fell 0.1 pct in April, the statistics office said.\n",
	}
	for i := range 10 { // "prices" is in most articles: alone, it would only rank
		stories[fmt.Sprintf("m%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Market report %d\n\nTraders said prices moved in quiet trade on day %d.\n", i+3, i, i)
	}
	ix := mustIndexOf(t, stories)
	aliases := Aliases{}
	aliases.add("consumer prices, cost of living")
	r, err := Read(context.Background(), ix, Request{Question: "what about consumer prices?", Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Required, []string{"consumer", "prices"}) || len(r.Optional) != 0 {
		t.Errorf("required %q, optional %q; want the term's two words required", r.Required, r.Optional)
	}
	ans, err := Ask(context.Background(), ix, Request{Question: "what about consumer prices?", Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if titles, want := sortedTitles(ans), []string{"Consumer prices rise", "Living costs fall"}; !slices.Equal(titles, want) {
		t.Errorf("sources %q; want %q, the term written either way", titles, want)
	}
}

// Places the shipped aliases name "New ..." ask for no recent news, typed
// in lower case too; "new" alone still does.
func TestReadNewPlacesAskForNoRecentNews(t *testing.T) {
	aliases, err := LoadAliases("")
	if err != nil {
		t.Fatal(err)
	}
	cal := calendar{Now: time.Date(2025, 5, 7, 12, 0, 0, 0, time.UTC), Latest: func() time.Time { return time.Time{} }}
	for question, newest := range map[string]bool{"new zealand dollar": false, "any news from new york?": false, "what's new with the yen": true} {
		if p := parse(question, cal, aliases); p.newest != newest {
			t.Errorf("%q: newest first %v; want %v", question, p.newest, newest)
		}
	}
}

// A term the aliases list alone is kept whole too, and a word that opens
// it is read in it: "current account" asks for no recent news.
func TestReadKeepsOneWayTermsWhole(t *testing.T) {
	stories := map[string]string{
		"bop.txt":  " date 2025-04-01 German current account surplus widens\n\nWest Germany's current account surplus widened in March.\n",
		"bank.txt": " date 2025-04-02 Bank opens accounts\n\nThe bank opened current accounts for farmers.\n",
	}
	for i := range 10 { // "account" is in most articles: alone, it would only rank
		stories[fmt.Sprintf("m%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Account report %d\n\nThe account moved on day %d.\n", i+3, i, i)
	}
	// "acount" is one article's typo, one letter from "account" and from
	// the commoner "amount".
	stories["typo.txt"] = " date 2025-04-20 Acount closed\n\nThe acount was closed.\n"
	for i := range 20 {
		stories[fmt.Sprintf("a%d.txt", i)] = fmt.Sprintf(" date 2025-05-%02d Amount paid %d\n\nThe amount paid rose on day %d.\n", i+1, i, i)
	}
	ix := mustIndexOf(t, stories)
	aliases := Aliases{}
	aliases.add("current account")
	r, err := Read(context.Background(), ix, Request{Question: "current account surplus", Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if r.Newest || !slices.Equal(r.Required, []string{"current", "account", "surplus"}) {
		t.Errorf("required %q, newest first %v; want the term's words required, in relevance order", r.Required, r.Newest)
	}
	// Capitalised to open the question, the same.
	if r, err := Read(context.Background(), ix, Request{Question: "Current account surplus?", Aliases: aliases}); err != nil || r.Newest || !slices.Equal(r.Required, []string{"current", "account", "surplus"}) {
		t.Errorf("Current account surplus?: required %q, newest first %v, %v; want the term's words required, in relevance order", r.Required, r.Newest, err)
	}
	// In a question all in capitals or in Title Case, the same: "CURRENT"
	// searched as a name found only what named it in capitals.
	for _, q := range []string{"CURRENT ACCOUNT SURPLUS", "Current Account Surplus In April"} {
		if r, err := Read(context.Background(), ix, Request{Question: q, Aliases: aliases}); err != nil || r.Newest || !slices.Equal(r.Required, []string{"current", "account", "surplus"}) {
			t.Errorf("%s: required %q, newest first %v, %v; want the term's words required, in relevance order", q, r.Required, r.Newest, err)
		}
	}
	if r, _ := Read(context.Background(), ix, Request{Question: "current account surplus"}); !r.Newest {
		t.Errorf("without the term, %q did not ask for the newest news", "current")
	}
	// The term's second word misspelled: the term, and the answer says so.
	if r, err := Read(context.Background(), ix, Request{Question: "current acount surplus", Aliases: aliases}); err != nil || r.Newest ||
		!slices.Equal(r.Required, []string{"current", "account", "surplus"}) || r.Corrected["acount"] != "account" {
		t.Errorf("current acount surplus: required %q, newest first %v, corrected %v, %v; want the term's words required and the typo noted", r.Required, r.Newest, r.Corrected, err)
	}
	ans, err := Ask(context.Background(), ix, Request{Question: "current account surplus", Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Sources) == 0 || ans.Sources[0].Article.Title != "German current account surplus widens" {
		t.Errorf("%d sources; want the story on the current account surplus first", len(ans.Sources))
	}
}

// Names joined by a hyphen that the aliases know are searched apart, each
// in its spellings: "US-Japan trade" finds "U.S. presses Japan on trade".
// "US" in capitals is a name at the start of a question too, not "us".
func TestReadSplitsKnownNames(t *testing.T) {
	stories := map[string]string{
		"trade.txt": " date 2025-04-01 U.S. presses Japan on trade\n\nThe U.S. asked Japan to open its markets to more trade.\n",
		"chips.txt": " date 2025-04-02 Japanese chip makers\n\nJapan's chip makers said trade with Europe grew.\n",
		"other.txt": " date 2025-04-03 Barrot visits Paris\n\nJean-Noël Barrot spoke about trade in Paris.\n",
		"saudi.txt": " date 2025-04-04 Saudi output\n\nThe Saudi oil minister said output would rise.\n",
	}
	for i := range 30 { // that "trade" is rare enough to require
		stories[fmt.Sprintf("m%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Weather report %d\n\nIt rained on day %d.\n", i%28+1, i, i)
	}
	ix := mustIndexOf(t, stories)
	aliases, err := LoadAliases("")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		question string
		required []string
	}{
		{"where do things stand with the US-Japan trade?", []string{"US,", "Japan", "trade"}},
		{"US-Japan trade", []string{"US,", "Japan", "trade"}},
		{"US trade", []string{"US", "trade"}},
		{"news about Jean-Noël Barrot", []string{"Jean-Noël", "Barrot"}},
		// A name in the plural is the name the aliases know.
		{"what are the Saudis doing on oil?", []string{"Saudi,", "oil"}},
	}
	for _, tt := range tests {
		r, err := Read(context.Background(), ix, Request{Question: tt.question, Aliases: aliases})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(r.Required, tt.required) {
			t.Errorf("%q: required %q; want %q", tt.question, r.Required, tt.required)
		}
	}
	ans, err := Ask(context.Background(), ix, Request{Question: "US-Japan trade", Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Sources) != 1 || ans.Sources[0].Article.Title != "U.S. presses Japan on trade" {
		t.Errorf("%d sources; want the one story naming the U.S. and Japan", len(ans.Sources))
	}
}

// When few articles hold every word, the answer stops requiring the word
// whose leaving out finds the best articles, which need not be the most
// common; says so; and still holds the rest.
func TestAskRelaxesAndSaysSo(t *testing.T) {
	stories := map[string]string{}
	for i := range 100 {
		stories[fmt.Sprintf("f%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Market report %d\n\nTraders said prices moved in quiet trade.\n", i%28+1, i)
	}
	for i := range 8 {
		stories[fmt.Sprintf("a%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Aluminium smelter %d\n\nThe aluminium smelter raised output, the company said.\n", i+1, i)
	}
	for i := range 5 {
		stories[fmt.Sprintf("c%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Steel plant %d\n\nThe steel plant announced cutbacks, the union said.\n", i+1, i)
	}
	ans, err := Ask(context.Background(), mustIndexOf(t, stories), Request{Question: "any aluminium smelter cutbacks?"})
	if err != nil {
		t.Fatal(err)
	}
	// "aluminium", the most common, left out and then "smelter" would
	// leave the steel plants.
	if !slices.Equal(ans.Reading.Dropped, []string{"cutbacks"}) || !slices.Equal(ans.Reading.Required, []string{"aluminium", "smelter"}) {
		t.Fatalf("dropped %q, required %q; want cutbacks dropped, aluminium smelter required", ans.Reading.Dropped, ans.Reading.Required)
	}
	for _, s := range ans.Sources {
		if !containsWord(s.Article.Body, "aluminium") || !containsWord(s.Article.Body, "smelter") {
			t.Errorf("source %q lacks a word still required", s.Article.Title)
		}
	}
	if !ans.Reading.Differs(ans.Question) || !strings.Contains(ans.Reading.String(), `not all mention "cutbacks"`) {
		t.Errorf("the reading %q does not say which word was left out", ans.Reading)
	}
	ix := marketNews(t)
	// Names are never left out: the other words are, and with no article
	// on two names, nothing is found.
	shell, err := Ask(context.Background(), ix, Request{Question: "Shell pipeline"})
	if err != nil {
		t.Fatal(err)
	}
	if shell.Found != 2 || !slices.Equal(shell.Reading.Required, []string{"Shell"}) {
		t.Errorf("Shell pipeline: found %d, required %q; want Shell's 2 articles", shell.Found, shell.Reading.Required)
	}
	none, err := Ask(context.Background(), ix, Request{Question: "Shell Exxon"})
	if err != nil {
		t.Fatal(err)
	}
	if none.Found != 0 || len(none.Reading.Dropped) != 0 {
		t.Errorf("Shell Exxon: found %d, dropped %q; want nothing found, nothing dropped", none.Found, none.Reading.Dropped)
	}
}

// Names typed side by side that no article names as one are two: the
// answer takes them apart, keeps both, and shows them apart.
func TestAskTakesNamesSideBySideApart(t *testing.T) {
	stories := map[string]string{}
	for i := range 3 {
		stories[fmt.Sprintf("t%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Court rules in oil suit %d\n\nA court said Pennzoil may collect damages from Texaco.\n", i+1, i)
	}
	stories["texaco.txt"] = " date 2025-04-05 Texaco sells refinery\n\nTexaco sold a refinery.\n"
	stories["pennzoil.txt"] = " date 2025-04-06 Pennzoil buys wells\n\nPennzoil bought oil wells.\n"
	ans, err := Ask(context.Background(), mustIndexOf(t, stories), Request{Question: "what's up with Texaco Pennzoil"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Found != 3 || !slices.Equal(ans.Reading.Required, []string{"Texaco,", "Pennzoil"}) || ans.Reading.Subject != "Texaco, Pennzoil" || ans.Subject != ans.Reading.Subject {
		t.Errorf("found %d, required %q, subject %q, answer's %q; want the 3 articles naming both, apart", ans.Found, ans.Reading.Required, ans.Reading.Subject, ans.Subject)
	}
	// Found apart no more often than together, they stay as typed.
	stories["together.txt"] = " date 2025-04-07 Zorblax Quuxington opens\n\nZorblax Quuxington opened a plant.\n"
	together, err := Ask(context.Background(), mustIndexOf(t, stories), Request{Question: "Zorblax Quuxington"})
	if err != nil || together.Found != 1 || together.Subject != "Zorblax Quuxington" {
		t.Errorf("Zorblax Quuxington: found %d, subject %q, %v; want the one article, as typed", together.Found, together.Subject, err)
	}
}

func containsWord(text, word string) bool { return slices.Contains(contentWords(text), word) }

func TestAskHonoursQuestionDates(t *testing.T) {
	now := time.Date(2025, 5, 2, 9, 0, 0, 0, time.UTC)
	ans := mustAsk(t, Request{Question: "what's the news on Witkoff in April?", Now: now})
	if ans.Found == 0 || ans.Reading.Period.String() != "April 2025" {
		t.Fatalf("found %d in %q; want Witkoff's April 2025 articles", ans.Found, ans.Reading.Period)
	}
	for _, s := range ans.Sources {
		if s.Article.Date.Month() != time.April {
			t.Errorf("source %q dated %s, outside April", s.Article.Title, s.Article.Date.Format(time.DateOnly))
		}
	}
	checkCited(t, ans)
	// The request's since and the question's month both hold.
	later := mustAsk(t, Request{Question: "Witkoff in April", Since: time.Date(2025, 4, 20, 0, 0, 0, 0, time.UTC), Now: now})
	for _, s := range later.Sources {
		if s.Article.Date.Before(time.Date(2025, 4, 20, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("source %q dated %s, before since", s.Article.Title, s.Article.Date.Format(time.DateOnly))
		}
	}
	if later.Found == 0 || later.Found >= ans.Found {
		t.Errorf("since 20 April found %d of April's %d", later.Found, ans.Found)
	}
}

// A period with nothing on the subject is answered with nothing, and the
// nearest periods that have some; never with sources of other dates. The
// answer says when the index holds no news at all in the period, a gap in
// the archive (the period of "lead & zinc feb" below has news).
func TestAskNothingInThePeriod(t *testing.T) {
	ans := mustAsk(t, Request{Question: "any news on Witkoff in February?", Now: time.Date(2025, 5, 2, 0, 0, 0, 0, time.UTC)})
	if ans.Found != 0 || len(ans.Sources) != 0 || len(ans.Summary) != 0 {
		t.Fatalf("found %d with %d sources; want nothing", ans.Found, len(ans.Sources))
	}
	if got := ans.NothingFound(); got != "Nothing on “Witkoff” in February 2025" {
		t.Errorf("NothingFound() = %q", got)
	}
	if want := []string{"The index holds no news at all in February 2025.", "Nearest with some: April 2025 (7 articles)."}; !slices.Equal(ans.Suggestions, want) {
		t.Errorf("suggestions %q; want %q", ans.Suggestions, want)
	}
}

// A word of the subject that no article of the period holds is not left
// out to find something: "lead and zinc" in a month without zinc is
// nothing of that month, not its stories where "lead" is a verb. Where the
// period holds every word, but few articles hold them all, relaxing goes on.
func TestAskKeepsAWordThePeriodLacks(t *testing.T) {
	// Nor is a word no article holds: "zinc xyzzy" is nothing, not zinc
	// left out to find nothing either.
	stories := map[string]string{}
	for i := range 6 {
		stories[fmt.Sprintf("lead%d.txt", i)] = fmt.Sprintf(" date 1987-02-%02d Senators lead reform push %d\n\nSenators said they would lead a push for reform of export rules on day %d.\n", i+20, i, i)
		stories[fmt.Sprintf("zinc%d.txt", i)] = fmt.Sprintf(" date 1987-03-%02d Zinc prices rise %d\n\nZinc and lead prices rose in London on day %d as smelters cut output.\n", i+2, i, i)
	}
	stories["tax.txt"] = " date 1987-03-10 Tax reform bill passes\n\nThe Senate passed the tax reform bill.\n"
	for i := range 150 {
		stories[fmt.Sprintf("other%d.txt", i)] = fmt.Sprintf(" date 1987-%02d-%02d Markets report %d\n\nTraders said prices moved on day %d.\n", i%2+2, i%20+1, i, i)
	}
	ix := mustIndexOf(t, stories)
	now := time.Date(1987, 10, 21, 9, 0, 0, 0, time.UTC)
	ans, err := Ask(context.Background(), ix, Request{Question: "lead & zinc feb", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Found != 0 || len(ans.Reading.Dropped) > 0 {
		t.Errorf("found %d, left out %q; want nothing, with every word kept", ans.Found, ans.Reading.Dropped)
	}
	if want := []string{"Nearest with some: March 1987 (6 articles)."}; !slices.Equal(ans.Suggestions, want) {
		t.Errorf("suggestions %q; want %q", ans.Suggestions, want)
	}
	unknown, err := Ask(context.Background(), ix, Request{Question: "zinc xyzzy", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if unknown.Found != 0 || len(unknown.Reading.Dropped) > 0 {
		t.Errorf("zinc xyzzy: found %d, left out %q; want nothing, with every word kept", unknown.Found, unknown.Reading.Dropped)
	}
	// A month without articles is nothing, whatever words are left out.
	may, err := Ask(context.Background(), ix, Request{Question: "zinc and reform in may", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if may.Found != 0 || len(may.Reading.Dropped) > 0 {
		t.Errorf("zinc and reform in may: found %d, left out %q; want nothing, with every word kept", may.Found, may.Reading.Dropped)
	}
	march, err := Ask(context.Background(), ix, Request{Question: "zinc and reform in march", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if march.Found != 6 || !slices.Equal(march.Reading.Dropped, []string{"reform"}) {
		t.Errorf("found %d, left out %q; want March's 6 zinc stories, reform left out", march.Found, march.Reading.Dropped)
	}
}

// "latest" puts the newest sources first.
func TestAskLatestIsNewestFirst(t *testing.T) {
	ans := mustAsk(t, Request{Question: "latest on Witkoff"})
	if !ans.Reading.Newest || len(ans.Sources) < 2 {
		t.Fatalf("newest %v, %d sources", ans.Reading.Newest, len(ans.Sources))
	}
	if !slices.IsSortedFunc(ans.Sources, func(a, b Source) int { return b.Article.Date.Compare(a.Article.Date) }) {
		for _, s := range ans.Sources {
			t.Logf("%s %s", s.Article.Date.Format(time.DateOnly), s.Article.Title)
		}
		t.Error("sources are not the newest first")
	}
	checkCited(t, ans)
	relevance := mustAsk(t, Request{Question: "Witkoff"})
	if relevance.Reading.Newest || relevance.Sources[0].Article.ID == ans.Sources[0].Article.ID {
		t.Errorf("the plain question is also newest first: %q", relevance.Sources[0].Article.Title)
	}
}

// "earliest" asking for news puts the oldest sources first, the summary
// from the first days, and the next page goes on from there; so does asking
// when something was first reported.
func TestAskEarliestIsOldestFirst(t *testing.T) {
	days := []string{"2025-03-02", "2025-03-05", "2025-03-20", "2025-04-01", "2025-04-09", "2025-04-15", "2025-04-21"}
	lines := []string{"Tin producers met in London to talk about prices.", "The tin council owes brokers money after the market closed.",
		"Banks sued the tin council over its debts.", "Tin traders said the market would reopen soon.",
		"Malaysia said its tin output would fall this year.", "Bolivia cut its tin exports after a strike at its mines.",
		"Tin prices rose on the reopened market in London."}
	articles := map[string]string{}
	for i, day := range days {
		articles[fmt.Sprintf("tin%d.txt", i)] = " date " + day + " Tin news of " + day + "\n\n" + lines[i] + "\n"
	}
	ix := mustIndexOf(t, articles)
	ans, err := Ask(context.Background(), ix, Request{Question: "earliest news on tin", Sources: 3})
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, s := range ans.Sources {
		dates = append(dates, s.Article.Date.Format(time.DateOnly))
	}
	if ans.Reading.Order() != "oldest" || ans.Reading.String() != "tin, oldest first" || !slices.Equal(dates, days[:3]) {
		t.Fatalf("read as %q (%s), sources of %q; want tin, oldest first, %q", ans.Reading.String(), ans.Reading.Order(), dates, days[:3])
	}
	for _, st := range ans.Summary {
		if day := ans.Sources[st.Sources[0]-1].Article.Date; day.After(ans.Sources[0].Article.Date.AddDate(0, 0, recentSpan)) {
			t.Errorf("summary quotes %q of %s, past the first week", st.Text, day.Format(time.DateOnly))
		}
	}
	checkCited(t, ans)
	for _, q := range []string{"when was tin first reported?", "when did we first hear about tin", "the oldest stories on tin"} {
		if first, err := Ask(context.Background(), ix, Request{Question: q, Sources: 3}); err != nil || first.Reading.String() != "tin, oldest first" {
			t.Errorf("%q: read as %q (%v); want tin, oldest first", q, first.Reading.String(), err)
		}
	}
	// "earliest" that asks when, not for the news, orders nothing.
	if when, err := Ask(context.Background(), ix, Request{Question: "when is the earliest tin prices could rise?"}); err != nil || when.Reading.Order() != "relevance" {
		t.Errorf("when is the earliest tin prices could rise: read as %q (%v); want in relevance order", when.Reading.String(), err)
	}
	april, err := Ask(context.Background(), ix, Request{Question: "earliest tin news in april", Sources: 2})
	if err != nil || len(april.Sources) != 2 || april.Sources[0].Article.Date.Format(time.DateOnly) != days[3] || april.Reading.Order() != "oldest" {
		t.Errorf("earliest in April: sources %v, %s (%v); want April's first, oldest first", titlesOf(april.Sources), april.Reading.Order(), err)
	}
	more, err := MoreSources(context.Background(), ix, Request{Question: ans.Subject, Oldest: true, Sources: 3}, ans.Next, len(ans.Sources))
	if err != nil {
		t.Fatal(err)
	}
	if len(more.Sources) == 0 || more.Sources[0].Article.Date.Format(time.DateOnly) != days[3] {
		t.Errorf("the next page begins with %v; want the story of %s", titlesOf(more.Sources), days[3])
	}
}

// The latest on a subject whose best matches are one daily report under one
// headline lists other stories too, not that report alone.
func TestAskLatestIsMoreThanOneDailyReport(t *testing.T) {
	stories := map[string]string{}
	for i := range 8 {
		stories[fmt.Sprintf("g%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Hog and cattle slaughter guesstimates\n\nTraders guesstimate the hog slaughter at %d head and the cattle slaughter at %d head.\n", i+10, 300+i, 120+i)
	}
	for i := range 4 {
		stories[fmt.Sprintf("o%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Farm markets report %d\n\nGrain futures were mixed on day %d, and livestock traders said hog and cattle futures were steady in a long and quiet session that saw little else.\n", i+1, i, i)
	}
	for i := range 30 {
		stories[fmt.Sprintf("m%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Market report %d\n\nTraders said prices moved.\n", i%28+1, i)
	}
	ans, err := Ask(context.Background(), mustIndexOf(t, stories), Request{Question: "anything new on cattle and hog?"})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Reading.Newest || len(ans.Sources) < 3 {
		for _, s := range ans.Sources {
			t.Logf("%s %s", s.Article.Date.Format(time.DateOnly), s.Article.Title)
		}
		t.Errorf("newest %v, %d sources; want the report and the other stories", ans.Reading.Newest, len(ans.Sources))
	}
}

// A question of dates alone is the news of that period.
func TestAskDatesAlone(t *testing.T) {
	ans := mustAsk(t, Request{Question: "what happened yesterday?", Now: time.Date(2025, 4, 27, 8, 0, 0, 0, time.UTC)})
	if ans.Found == 0 || ans.Reading.Subject != "" || ans.Subject != "News on 26 April 2025" {
		t.Fatalf("found %d, subject %q", ans.Found, ans.Subject)
	}
	// A word that only ranks makes no subject of its own there.
	big := mustAsk(t, Request{Question: "any big news yesterday?", Now: time.Date(2025, 4, 27, 8, 0, 0, 0, time.UTC)})
	if big.Found != ans.Found || big.Reading.Subject != "" {
		t.Errorf("any big news yesterday: found %d, subject %q; want as many as the day holds (%d), no subject", big.Found, big.Reading.Subject, ans.Found)
	}
	// An event alone is still a subject: "the crash yesterday" is the crash.
	crashes := mustIndexOf(t, map[string]string{
		"crash.txt": " date 2025-04-26 Stocks crash\n\nStocks crashed, and traders said the crash was caused by panic.\n",
		"other.txt": " date 2025-04-26 Rain falls\n\nIt rained all day.\n",
	})
	crash, err := Ask(context.Background(), crashes, Request{Question: "what caused the crash yesterday?", Now: time.Date(2025, 4, 27, 8, 0, 0, 0, time.UTC)})
	if err != nil || crash.Reading.Subject != "caused crash" || crash.Found != 1 {
		t.Errorf("what caused the crash yesterday: subject %q, found %d, %v; want the crash story", crash.Reading.Subject, crash.Found, err)
	}
	// Its newest news, as /latest gives, and the reading says so.
	if got, want := ans.Reading.String(), "all news, 26 April 2025, newest first"; got != want {
		t.Errorf("read as %q; want %q", got, want)
	}
	for _, s := range ans.Sources {
		if got := s.Article.Date.Format(time.DateOnly); got != "2025-04-26" {
			t.Errorf("source %q dated %s", s.Article.Title, got)
		}
	}
	if len(ans.Summary) == 0 {
		t.Error("no summary")
	}
	checkCited(t, ans)
}

// A question that only leaves words out asks for the newest news without
// them, of its days if it names some.
func TestAskOnlyLeavingOut(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"dollar.txt": " date 2025-04-26 Dollar falls\n\nThe dollar fell against the yen in Tokyo on Friday, dealers said.\n",
		"sugar.txt":  " date 2025-04-26 Sugar rises\n\nSugar prices rose in London on Friday as buyers returned, traders said.\n",
		"cocoa.txt":  " date 2025-04-20 Cocoa talks\n\nCocoa producers met in London to talk about the buffer stock, delegates said.\n",
	})
	now := time.Date(2025, 4, 27, 8, 0, 0, 0, time.UTC)
	for question, want := range map[string]struct {
		subject, reading string
		titles           []string
	}{
		"everything except the dollar":                  {"News -dollar", "all news -dollar, newest first", []string{"Sugar rises", "Cocoa talks"}},
		"thanks, other than the dollar what's new?":     {"News -dollar", "all news -dollar, newest first", []string{"Sugar rises", "Cocoa talks"}},
		"what happened yesterday apart from the dollar": {"News on 26 April 2025 -dollar", "all news -dollar, 26 April 2025, newest first", []string{"Sugar rises"}},
	} {
		ans, err := Ask(context.Background(), ix, Request{Question: question, Now: now})
		if err != nil {
			t.Fatalf("%q: %v", question, err)
		}
		var titles []string
		for _, s := range ans.Sources {
			titles = append(titles, s.Article.Title)
		}
		if ans.Subject != want.subject || ans.Reading.String() != want.reading || !slices.Equal(titles, want.titles) {
			t.Errorf("%q: %q read as %q, sources %q; want %q read as %q, sources %q", question, ans.Subject, ans.Reading.String(), titles, want.subject, want.reading, want.titles)
		}
		checkCited(t, ans)
	}
}

// A word asked in lower case is the word, not a name that holds it.
func TestAskWordBeforeName(t *testing.T) {
	article := func(title, text string) string { return " date 2025-04-01 " + title + "\n\n" + text + "\n" }
	ix := mustIndexOf(t, map[string]string{
		"store.txt":    article("Family Dollar profit", "Family Dollar Stores Inc said profit rose. Family Dollar Stores Inc will open stores."),
		"currency.txt": article("Markets", "Traders said the dollar fell against the yen in busy trade in Tokyo on Tuesday afternoon, while shares rose."),
	})
	ans, err := Ask(context.Background(), ix, Request{Question: "dollar"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Sources) != 2 || ans.Sources[0].Article.Title != "Markets" {
		t.Errorf("sources %v; want the currency first, the store after", titlesOf(ans.Sources))
	}
	// A name typed in lower case is still the name.
	name, err := Ask(context.Background(), ix, Request{Question: "family dollar"})
	if err != nil {
		t.Fatal(err)
	}
	if len(name.Sources) == 0 || name.Sources[0].Article.Title != "Family Dollar profit" {
		t.Errorf("family dollar: %v; want the store", titlesOf(name.Sources))
	}
}

// A word opening a sentence before another capitalised one is a name's:
// "Sterling Software Inc said" is no news of sterling, the newest though it
// is; "Sterling rose" is.
func TestAskWordBeforeNameOpeningASentence(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"ssw.txt":  datedArticle("2025-04-09", "Sterling Software buys back shares", "DALLAS, April 9 - Sterling Software Inc said it bought back shares. Sterling Software will buy more."),
		"stg1.txt": datedArticle("2025-04-01", "Sterling firm in London", "Sterling rose against the dollar in London as dealers bought it."),
		"stg2.txt": datedArticle("2025-04-02", "Sterling eases", "Sterling eased after the trade figures, dealers said."),
		"stg3.txt": datedArticle("2025-04-03", "Lawson on sterling", "Chancellor Nigel Lawson said sterling was at the right level."),
		"stg4.txt": datedArticle("2025-04-04", "Sterling steady", "Sterling was steady in quiet trade before the holiday."),
		"stg5.txt": datedArticle("2025-04-05", "Sterling slips", "Sterling slipped as oil prices fell in New York."),
	})
	ans, err := Ask(context.Background(), ix, Request{Question: "what's new with sterling?"})
	if err != nil {
		t.Fatal(err)
	}
	if titles := titlesOf(ans.Sources); len(titles) != 5 || slices.Contains(titles, "Sterling Software buys back shares") {
		t.Errorf("sources %q; want the five on the currency", titles)
	}
}

// datedArticle is an article file of one paragraph, in the project's format.
func datedArticle(date, title, text string) string {
	return " date " + date + " " + title + "\n\n" + text + "\n"
}

// A currency asked about is the currency, not the unit of an amount: "yen"
// is not a bank's "200 billion yen of bills", newest or not, while an
// exchange rate ("140 yen") still speaks of it.
func TestAskCurrencyBeforeAmounts(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"bills.txt": datedArticle("2025-04-09", "Bank buys 200 billion yen of bills", "The bank bought 200 billion yen of bills, rolling over five billion yen, and offers 300 billion yen more."),
		"rate1.txt": datedArticle("2025-04-01", "Dollar nears 140 yen", "Dealers in Tokyo watched the dollar fall toward 140 yen as exporters sold ahead of the holiday."),
		"rate2.txt": datedArticle("2025-04-02", "Yen firms on trade data", "The yen firmed after Japan reported a wider trade surplus, traders in London said."),
		"rate3.txt": datedArticle("2025-04-03", "Exporters fear strong yen", "Car makers warned that a strong yen would cut their profits this year."),
		"rate4.txt": datedArticle("2025-04-04", "Ministry comments on yen", "The finance ministry said it was watching the yen closely and would act if needed."),
		"rate5.txt": datedArticle("2025-04-05", "Yen weakens in Asia", "Asian markets saw the yen weaken as investors bought dollars before American data."),
	})
	ans, err := Ask(context.Background(), ix, Request{Question: "what's new with the yen?"})
	if err != nil {
		t.Fatal(err)
	}
	titles := titlesOf(ans.Sources)
	if len(titles) != DefaultSources || slices.Contains(titles, "Bank buys 200 billion yen of bills") {
		t.Errorf("sources %q; want the %d about the currency, not the newest, about bills", titles, DefaultSources)
	}
}

// A source whose text never holds the words asked, only its title in
// capitals, comes after those whose text does: it scores best here, and is
// left out of five.
func TestAskTextsBeforeTitles(t *testing.T) {
	article := func(title, text string) string { return " date 2025-06-02 " + title + "\n\n" + text + "\n" }
	ix := mustIndexOf(t, map[string]string{
		"fund.txt":   article("INTEREST INCOME FUND INTEREST PAYOUT", "Qtly div 36 cts vs 36 cts prior."),
		"bank.txt":   article("Bank holds rates", "The central bank left its key rates unchanged on Tuesday. Economists had expected a cut in interest as early as June."),
		"notes.txt":  article("Notes repriced", "The trust raised what it pays on its notes to eight pct. Interest payments move to monthly in July."),
		"loans.txt":  article("Loan demand slows", "Banks said demand for home loans slowed in May as interest costs rose for a third month."),
		"bonds.txt":  article("Bond yields climb", "Government bond yields climbed as dealers priced in higher interest charges next year."),
		"savers.txt": article("Savers move money", "Savers moved money into deposit accounts that pay more interest, the building societies said."),
	})
	ans, err := Ask(context.Background(), ix, Request{Question: "interest"})
	if err != nil {
		t.Fatal(err)
	}
	if titles := titlesOf(ans.Sources); len(titles) != DefaultSources || slices.Contains(titles, "INTEREST INCOME FUND INTEREST PAYOUT") {
		t.Errorf("sources %q; want the five whose text says interest, not the payout", titles)
	}
}

func TestWritesAsAmount(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"It bought 200 billion yen of bills.", true},
		{"It raised five billion yen and 3 mln yen more.", true},
		{"The dollar fell to 140 yen.", false},
		{"It bought 200 billion yen of bills as the yen rose.", false},
		{"The yen rose.", false},
		{"Billion yen.", false},
	}
	for _, tt := range tests {
		m := news.Match{Article: news.Article{Body: tt.body}}
		for i := strings.Index(tt.body, "yen"); i >= 0; {
			m.BodySpans = append(m.BodySpans, news.Span{Start: i, End: i + 3})
			next := strings.Index(tt.body[i+3:], "yen")
			if next < 0 {
				break
			}
			i += 3 + next
		}
		if got := writesAsAmount(m, "yen", strings.ToLower); got != tt.want {
			t.Errorf("%q: writesAsAmount = %v; want %v", tt.body, got, tt.want)
		}
	}
}

func titlesOf(sources []Source) []string {
	var out []string
	for _, s := range sources {
		out = append(out, s.Article.Title)
	}
	return out
}

// A name that few articles hold gets a "did you mean" for the spelling that
// far more hold, whether or not something matched.
func TestAskOffersTheCommonerSpelling(t *testing.T) {
	stories := map[string]string{
		"typo.txt": " date 2025-04-01 Fed chair\n\nThe markets missed Volker on Monday.\n",
	}
	for i := range 10 {
		stories[fmt.Sprintf("v%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Fed chair %d\n\nPaul Volcker spoke on day %d about rates.\n", i+2, i, i)
	}
	ix := mustIndexOf(t, stories)
	for question, want := range map[string]string{"Volker": "Volcker", "Paul Volker": "Paul Volcker"} {
		ans, err := Ask(context.Background(), ix, Request{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ans.Others, []string{want}) {
			t.Errorf("%s: did you mean %q; want %q", question, ans.Others, want)
		}
	}
	ans, err := Ask(context.Background(), ix, Request{Question: "Volcker"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Others) != 0 {
		t.Errorf("Volcker: did you mean %q; want nothing offered", ans.Others)
	}
}

// The latest on a subject comes from its last days when they hold stories
// enough about it, not from the most relevant stories of all time, which
// can be months old: a hundred and more, or only a page of them ("latest on
// oil" in the Reuters archive quoted June, not the 59 oil stories of its
// last two days, 19 and 20 October). Fewer come first ("Bundesbank latest"
// quoted June, though two stories of 20 October name it first), and so do
// a few short items that score near the best ("latest on the fed" quoted
// June, not "GREENSPAN SAYS FED READY TO PROVIDE LIQUIDITY" of 20 October,
// whose 400 characters are too few for a full story).
func TestAskLatestIsOfTheLastDays(t *testing.T) {
	filler := strings.Repeat("The council published its minutes and the figures for the year, and the committee met again to discuss the plans. ", 10)
	for _, c := range []struct {
		recent int
		short  bool
	}{{aboutPool + 10, false}, {DefaultSources + 1, false}, {2, false}, {2, true}} {
		recent := c.recent
		t.Run(fmt.Sprint(recent, " recent, short ", c.short), func(t *testing.T) {
			articles := map[string]string{}
			// More stories all about Zorblat, from January, than the
			// newest are chosen from.
			for i := range aboutPool + 20 {
				articles[fmt.Sprintf("old%d.txt", i)] = fmt.Sprintf(" date 2025-01-%02d Zorblat expands Zorblat works %d\n\nZorblat said Zorblat would expand its Zorblat works, number %d.\n\n%s", i%28+1, i, i, filler)
			}
			// Other news, so that Zorblat is as rare as a subject is.
			for i := range 300 {
				articles[fmt.Sprintf("other%d.txt", i)] = fmt.Sprintf(" date 2025-03-%02d Harbour council meets, session %d\n\nThe harbour council met for session %d.\n\n%s", i%28+1, i, i, filler)
			}
			// Stories that name Zorblat once, in the last week of June.
			newest := 24 + min(recent, 7) - 1 // of June
			for i := range recent {
				day := 24 + i%7
				articles[fmt.Sprintf("new%d.txt", i)] = fmt.Sprintf(" date 2025-06-%02d Harbour council meets, session %d\n\nThe harbour council met for session %d and heard from many firms, among them Zorblat, about the plans for the quay and the roads.\n\n%s", day, i, i, strings.Repeat(filler, 6))
				if c.short {
					articles[fmt.Sprintf("new%d.txt", i)] = fmt.Sprintf(" date 2025-06-%02d Zorblat ready to act, %d\n\nZorblat said Zorblat was ready to act on plan %d.\n", day, i, i)
				}
			}
			ans, err := Ask(context.Background(), mustIndexOf(t, articles), Request{Question: "latest on Zorblat"})
			if err != nil || len(ans.Sources) == 0 {
				t.Fatalf("%d sources, %v", len(ans.Sources), err)
			}
			for _, s := range ans.Sources[:min(recent, len(ans.Sources))] {
				if s.Article.Date.Before(time.Date(2025, 6, 24, 0, 0, 0, 0, time.UTC)) {
					t.Errorf("source %q of %s; want the last week's", s.Article.Title, s.Article.Date.Format(time.DateOnly))
				}
			}
			if d := ans.Sources[0].Article.Date; !d.Equal(time.Date(2025, 6, newest, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("the first source is of %s; want the last day's", d.Format(time.DateOnly))
			}
		})
	}
}

// Asking to be brought up to date asks for the latest news; "up" alone does
// not; "thanks in advance" thanks; "my teacher asked" says who asks.
func TestReadChatPhrases(t *testing.T) {
	cal := calendar{Now: time.Date(2025, 5, 7, 12, 0, 0, 0, time.UTC), Latest: func() time.Time { return time.Time{} }}
	tests := []struct {
		question, subject string
		newest            bool
	}{
		{"catch me up on the dollar pls", "dollar", true},
		{"can you catch us up on cocoa", "cocoa", true},
		{"catch up on sugar", "sugar", true},
		{"bring me up to speed on cocoa", "cocoa", true},
		{"get me up to date on Volcker", "Volcker", true},
		{"what's up with sugar", "sugar", false},
		{"why is copper up?", "copper", false},
		{"is the yen up or down", "yen", false},
		{"can japan catch up with the US in chips?", "japan US chips", false},
		{"thanks in advance - anything on central bank intervention?", "central bank intervention", false},
		{"an advance in GNP", "advance GNP", false},
		{"what are ppl saying about sugar", "sugar", false},
		{"lastest on sugar", "sugar", true},
		{"gimme the scoop on cocoa", "cocoa", false},
		{"um what happened with sugar", "sugar", false},
		{"quick question about sugar", "sugar", false},
		{"what did i miss on sugar", "sugar", false},
		{"news concerning sugar", "sugar", false},
		{"wat happened to sugar", "sugar", false},
		{"wats new w sugar", "sugar", true},
		{"wheres things at with sugar", "sugar", false},
		{"news wrt sugar", "sugar", false},
		{"sugar earlier this year", "sugar", false},
		{"what's OPEC up to these days", "OPEC", true},
		{"what's OPEC up to nowadays", "OPEC", true},
		// A capital begins a sentence, or stresses; no name runs on past
		// a sentence's end, or begins with "The", "And", or the bot.
		{"Hi! What about sugar?", "sugar", false},
		{"Sugar. What's new?", "Sugar", true},
		{"Any news on The Fed?", "Fed", false},
		{"Hey Bot, any news on sugar?", "sugar", false},
		{"Cool, thanks. And Texaco?", "Texaco", false},
		{"Awesome, any news on GM?", "GM", false},
		{"Nice. What about IBM?", "IBM", false},
		{"any news on New Zealand?", "New Zealand", false},
		// Chat's shorthand and faces ask nothing.
		{"cocoa :D", "cocoa", false},
		{"yen xD T_T", "yen", false},
		{"tl;dr: opec", "opec", false},
		{"lmk about gnp", "gnp", false},
		{"eli5 the louvre accord", "louvre accord", false},
		{"thoughts on brazil", "brazil", false},
		{"how come gold keeps rising", "gold rising", false},
		{"hope you're well, what's new with gold", "gold", true},
		{"any gossip about takeovers", "takeovers", false},
		{"i know this is a weird one but sugar?", "sugar", false},
		{"what's the skinny on bp", "bp", false},
		{"not sure if this is the right place but any sugar news", "sugar", false},
		{"the dollar crashed yesterday, is that right?", "dollar crashed", false},
		{"is it true that gold fell", "gold fell", false},
		{"ty bot ur the best. anything on rubber?", "rubber", false},
		{"what's the deal with texaco", "texaco", false},
		{"copper lowkey pumping? whats up", "copper pumping", false},
		{"hiya, nws on volcker", "volcker", false},
		{"my professor mentioned the louvre accord", "louvre accord", false},
		{"the right to buy", "right buy", false},
		{"interest rates right?", "interest rates", false},
		{"right, and gencorp", "gencorp", false},
		{"what's the state of play on corn", "corn", false},
		{"any joy on the louvre accord?", "louvre accord", false},
		{"what's the score with the mark", "mark", false},
		{"whilst you're at it, interest rates", "interest rates", false},
		{"cheers mate, and sugar?", "sugar", false},
		{"pull up the copper coverage", "copper", false},
		{"dig up whatever you have on gatt", "gatt", false},
		// "the dow" is the Dow Jones average; Dow Chemical is the company.
		{"is the dow ok", "Dow Jones", false},
		{"the dow, what happened?", "Dow Jones", false},
		{"the dow chemical results", "dow chemical results", false},
		// "us" where no pronoun stands is the country.
		{"how big is the us wheat surplus?", "big US wheat surplus", false},
		{"us housing starts", "US housing starts", false},
		{"tell us about gold", "gold", false},
		// Of days to come the newest news tells.
		{"dollar tmrw", "dollar", true},
		{"what will gold do tomorrow", "gold", true},
		// Who asks is no subject; what they own may be.
		{"my teacher asked about the crash", "crash", false},
		{"my dad is worried about chrysler", "chrysler", false},
		{"our broker says gold will rise", "gold rise", false},
		{"how are my oil stocks doing", "oil stocks", false},
		{"my shares are falling", "shares falling", false},
	}
	for _, tt := range tests {
		p := parse(tt.question, cal, nil)
		if got := subject(p.subjectWords()); got != tt.subject || p.newest != tt.newest {
			t.Errorf("%q: subject %q, newest first %v; want %q, %v", tt.question, got, p.newest, tt.subject, tt.newest)
		}
	}
}

// What a question says to leave out is left out, as "-Putin" is; a "not"
// that bends a verb leaves nothing out.
func TestReadExclusions(t *testing.T) {
	cal := calendar{Now: time.Date(2025, 5, 7, 12, 0, 0, 0, time.UTC), Latest: func() time.Time { return time.Time{} }}
	for question, want := range map[string]string{
		"oil but not opec":                      "oil -opec",
		"sugar not coffee":                      "sugar -coffee",
		"tell me about sugar and not coffee":    "sugar -coffee",
		"gold, not silver":                      "gold, -silver",
		"grain news not about the soviets":      "grain -soviets",
		"cocoa no coffee pls":                   "cocoa -coffee",
		"dollar news except Japan":              "dollar -Japan",
		"retail sales excluding autos":          "retail sales autos",
		"gold except south africa":              "gold -south -africa",
		"volcker not reappointed":               "volcker reappointed",
		"the dollar fell but not sharply":       "dollar fell sharply",
		"opec agreed but not on prices":         "opec agreed prices",
		"commodities other than oil":            "commodities -oil",
		"airline takeovers apart from twa":      "airline takeovers -twa",
		"Witkoff -Putin":                        "Witkoff -Putin",
		"why is oil not rising":                 "oil rising",
		"did the fed not cut rates":             "fed cut rates",
		"opec is not meeting in june":           "opec meeting",
		"why is brazil not paying its debt":     "brazil paying debt",
		"is chrysler buying amc or not":         "chrysler buying amc",
		"no news on sugar?":                     "sugar",
		"gold, not silver prices":               "gold, -silver prices",
		"oil but not Saudi Arabia":              "oil -Saudi -Arabia",
		"sugar no. 11 futures":                  "sugar 11 futures",
		"brazil no longer exports coffee":       "brazil longer exports coffee",
		"why did brazil not pay its debt":       "brazil pay debt",
		"why did the fed not hike rates":        "fed hike rates",
		"what would oil do without opec quotas": "oil opec quotas",
		"is there news on oil but not opec":     "oil -opec",
		// after the kind of answer asked for, or opening the question
		"anything but oil":                 "-oil",
		"news that isn't about oil please": "-oil",
		"not oil":                          "-oil",
		"anything not about takeovers?":    "-takeovers",
		"grain news without wheat":         "grain -wheat",
		"excluding oil, what happened":     "-oil",
		"but gold?":                        "gold",
		"not sure about gold":              "gold",
		"coffee. not colombia":             "coffee -colombia",
		// leaving out, whatever comes before
		"oil but no iran news":                 "oil -iran",
		"steel news minus usx":                 "steel -usx",
		"skip the dollar, what about the yen":  "-dollar, yen",
		"leave out wall street, how are bonds": "-wall -street, bonds",
		"merger news without hostile bids":     "merger -hostile -bids",
	} {
		if got := subject(parse(question, cal, nil).subjectWords()); got != want {
			t.Errorf("%q: subject %q; want %q", question, got, want)
		}
	}
}

// After a subject, "without" or "excluding" leaves out a name that ends
// the question ("copper without chile", "airlines excluding twa"), which
// answered with Chile's copper; a common word there only bends the
// subject: "retail sales excluding autos" is a figure the wires report.
func TestAskLeavesOutANameAfterWithout(t *testing.T) {
	stories := map[string]string{}
	for i := range 6 {
		stories[fmt.Sprintf("chile%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Chile copper output %d\n\nChile said its copper output rose on day %d.\n", i+1, i, i)
		stories[fmt.Sprintf("zambia%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Zambia copper exports %d\n\nZambia said its copper exports fell on day %d.\n", i+8, i, i)
		stories[fmt.Sprintf("retail%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Retail sales rise %d\n\nRetail sales excluding autos rose on day %d, and autos fell.\n", i+15, i, i)
	}
	addMarketReports(stories, 40, "2025-05")
	ix := mustIndexOf(t, stories)
	for question, want := range map[string]string{
		"copper without chile":         "copper -chile",
		"retail sales excluding autos": "retail sales autos",
	} {
		ans, err := Ask(context.Background(), ix, Request{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Reading.Subject != want || ans.Found != 6 {
			t.Errorf("%q: read as %q, found %d; want %q, 6", question, ans.Reading.Subject, ans.Found, want)
		}
	}
}

// A spelling the aliases know is no typo, though no article holds it: it
// finds the articles that hold another.
func TestReadTakesAnAliasForNoTypo(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"dollar.txt": " date 2025-04-01 Dollar falls\n\nThe dollar fell against the yen in Tokyo.\n",
		"person.txt": " date 2025-04-02 Greenbaum named\n\nThe board named Anne Greenbaum chief economist.\n",
	})
	aliases := Aliases{}
	aliases.add("dollar, greenback")
	ans, err := Ask(context.Background(), ix, Request{Question: "what's the greenback doing?", Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Reading.Corrected) > 0 || len(ans.Sources) != 1 || ans.Sources[0].Article.Title != "Dollar falls" {
		t.Errorf("corrected %v, %d sources; want none corrected and the dollar's story", ans.Reading.Corrected, len(ans.Sources))
	}
}

// Two words typed in lower case that the articles write as one name are
// that name: "general motors" finds General Motors, not a general manager's
// motors; two names the articles seldom write side by side stay two, and a
// pair fewer than a page of articles name stays words.
func TestReadLowerCasePairs(t *testing.T) {
	articles := map[string]string{
		"manager.txt": " date 2025-04-01 Plant hires\n\nThe general manager of Ford Motors said electric motors sell well. General Mills and Electric Motors Inc agreed.\n",
		"amc.txt":     " date 2025-04-02 Chrysler to buy AMC\n\nChrysler Corp said it will buy AMC, the maker of Jeep.\n",
	}
	for i, what := range []string{"idles a plant", "recalls cars", "raises prices", "hires engineers", "cuts output", "opens a plant"} {
		articles[fmt.Sprintf("gm%d.txt", i)] = fmt.Sprintf(" date 2025-04-0%d General Motors %s\n\nGeneral Motors Corp said it %s in Detroit.\n", i+1, what, what)
	}
	ix := mustIndexOf(t, articles)
	for question, want := range map[string]struct {
		subject string
		found   int
	}{
		"general motors":              {"General Motors", 6},
		"any news on general motors?": {"General Motors", 6},
		"chrysler amc":                {"chrysler amc", 1},
		"general manager":             {"general manager", 1},
	} {
		ans, err := Ask(context.Background(), ix, Request{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Reading.Subject != want.subject || ans.Found != want.found {
			t.Errorf("%q: read as %q, found %d; want %q, %d", question, ans.Reading.Subject, ans.Found, want.subject, want.found)
		}
	}
}

// The built-in aliases read what chat calls the names the wires write in
// full: "boj" is the Bank of Japan, not Bob; "ipos" are initial public
// offerings, not "pios". Their terms keep their words together: "discount
// rate" is a central bank's, not any article that discounts something and
// names a rate; "australian dollar" is the currency, not Australian news in
// dollars; and "balance of payments" is a country's, not any article with a
// balance and payments; "at&t" typed in lower case is AT&T, as the wires
// write it, not "at" and "t". Chat's "mtg" is a meeting, not the ticker <MTG>.
func TestBuiltinAliases(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"boj.txt":   " date 2025-04-01 Bank of Japan holds discount rate\n\nThe Bank of Japan held its discount rate at 2.5 pct.\n",
		"bob.txt":   " date 2025-04-01 Bob Smith retires\n\nBob Smith, who set the prices of a store, retires.\n",
		"ipo.txt":   " date 2025-04-02 Xylogics in initial public offering\n\nXylogics said it made an initial public offering of shares.\n",
		"other.txt": " date 2025-04-03 Pios and Baba open\n\nPios and Baba opened a shop.\n",
		"crude.txt": " date 2025-04-01 Iran sells discounted crude\n\nIran sold discounted crude, and the exchange rate fell.\n",
		"aud.txt":   " date 2025-04-02 Australian dollar opens easier\n\nThe Australian dollar opened easier in Sydney.\n",
		"beef.txt":  " date 2025-04-02 Australian beef output falls\n\nAustralian beef output fell, worth a billion dollars less.\n",
		"opec.txt":  " date 2025-04-03 OPEC meeting ends\n\nThe OPEC meeting in Vienna ended with quotas unchanged.\n",
		"mtg.txt":   " date 2025-04-03 Mortgage Growth <MTG> net rises\n\nMortgage Growth Investors <MTG> said its net rose.\n",
		"quota.txt": " date 2025-04-04 OPEC output rises\n\nOPEC output rose above its quotas.\n",
		"bop.txt":   " date 2025-04-04 Italy in deficit\n\nItaly's balance of payments was in deficit in May.\n",
		"dkk.txt":   " date 2025-04-05 Danish trade in balance\n\nDenmark's trade was in balance, and its payments to the EU rose.\n",
		"att.txt":   " date 2025-04-06 ATT forms computer sales group\n\nAmerican Telephone and Telegraph Co said it formed a computer sales group.\n",
		"cbt.txt":   " date 2025-04-06 CB and T to make acquisition\n\nCB and T Bancshares said it will make an acquisition at a price of 10 dlrs.\n",
	})
	aliases, err := LoadAliases("")
	if err != nil {
		t.Fatal(err)
	}
	for question, want := range map[string]string{
		"boj discount rate?":                 "Bank of Japan holds discount rate",
		"any ipos?":                          "Xylogics in initial public offering",
		"discount rate news":                 "Bank of Japan holds discount rate",
		"what's the australian dollar doing": "Australian dollar opens easier",
		"balance of payments figures":        "Italy in deficit",
		"what's up with at&t":                "ATT forms computer sales group",
	} {
		ans, err := Ask(context.Background(), ix, Request{Question: question, Aliases: aliases})
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Sources) != 1 || ans.Sources[0].Article.Title != want || len(ans.Reading.Corrected) > 0 {
			t.Errorf("%q: %d sources, corrected %v; want only %q, nothing corrected", question, len(ans.Sources), ans.Reading.Corrected, want)
		}
	}
	// The subject keeps the term's "of": the next page asks it again.
	if bop, err := Ask(context.Background(), ix, Request{Question: "balance of payments figures", Aliases: aliases}); err != nil || bop.Subject != "balance of payments figures" {
		t.Errorf("balance of payments figures: subject %q (%v); want balance of payments figures", bop.Subject, err)
	}
	ans, err := Ask(context.Background(), ix, Request{Question: "opec mtg?", Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Sources) == 0 || ans.Sources[0].Article.Title != "OPEC meeting ends" || len(ans.Reading.Dropped) > 0 {
		t.Errorf("opec mtg?: sources %v, %q left out; want the meeting first, nothing left out", titlesOf(ans.Sources), ans.Reading.Dropped)
	}
}

// A name that opens a question keeps its connector: "Bank of England" is
// the bank, not "Bank" and "England" apart, and so is "bank of japan" typed
// in lower case. A word the articles write in lower case joins nothing:
// "Exports of Brazil" are Brazil's exports.
func TestReadKeepsANameThatOpensTheQuestionWhole(t *testing.T) {
	stories := map[string]string{"boe.txt": " date 2025-04-01 Bank of England holds rates\n\nThe Bank of England held its rates.\n"}
	for i := range 3 {
		stories[fmt.Sprintf("boj%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Central bank acts\n\nThe Bank of Japan bought dollars on day %d, the bank said.\n", i+2, i)
		stories[fmt.Sprintf("x%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Coffee trade\n\nCoffee exports from Brazil rose on day %d, and exports of sugar fell.\n", i+5, i)
	}
	ix := mustIndexOf(t, stories)
	for question, want := range map[string][]string{
		"Bank of England rates?": {"Bank", "of", "England"},
		"Exports of Brazil?":     {"Brazil"}, // exports, in most of these articles, only ranks
		// Typed in lower case, a name the articles write: they mostly
		// capitalise "bank" and "japan", and seldom "exports".
		"what is the bank of japan doing?": {"Bank", "of", "Japan"},
	} {
		r, err := Read(context.Background(), ix, Request{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(r.Required, want) {
			t.Errorf("%s: required %q; want %q", question, r.Required, want)
		}
	}
	if r, err := Read(context.Background(), ix, Request{Question: "exports of brazil?"}); err != nil || slices.Contains(r.Required, "of") {
		t.Errorf("exports of brazil?: required %q (%v); want no name of them", r.Required, err)
	}
}

// A name read from words typed in lower case may be left out as a common
// word may: "republic of korea", which two articles name, is mostly Korea's.
func TestAskRelaxesANameTypedInLowerCase(t *testing.T) {
	stories := map[string]string{}
	for i := range 2 {
		stories[fmt.Sprintf("rok%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Seoul talks %d\n\nThe Republic of Korea held talks on day %d.\n", i+1, i, i)
	}
	for i := range 6 {
		stories[fmt.Sprintf("korea%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Korea exports %d\n\nSouth Korea said its exports rose on day %d.\n", i+3, i, i)
		stories[fmt.Sprintf("dr%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Sugar quota %d\n\nThe Dominican Republic cut its sugar quota on day %d.\n", i+10, i, i)
	}
	addMarketReports(stories, 40, "2025-04")
	ans, err := Ask(context.Background(), mustIndexOf(t, stories), Request{Question: "republic of korea"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Found != 8 || !slices.Equal(ans.Reading.Dropped, []string{"Republic"}) {
		t.Errorf("found %d, left out %q; want Korea's 8 articles, Republic left out", ans.Found, ans.Reading.Dropped)
	}
}

// Relaxing a question told at length leaves out the words around what it
// asks about first: "out of the loop because of exams, what's been going on
// with wheat?" left out wheat, and answered with the one article holding
// "loop" and "exams".
func TestAskRelaxingKeepsWhatTheQuestionPointsAt(t *testing.T) {
	stories := map[string]string{
		"loop.txt": " date 2025-04-01 Unit in contract\n\nThe unit, out of the loop, ran exams for a contract.\n",
	}
	for i := range 8 {
		stories[fmt.Sprintf("wheat%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Wheat crop %d\n\nThe wheat crop grew on day %d.\n", i+2, i, i)
	}
	addMarketReports(stories, 80, "2025-05")
	ans, err := Ask(context.Background(), mustIndexOf(t, stories), Request{Question: "ok so I've been out of the loop because of exams and stuff, what's been going on with wheat?"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Found != 8 || slices.Contains(ans.Reading.Dropped, "wheat") {
		t.Errorf("found %d, left out %q; want the 8 wheat stories, wheat kept", ans.Found, ans.Reading.Dropped)
	}
}

// A word the articles hold that shares its stem with a word that asks is
// the word, not a slip: "hearings" are no "hearing" of the news.
func TestReadKeepsWordsThatShareAnAskingWordsStem(t *testing.T) {
	stories := map[string]string{}
	for i := range 8 {
		stories[fmt.Sprintf("h%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Budget hearings %d\n\nThe budget hearings went on for day %d.\n", i+1, i, i)
	}
	addMarketReports(stories, 30, "2025-05")
	r, err := Read(context.Background(), mustIndexOf(t, stories), Request{Question: "news on the hearings"})
	if err != nil || !slices.Equal(r.Required, []string{"hearings"}) {
		t.Errorf("required %q, corrected %v, %v; want hearings", r.Required, r.Corrected, err)
	}
}

// A slip seldom changes a word's first letter: of the nearest words
// spelled like it, commonest first, the likeliest slip with the same first
// letter is the one; a nearer word beats one further with that letter.
func TestLikeliestSlip(t *testing.T) {
	counts := map[string]news.WordCount{"oper": {Body: 2551}, "open": {Body: 1089}, "opec": {Body: 144},
		"corp": {Body: 4406}, "corn": {Body: 248}, "interest": {Body: 5000}, "interst": {Body: 3}}
	tests := []struct {
		similar []string
		typed   string
		want    []string
	}{
		{[]string{"will", "oil", "ill"}, "oill", []string{"oil"}},
		{[]string{"news", "newe"}, "newz", []string{"news"}},
		{[]string{"gold", "bold"}, "fold", []string{"gold"}},
		{[]string{"natural", "nature", "annual"}, "natual", []string{"natural"}},
		{[]string{"xbcd", "abxy"}, "abcd", []string{"xbcd"}}, // one edit away, not two
		// Of those as near, the likeliest slip: a letter typed twice, a
		// key beside the one meant, a letter that sounds alike; but not
		// one far rarer than the commonest.
		{[]string{"minn", "tenn", "tin"}, "tinn", []string{"tin"}},
		{[]string{"corp", "corn", "form"}, "corm", []string{"corn"}},
		{[]string{"oper", "open", "opec"}, "opek", []string{"opec"}},
		{[]string{"oper", "open"}, "opex", []string{"oper"}}, // no likelier: the commonest
		{[]string{"unemploymnent", "unemployment"}, "unemploymnet", []string{"unemployment"}},
		{[]string{"interest", "interst"}, "intrest", []string{"interest"}},
		{nil, "zzz", nil},
	}
	for _, tt := range tests {
		if got := likeliestSlip(tt.similar, counts, tt.typed); !slices.Equal(got, tt.want) {
			t.Errorf("likeliestSlip(%q, %q) = %q; want %q", tt.similar, tt.typed, got, tt.want)
		}
	}
}

// A stop word that ends a name, once the date after it is read, is no word
// to look for in the period: "Market Crash Of October" answered "nothing to
// search for".
func TestWordAbsentPassesOverAStopWord(t *testing.T) {
	ix := marketNews(t)
	r := Reading{Required: []string{"oil", "Of"}, counts: map[string]news.WordCount{"oil": {Body: 3}, "Of": {Names: 1}},
		Period: Period{time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}}
	if absent, err := r.wordAbsent(context.Background(), ix, nil); err != nil || absent {
		t.Errorf("absent %v, %v; want oil found in April, no error", absent, err)
	}
}

// A word no article holds is read as one spelled like it only when that
// one is likely what was meant: held by more than one article, one slip
// away, or two from a long word. Else the answer has nothing on it, rather
// than on another thing: "covid" was read as Covia, one company's name, and
// "brexit" as Brent crude.
func TestReadTakesNoWordNeverSeenForATypo(t *testing.T) {
	stories := map[string]string{"covia.txt": " date 2025-04-01 Covia sells unit\n\nCovia sold a unit; cases were heard.\n"}
	for i := range 6 {
		stories[fmt.Sprintf("b%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Brent crude rises %d\n\nBrent crude rose, and copper cases fell, on day %d.\n", i+2, i, i)
	}
	ix := mustIndexOf(t, stories)
	for question, want := range map[string]string{"covid cases": "", "brexit": "", "coppr cases": "copper"} {
		r, err := Read(context.Background(), ix, Request{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Collect(maps.Values(r.Corrected)); want == "" && len(got) > 0 || want != "" && !slices.Equal(got, []string{want}) {
			t.Errorf("%q: corrected %v; want %q", question, r.Corrected, want)
		}
	}
}

// Told at length, a question holds words no article does, which only rank;
// asked shortly, such a word is what it asks about.
func TestReadLetsWordsNoArticleHoldsRankInALongQuestion(t *testing.T) {
	stories := map[string]string{}
	for i := range 6 {
		stories[fmt.Sprintf("t%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Tea futures fall %d\n\nTea futures fell all week on bad news from the estates, traders said on day %d.\n", i+1, i, i)
	}
	addMarketReports(stories, 80, "2025-05")
	ix := mustIndexOf(t, stories)
	r, err := Read(context.Background(), ix, Request{Question: "my dad trades tea futures and he's been grumpy all week, was there some bad news?"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(r.Required, "grumpy") || !slices.Contains(r.Optional, "grumpy") {
		t.Errorf("required %q, optional %q; want grumpy only ranking", r.Required, r.Optional)
	}
	if r, err = Read(context.Background(), ix, Request{Question: "grumpy tea"}); err != nil || !slices.Contains(r.Required, "grumpy") {
		t.Errorf("grumpy tea: required %q (%v); want grumpy required", r.Required, err)
	}
}
