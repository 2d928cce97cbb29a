package commands

import (
	"reflect"
	"strings"
	"testing"

	"newsbot/index"
)

func TestFragments(t *testing.T) {
	text := "Fed chairman Paul Volcker said Volcker's term ends."
	span := func(word string) index.Span {
		i := strings.Index(text, word)
		return index.Span{Start: i, End: i + len(word)}
	}
	got := fragments(text, []index.Span{span("Paul"), span("Volcker"), span("Volcker's")}, 0, len(text))
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
