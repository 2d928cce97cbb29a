package names

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestNamesText(t *testing.T) {
	tests := []struct {
		title, body string
		names       []string // the capitalised words kept
	}{
		{"Oracle cuts jobs", "Jobs are going. Oracle will cut 5,000 jobs.", []string{"Oracle", "Oracle"}},
		{"Apple founder speaks", "Steve Jobs spoke. Jobs said the jobs would stay.", []string{"Apple", "Steve", "Jobs", "Jobs"}},
		{"Macron in Rome", "Macron arrived. \"Macron's visit,\" said Meloni.", []string{"Macron", "Rome", "Macron", "\"Macron's", "Meloni."}},
		{"HARBOUR OPENED", "The harbour opened on Friday.", []string{"The", "Friday."}}, // "The": a stop word, dropped by the analyser,
	}
	for _, tt := range tests {
		if got := strings.Fields(Text(tt.title, tt.body)); !slices.Equal(got, tt.names) {
			t.Errorf("Text(%q, %q) = %q; want %q", tt.title, tt.body, got, tt.names)
		}
	}
}

func TestNamePairs(t *testing.T) {
	tests := []struct {
		title, body string
		want        []string
	}{
		{"", "Apple boss Steve Jobs's keynote", []string{"steve jobs"}},
		{"", "Mark Brett, economist at Barclays, said Margaret Thatcher would win.", []string{"mark brett", "margaret thatcher"}},
		{"", "George W. Bush met Tony Blair.", []string{"george w", "w bush", "george bush", "tony blair"}},
		{"", "J.P. Morgan and the U.S. Treasury; St. Louis", []string{"j.p morgan", "u.s treasury", "st louis"}},
		{"", "Steve Jobs—the founder—and Smith/Jones", []string{"steve jobs"}},
		{"", "Macron, Starmer and \"Merz\" Scholz", nil},
		{"JOBS SAYS", "the job market.\n\nSteve\n\nSlifer", []string{"jobs says"}},
	}
	for _, tt := range tests {
		if got := Pairs(tt.title, tt.body); !slices.Equal(got, tt.want) {
			t.Errorf("Pairs(%q, %q) = %q; want %q", tt.title, tt.body, got, tt.want)
		}
	}
}

func TestProper(t *testing.T) {
	tests := []struct {
		para string
		want []string
	}{
		{"Oil rose after OPEC and Saudi Arabia met in Vienna on Monday.", []string{"arabia", "opec", "saudi", "vienna"}},
		{"OPEC MEETS IN VIENNA", []string{}},
		{"Sales in May 5 rose, said Ford Motor Co of Canada.", []string{"canada", "ford", "motor"}},
		{"The Swiss franc bond of Dow's unit.", []string{"dow"}},
	}
	for _, tt := range tests {
		got := slices.Sorted(maps.Keys(Proper(tt.para)))
		if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("Proper(%q) = %q; want %q", tt.para, got, tt.want)
		}
	}
}
