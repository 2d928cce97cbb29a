package commands

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/index"
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
	files, err := index.ListFiles([]string{"../testdata/articles"})
	if err != nil {
		return nil, err
	}
	_, err = ix.Ingest(context.Background(), index.ReadFiles(context.Background(), files), nil)
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

// checkCited fails unless every summary sentence stands verbatim in every
// source it cites, and every source is numbered in order.
func checkCited(t *testing.T, ans Answer) {
	t.Helper()
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
			for _, s := range ans.Sources {
				bold := matchedText(s.Excerpt)
				if !slices.ContainsFunc(bold, func(b string) bool { return strings.Contains(strings.ToLower(b), "witkoff") }) {
					t.Errorf("excerpt of [%d] marks %q; want Witkoff", s.N, bold)
				}
			}
		})
	}
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
		{Request{Question: "Witkof"}, `Did you mean "Witkoff"?`},
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

func TestAskWithoutSubject(t *testing.T) {
	for _, q := range []string{"what's new?", "   ", "the of and"} {
		if _, err := Ask(context.Background(), mustSamples(t), Request{Question: q}); !errors.Is(err, ErrNoSubject) {
			t.Errorf("Ask(%q): err = %v; want %v", q, err, ErrNoSubject)
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
