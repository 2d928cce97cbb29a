package commands

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"newsbot/index/news"
)

func TestSummarizeReturnsNSentencesInOrder(t *testing.T) {
	files, err := filepath.Glob("../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample articles: %v", err)
	}
	for _, f := range files {
		a, err := news.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all := splitSentences(a.Body)
		for _, n := range []int{1, 2, 3, len(all) + 2} {
			got := Summarize(a.Body, n)
			if want := min(n, len(all)); len(got) != want {
				t.Errorf("%s: Summarize(%d) gave %d sentences; want %d", filepath.Base(f), n, len(got), want)
			}
			checkInOrder(t, a.Body, got)
		}
	}
}

func TestSummarizeEdgeCases(t *testing.T) {
	if got := Summarize("", 3); len(got) != 0 {
		t.Errorf("empty body: got %q", got)
	}
	if got := Summarize("Only one sentence here.", 3); !slices.Equal(got, []string{"Only one sentence here."}) {
		t.Errorf("one sentence: got %q", got)
	}
	if got := Summarize("One. Two.", 0); len(got) != 0 {
		t.Errorf("zero sentences asked: got %q", got)
	}
}

// TestSummarizeBBC runs on the real BBC articles when ../shared is here.
func TestSummarizeRanksTheStartOfALongArticle(t *testing.T) {
	// 5,000 sentences: ranking all pairs would take minutes.
	var b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&b, "Sentence %d tells of the harbour and its ships. ", i)
		if i%10 == 9 {
			b.WriteString("\n\n")
		}
	}
	body := strings.TrimSpace(b.String())
	all := Sentences(body)
	got := Summarize(body, 3)
	if len(got) != 3 {
		t.Fatalf("got %d sentences; want 3", len(got))
	}
	for _, s := range got {
		if i := slices.Index(all, s); i < 0 || i >= maxRanked {
			t.Errorf("%q is sentence %d; want one of the first %d", s, i, maxRanked)
		}
	}
}

func TestSummarizeBBC(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/bbc/articles/business/0*.txt")
	if len(files) == 0 {
		t.Skip("../shared/corpus is not here")
	}
	for _, f := range files[:50] {
		a, err := news.ReadFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got := Summarize(a.Body, 3)
		if len(got) != 3 {
			t.Errorf("%s: got %d sentences; want 3", f, len(got))
		}
		checkInOrder(t, a.Body, got)
	}
}

// checkInOrder fails unless every sentence stands verbatim in body, each after
// the one before.
func checkInOrder(t *testing.T, body string, sentences []string) {
	t.Helper()
	at := 0
	for _, s := range sentences {
		i := strings.Index(body[at:], s)
		if i < 0 {
			t.Errorf("%q is not in the body after offset %d", s, at)
			return
		}
		at += i + len(s)
	}
}
