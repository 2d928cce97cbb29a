package commands

import (
	"reflect"
	"strings"
	"testing"

	"newsbot/index/news"
)

func TestFragments(t *testing.T) {
	text := "Fed chairman Paul Volcker said Volcker's term ends."
	span := func(word string) news.Span {
		i := strings.Index(text, word)
		return news.Span{Start: i, End: i + len(word)}
	}
	got := fragments(text, []news.Span{span("Paul"), span("Volcker"), span("Volcker's")}, 0, len(text))
	want := []Fragment{
		{Text: "Fed chairman "},
		{Text: "Paul Volcker", Match: true},
		{Text: " said "},
		{Text: "Volcker's", Match: true},
		{Text: " term ends."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v; want %+v", got, want)
	}
	if got := fragments(text, nil, 4, 12); !reflect.DeepEqual(got, []Fragment{{Text: "chairman"}}) {
		t.Errorf("no spans: got %+v", got)
	}
}
