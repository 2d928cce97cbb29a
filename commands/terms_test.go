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
	}
	for _, tt := range tests {
		a := news.Article{Title: tt.title, Body: tt.body}
		if got := holdsTerms(a, tt.terms, aliases, ix.Stem); got != tt.want {
			t.Errorf("holdsTerms(%q, %q) = %v; want %v", tt.title, tt.terms, got, tt.want)
		}
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
	}
	for i := range 30 { // "housing" and "starts" are each rare enough to require
		stories[fmt.Sprintf("m%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Market report %d\n\nTraders said prices moved.\n", i%28+1, i)
	}
	ix := mustIndexOf(t, stories)
	aliases := Aliases{}
	aliases.add("housing starts")
	now := time.Date(2025, 5, 2, 0, 0, 0, 0, time.UTC)
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

// Of more matches than are read, one holding the term together is listed
// before those that score better and hold its words apart.
func TestAskPutsTermsTogetherFirst(t *testing.T) {
	stories := map[string]string{
		"h.txt": " date 2025-03-17 Building report\n\nOfficials said that the figures for housing starts rose a little after a slow winter.\n\nBuilders were glad.\n",
	}
	for i := range DefaultSources + 1 {
		stories[fmt.Sprintf("s%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Housing weak, futures start higher %d\n\nHousing weak; futures start higher on day %d. Housing sales slow; futures start firm.\n\nTraders were glad.\n", i+1, i, i)
	}
	for i := range maxReadOn {
		stories[fmt.Sprintf("w%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Talks report %d\n\nTalks on housing went on, and officials said on day %d that a start on the long and slow work of the many talks to come was near, though the talks had been hard and were to go on for a long time yet.\n\nOthers were glad.\n", i%28+1, i, i)
	}
	for i := range 400 { // the words are rare enough to weigh
		stories[fmt.Sprintf("m%d.txt", i)] = fmt.Sprintf(" date 2025-04-%02d Market report %d\n\nTraders said prices moved.\n", i%28+1, i)
	}
	aliases := Aliases{}
	aliases.add("housing starts")
	ans, err := Ask(context.Background(), mustIndexOf(t, stories), Request{Question: "housing starts", Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ans.Sources, func(s Source) bool { return s.Article.Title == "Building report" }) {
		t.Errorf("%d sources without the building report", len(ans.Sources))
	}
}
