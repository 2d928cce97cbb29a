package eval

import (
	"testing"

	"newsbot/commands"
	"newsbot/index/news"
)

func TestFaultsOf(t *testing.T) {
	source := func(n int, body, excerpt string) commands.Source {
		return commands.Source{N: n, Article: news.Article{Body: body}, Excerpt: []commands.Fragment{{Text: "…" + excerpt + "…"}}}
	}
	ans := commands.Answer{
		Summary: []commands.Statement{
			{Text: "Oil rose.", Sources: []int{2}},
			{Text: "Gold fell.", Sources: []int{1}},
			{Text: "Tin was flat.", Sources: []int{1}},
		},
		Sources: []commands.Source{
			source(1, "Gold fell. Copper fell.", "Copper fell."),
			source(2, "Oil rose. OPEC met.", "Oil rose."),
		},
	}
	want := Faults{Unverified: 1, Repeated: 1, OutOfOrder: 1}
	if got := faultsOf(ans); got != want {
		t.Errorf("faultsOf = %+v, want %+v", got, want)
	}
}
