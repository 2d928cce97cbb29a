package bench

import (
	"context"
	"index/suffixarray"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/index/ingest"
	"newsbot/index/news"
)

// corpus is the real news in ../shared/corpus (BBC and Reuters), which is never
// copied into this repository.
const corpus = "../../../../shared/corpus"

// sharedGenerator loads the real corpus once for all the tests that use it.
var sharedGenerator = sync.OnceValues(func() (*Generator, error) { return NewGenerator(corpus, 1) })

func mustCorpusGenerator(tb testing.TB) *Generator {
	tb.Helper()
	if _, err := os.Stat(corpus); err != nil {
		tb.Skip("../shared/corpus is not here")
	}
	g, err := sharedGenerator()
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// tinyCorpus is a corpus written for these tests, so that the generator is
// tested even where the real one is absent.
var tinyCorpus = map[string]string{
	"world/001.txt": "Harbour bridge reopens\n\nMayor Ada Lindqvist opened the harbour bridge on Monday after two years of repairs. " +
		"Lindqvist said the bridge would carry ten thousand cars a day.\n\nEngineers replaced every cable and repainted the towers. " +
		"The work cost less than the city had feared.\n",
	"world/002.txt": "Council backs new tram line\n\nThe city council voted for a tram line to the airport. " +
		"Mayor Ada Lindqvist called the vote a good day for commuters. Work starts in the spring.\n\n" +
		"Shopkeepers on the route asked for help during the building work.\n",
	"sport/001.txt": " date 1987-03-02 ROWING CLUB WINS REGATTA\n\nReuters\n\nThe Northport rowing club won the spring regatta by two lengths. " +
		"Coach Tomas Berg said his crew had trained through the winter. Berg praised the young rowers.\n\n" +
		"The club will race again in June.\n",
	"README.txt":              "About this folder\n\nThese files are test articles and this file is not one.\n",
	"summaries/world/001.txt": "A summary on one line, which is not an article.",
}

// writeCorpus writes files (path to content) under a new directory.
func writeCorpus(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestNewGeneratorFailsWithoutArticles(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		sub   string
	}{
		{"missing folder", nil, "missing"},
		{"empty folder", nil, ""},
		{"no article files", map[string]string{"README.txt": tinyCorpus["README.txt"], "a/001.txt": "one line only"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(writeCorpus(t, tt.files), tt.sub)
			if g, err := NewGenerator(dir, 1); err == nil {
				t.Errorf("NewGenerator(%s) = %d articles, no error; want an error", tt.name, len(g.articles))
			}
		})
	}
}

// generate returns the first n articles of g.
func generate(g *Generator, n int) []news.Article {
	out := make([]news.Article, 0, n)
	for c := range g.Articles(n) {
		out = append(out, c.Article)
	}
	return out
}

func TestArticlesFromTinyCorpus(t *testing.T) {
	dir := writeCorpus(t, tinyCorpus)
	g, err := NewGenerator(dir, 7)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(g.articles); got != 3 {
		t.Errorf("read %d articles; want 3 (no README, no summary)", got)
	}
	text := mustCorpusText(t, dir)
	people := []string{"Ada Lindqvist", "Tomas Berg"}
	for i, a := range generate(g, 50) {
		if piece, ok := verbatim(text, a.Body); !ok {
			t.Errorf("article %d: %q is in no corpus article", i, piece)
		}
		if len(a.People) == 0 || !slices.Contains(people, a.People[0]) {
			t.Errorf("article %d: People = %q; want the subject, one of %q", i, a.People, people)
		}
		for _, p := range a.People {
			if !slices.Contains(people, p) || !strings.Contains(a.Body, p) {
				t.Errorf("article %d: People has %q; want only corpus people the body names", i, p)
			}
		}
	}
	if got, want := g.Questions(4), []string{"Ada Lindqvist", "Berg"}; !slices.Equal(got, want) {
		t.Errorf("Questions(4) = %q; want %q (no topic in so small a corpus)", got, want)
	}
}

func TestArticlesAreDeterministic(t *testing.T) {
	g := mustCorpusGenerator(t)
	again, err := NewGenerator(corpus, 1)
	if err != nil {
		t.Fatal(err)
	}
	first := generate(g, 200)
	if second := generate(again, 200); !reflect.DeepEqual(first, second) {
		t.Error("two generators with the same corpus and seed made different articles")
	}
	if prefix := generate(g, 5); !reflect.DeepEqual(prefix, first[:5]) {
		t.Error("Articles(5) differs from the first 5 of Articles(200)")
	}
	other := *g
	other.seed = 2
	if a := generate(&other, 1)[0]; a.ID == first[0].ID || a.Body == first[0].Body {
		t.Error("seeds 1 and 2 made the same first article")
	}
}

func TestArticleFields(t *testing.T) {
	g := mustCorpusGenerator(t)
	end := yearStart.AddDate(1, 0, 0)
	ids := map[string]int{}
	months := map[time.Month]bool{}
	i := 0
	for c := range g.Articles(50_000) {
		a := c.Article
		if want := "generated/" + strconv.Itoa(i); c.Origin != want || c.Err != nil {
			t.Fatalf("candidate %d: origin %q, error %v; want %q, no error", i, c.Origin, c.Err, want)
		}
		if j, dup := ids[a.ID]; dup || len(a.ID) != 16 {
			t.Fatalf("article %d: ID %q (also article %d); want 16 unique hex digits", i, a.ID, j)
		}
		ids[a.ID] = i
		if a.Date.Before(yearStart) || !a.Date.Before(end) || a.Date.Location() != time.UTC || !a.Date.Equal(a.Date.Truncate(24*time.Hour)) {
			t.Fatalf("article %d: date %s; want a UTC day of 2024", i, a.Date)
		}
		months[a.Date.Month()] = true
		if a.Title == "" || a.Source != "generated" || a.Path != "" || len(a.People) > maxPeople {
			t.Fatalf("article %d: title %q, source %q, path %q, %d people; want a title, source generated, no path, at most %d people",
				i, a.Title, a.Source, a.Path, len(a.People), maxPeople)
		}
		for _, p := range a.People {
			if !hasWords(a.Body, p) {
				t.Fatalf("article %d: person %q is not in the body", i, p)
			}
		}
		i++
	}
	if len(months) != 12 {
		t.Errorf("dates fall in %d months; want all 12", len(months))
	}
}

func TestBodyShape(t *testing.T) {
	g := mustCorpusGenerator(t)
	r := rand.New(rand.NewPCG(3, 4))
	zipf := rand.NewZipf(r, zipfS, 1, uint64(len(g.people)-1))
	var w writer
	for i := range 2000 {
		a := w.article(g, r, zipf)
		n, paragraphs := len(w.chosen), len(a.Paragraphs())
		if n < minSentences || n > maxSentences {
			t.Fatalf("article %d has %d sentences; want %d to %d", i, n, minSentences, maxSentences)
		}
		if paragraphs*maxParagraph < n || paragraphs > n {
			t.Fatalf("article %d has %d paragraphs for %d sentences; want 1 to %d sentences each", i, paragraphs, n, maxParagraph)
		}
	}
}

func TestBodiesAreVerbatim(t *testing.T) {
	g := mustCorpusGenerator(t)
	text := mustCorpusText(t, corpus)
	for i, a := range generate(g, 20_000) {
		if i%100 != 0 {
			continue
		}
		if piece, ok := verbatim(text, a.Body); !ok {
			t.Errorf("article %d: %q is in no corpus article", i, piece)
		}
	}
}

// mustCorpusText indexes the bodies of the articles under dir for substring
// search, with a NUL between articles so that no match spans two.
func mustCorpusText(t *testing.T, dir string) *suffixarray.Index {
	t.Helper()
	files, err := ingest.ListFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for c := range ingest.ReadFiles(context.Background(), files) {
		if c.Err == nil {
			b.WriteString(c.Article.Body)
			b.WriteByte(0)
		}
	}
	return suffixarray.New([]byte(b.String()))
}

// verbatim reports whether each paragraph of body is corpus text joined by
// spaces, or else returns the first piece found nowhere. Taking the longest
// piece first is enough: any part of corpus text is corpus text.
func verbatim(text *suffixarray.Index, body string) (string, bool) {
	found := func(s string) bool { return len(text.Lookup([]byte(s), 1)) > 0 }
	for _, para := range strings.Split(body, "\n\n") {
		var ends []int
		for i := range len(para) {
			if para[i] == ' ' {
				ends = append(ends, i)
			}
		}
		ends = append(ends, len(para))
		for start := 0; start < len(para); {
			k, _ := slices.BinarySearchFunc(ends, start, func(e, s int) int { return e - s - 1 })
			longest := -1
			for lo, hi := k, len(ends)-1; lo <= hi; {
				mid := (lo + hi) / 2
				if found(para[start:ends[mid]]) {
					longest, lo = ends[mid], mid+1
				} else {
					hi = mid - 1
				}
			}
			if longest < 0 {
				return para[start:ends[k]], false
			}
			start = longest + 1
		}
	}
	return "", true
}

func TestPopularityIsZipfLike(t *testing.T) {
	g := mustCorpusGenerator(t)
	leads := map[string]int{}
	for _, a := range generate(g, 20_000) {
		if len(a.People) > 0 {
			leads[a.People[0]]++
		}
	}
	var counts []int
	for _, n := range leads {
		counts = append(counts, n)
	}
	slices.Sort(counts)
	top, median := counts[len(counts)-1], counts[len(counts)/2]
	t.Logf("the most covered person leads %d articles, the median one %d", top, median)
	if top < 50*median {
		t.Errorf("the most covered person leads %d articles, the median one %d; want at least 50 times as many", top, median)
	}
}

func TestQuestions(t *testing.T) {
	g := mustCorpusGenerator(t)
	tests := []struct {
		k, topics int
	}{{0, 0}, {1, 0}, {3, 1}, {20, 10}, {60, len(g.topics)}}
	for _, tt := range tests {
		qs := g.Questions(tt.k)
		asked := slices.DeleteFunc(slices.Clone(qs), func(q string) bool { return !slices.Contains(topics, q) })
		if len(qs) != tt.k || len(asked) != tt.topics {
			t.Errorf("Questions(%d) = %d questions, %d topics; want %d, %d", tt.k, len(qs), len(asked), tt.k, tt.topics)
		}
		if len(qs) > 1 && qs[1] != asked[0] {
			t.Errorf("Questions(%d) = %q; want a person, then a topic", tt.k, qs[:2])
		}
	}
	qs := g.Questions(40)
	answered := map[string]bool{}
	for _, a := range generate(g, 20_000) {
		for _, q := range qs {
			if !answered[q] && hasWords(a.Body, q) {
				answered[q] = true
			}
		}
	}
	for _, q := range qs {
		if !answered[q] {
			t.Errorf("question %q is answered by none of the first 20,000 articles", q)
		}
	}
}

func BenchmarkArticles(b *testing.B) {
	g := mustCorpusGenerator(b)
	b.ReportAllocs()
	for b.Loop() {
		for range g.Articles(10_000) {
		}
	}
	b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "articles/s")
}
