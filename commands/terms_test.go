package commands

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"newsbot/index/news"
)

func TestHoldsTerms(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{"a.txt": " date 2025-04-01 A\n\nA.\n"})
	aliases := Aliases{}
	aliases.add("housing starts")
	aliases.add("consumer prices, cost of living")
	aliases.add("pay rise, wage increase")
	aliases.add("natural gas, natgas")
	tests := []struct {
		title, body string
		terms       []string
		want        bool
	}{
		{"U.S. housing starts rose 2 pct", "Starts of new homes rose.", []string{"housing starts"}, true},
		{"Housing start data due", "The figure comes on Tuesday.", []string{"housing starts"}, true},
		// The words apart are no term.
		{"Pork belly futures start higher", "Housing data loom.", []string{"housing starts"}, false},
		{"Troops get cost-of-living increase", "Pay rises.", []string{"consumer prices"}, true},
		{"Consumer prices rose", "Housing was weak.", []string{"consumer prices", "housing starts"}, false},
		// A word whose stem is not its beginning ("pay" is "pai").
		{"Nurses win pay rise", "The union agreed.", []string{"pay rise"}, true},
		// A spelling of one word.
		{"Natgas output up", "Wells pumped more.", []string{"natural gas"}, true},
		{"Gas prices", "Natural resources firms said.", []string{"natural gas"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			a := news.Article{Title: tt.title, Body: tt.body}
			if got := holdsTerms(a, tt.terms, aliases, ix.Stem); got != tt.want {
				t.Errorf("holdsTerms(%q, %q) = %v; want %v", tt.title, tt.terms, got, tt.want)
			}
		})
	}
}

// An article that holds a term's words apart is not about the term: with
// none holding them together in the days asked about, nothing is found then.
func TestAskHoldsTermsTogether(t *testing.T) {
	stories := map[string]string{}
	for i := range 2 {
		stories[fmt.Sprintf("h%d.txt", i)] = fmt.Sprintf(" date 2025-03-%02d U.S. housing starts rose\n\nHousing starts rose %d pct in February.\n", i+17, i+1)
	}
	for i := range 3 {
		stories[fmt.Sprintf("p%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Pork belly futures start higher\n\nFutures started higher as housing data loomed on day %d.\n", i+7, i)
		stories[fmt.Sprintf("q%d.txt", i)] = fmt.Sprintf(" date 2025-05-%02d Cattle futures start lower\n\nFutures started lower as housing data loomed on day %d.\n", i+7, i)
	}
	for i := range 30 { // "housing" and "starts" are each rare enough to require
		stories[fmt.Sprintf("m%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Market report %d\n\nTraders said prices moved.\n", i%28+1, i)
	}
	ix := mustIndexOf(t, stories)
	aliases := Aliases{}
	aliases.add("housing starts")
	now := time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)
	ans, err := Ask(context.Background(), ix, Request{Question: "housing starts in April?", Aliases: aliases, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Found != 0 || len(ans.Sources) != 0 {
		t.Errorf("found %d, %d sources; want nothing in April", ans.Found, len(ans.Sources))
	}
	if got := ans.NothingFound(); got != "Nothing on “housing starts” in April 2025" {
		t.Errorf("NothingFound() = %q", got)
	}
	// The nearest months with some hold the term too: not May's futures.
	if want := []string{"Nearest with some: March 2025 (2 articles)."}; !slices.Equal(ans.Suggestions, want) {
		t.Errorf("suggestions %q; want %q", ans.Suggestions, want)
	}
	ans, err = Ask(context.Background(), ix, Request{Question: "housing starts", Aliases: aliases, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, s := range ans.Sources {
		titles = append(titles, s.Article.Title)
	}
	if ans.Found != 2 || slices.ContainsFunc(titles, func(title string) bool { return title != "U.S. housing starts rose" }) {
		t.Errorf("found %d: %q; want the 2 stories on housing starts", ans.Found, titles)
	}
}

// Words parted by a comma are no term: "consumer, prices" asks about each.
func TestReadTermsStandTogether(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"a.txt": " date 2025-04-01 Consumer prices rose\n\nConsumer prices rose in March.\n",
		"b.txt": " date 2025-04-02 Consumer spending\n\nConsumer spending rose as prices fell.\n",
	})
	aliases := Aliases{}
	aliases.add("consumer prices, cost of living")
	for question, want := range map[string][]string{
		"consumer prices":   {"consumer prices"},
		"consumer, prices?": nil,
	} {
		r, err := Read(context.Background(), ix, Request{Question: question, Aliases: aliases})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(r.terms, want) {
			t.Errorf("%q: terms %q; want %q", question, r.terms, want)
		}
	}
}
