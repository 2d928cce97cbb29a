package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"newsbot/index/ingest"
	"newsbot/index/news"
)

// mustIngest opens an index in a temporary directory and adds the files under
// paths to it.
func mustIngest(t *testing.T, paths ...string) (*Index, news.Report) {
	t.Helper()
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, mustAdd(t, ix, paths...)
}

func mustAdd(t *testing.T, ix *Index, paths ...string) news.Report {
	t.Helper()
	files, err := ingest.ListFiles(paths)
	if err != nil {
		t.Fatal(err)
	}
	report, err := ix.Ingest(context.Background(), ingest.ReadFiles(context.Background(), files), nil)
	if err != nil {
		t.Fatal(err)
	}
	return report
}

func titles(t *testing.T, ix *Index, q news.Query) []string {
	t.Helper()
	if q.Size == 0 {
		q.Size = 10
	}
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%v): %v", q.Words, err)
	}
	var out []string
	for _, m := range res.Matches {
		out = append(out, m.Article.Title)
	}
	return out
}

func TestIngestTwiceChangesNothing(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	first := mustAdd(t, ix, "testdata/search", "news/testdata/parse")
	if first.Added != 13 || len(first.Rejected) != 8 {
		t.Errorf("first ingest: %+v; want 13 added and 8 rejected", first)
	}
	ix.Close()

	ix, err = Open(dir) // reopened from disk
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	second := mustAdd(t, ix, "testdata/search", "news/testdata/parse")
	if second.Added != 0 || second.Unchanged != 13 || second.Updated != 0 {
		t.Errorf("second ingest: %+v; want 13 unchanged and nothing added", second)
	}
	if n, _ := ix.Count(); n != 13 {
		t.Errorf("index holds %d articles; want 13", n)
	}
}

func TestIngestDuplicateAndEditedFiles(t *testing.T) {
	src := t.TempDir()
	story := " date 2025-04-18 Talks end in Paris\n\nThe talks ended on Friday without a deal.\n"
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", story)
	write("copy.txt", strings.ReplaceAll(story, "\n", "\r\n"))
	ix, report := mustIngest(t, src)
	if report.Added != 1 || report.Duplicates != 1 {
		t.Errorf("same story in two files: %+v; want 1 added and 1 duplicate", report)
	}

	write("a.txt", strings.Replace(story, "Friday", "Saturday", 1))
	report = mustAdd(t, ix, src)
	if report.Updated != 1 || report.Unchanged != 1 || report.Added != 0 || report.Duplicates != 0 {
		t.Errorf("after editing a.txt: %+v; want a.txt updated and copy.txt unchanged", report)
	}
	if got := paths(t, ix, "Friday"); !slices.Equal(got, []string{"copy.txt"}) {
		t.Errorf("the old text is found in %q; want it kept, from copy.txt only", got)
	}
	if got := paths(t, ix, "Saturday"); !slices.Equal(got, []string{"a.txt"}) {
		t.Errorf("the edited text is found in %q; want a.txt", got)
	}

	write("a.txt", strings.Replace(story, "Friday", "Sunday", 1))
	report = mustAdd(t, ix, src)
	if report.Updated != 1 {
		t.Errorf("after editing a.txt again: %+v; want 1 updated", report)
	}
	if got := paths(t, ix, "Saturday"); len(got) != 0 {
		t.Errorf("text no file holds any more is still found in %q", got)
	}
}

// paths returns the file names of the articles that contain word.
func paths(t *testing.T, ix *Index, word string) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), news.Query{Words: []string{word}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range res.Matches {
		out = append(out, filepath.Base(m.Article.Path))
	}
	return out
}

func TestSearchNames(t *testing.T) {
	ix, _ := mustIngest(t, "testdata/search")
	tests := []struct {
		words []string
		want  []string
	}{
		// A possessive in the question or in the text matches the name.
		{[]string{"Witkoff"}, []string{"Envoy returns from Moscow"}},
		{[]string{"Witkoff's"}, []string{"Envoy returns from Moscow"}},
		{[]string{"Witkoff’s"}, []string{"Envoy returns from Moscow"}},
		// A name is not stemmed: Hamas is not Hama.
		{[]string{"Hamas"}, []string{"Ceasefire proposal for Gaza discussed"}},
		{[]string{"Hama"}, []string{"Water shortages in Hama"}},
		// A topic word matches its other forms.
		{[]string{"talks"}, []string{"Trade talk resumes"}},
		// Every word must match.
		{[]string{"trade", "Geneva"}, []string{"An old story on trade", "Trade talk resumes"}},
		{[]string{"Hamas", "Geneva"}, nil},
		// Stop words alone do not stop a search with other words.
		{[]string{"the", "Hamas"}, []string{"Ceasefire proposal for Gaza discussed"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.words, " "), func(t *testing.T) {
			got := titles(t, ix, news.Query{Words: tt.words})
			slices.Sort(got) // which comes first is for the ranking tests
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestSearchWithout(t *testing.T) {
	ix, _ := mustIngest(t, "testdata/search")
	tests := []struct {
		name string
		q    news.Query
		want []string
	}{
		{"a name left out", news.Query{Words: []string{"trade"}, Without: []string{"Geneva"}}, []string{"An undated story on trade"}},
		{"a word left out in any form", news.Query{Words: []string{"trade"}, Without: []string{"talks"}}, []string{"An old story on trade", "An undated story on trade"}},
		{"another spelling left out", news.Query{Words: []string{"trade"}, Without: []string{"Genf"}, Aliases: map[string][]string{"Genf": {"Geneva"}}}, []string{"An undated story on trade"}},
		{"a stop word leaves nothing out", news.Query{Words: []string{"trade"}, Without: []string{"the"}}, []string{"An old story on trade", "An undated story on trade", "Trade talk resumes"}},
		{"no words: everything but", news.Query{Without: []string{"trade", "Hamas", "Hama"}}, []string{"Envoy returns from Moscow"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := titles(t, ix, tt.q)
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%+v found %q; want %q", tt.q, got, tt.want)
			}
		})
	}
}

func TestSearchIsNotQuerySyntax(t *testing.T) {
	ix, _ := mustIngest(t, "testdata/search")
	for _, words := range [][]string{
		{"+title:x", "-*", `"`},
		{"body:Hamas"},
		{"Ham*"},
		{"/Ham.s/"},
		{"Hamas~2"},
	} {
		got := titles(t, ix, news.Query{Words: words})
		if words[0] == "body:Hamas" {
			// The colon splits the word like any punctuation: both halves must match.
			continue
		}
		if len(got) != 0 {
			t.Errorf("%q was read as query syntax: found %q", words, got)
		}
	}
	if _, err := ix.Search(context.Background(), news.Query{Words: []string{"the", "?"}, Size: 5}); !errors.Is(err, news.ErrNoWords) {
		t.Errorf("a query of stop words and punctuation: err = %v; want %v", err, news.ErrNoWords)
	}
}

func TestSearchSince(t *testing.T) {
	ix, _ := mustIngest(t, "testdata/search")
	all := titles(t, ix, news.Query{Words: []string{"trade"}})
	if len(all) != 3 {
		t.Errorf("trade: found %q; want 3 articles, dated and undated", all)
	}
	since := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	recent := titles(t, ix, news.Query{Words: []string{"trade"}, Since: since})
	if !slices.Equal(recent, []string{"Trade talk resumes"}) {
		t.Errorf("trade since 2025: found %q; want only the 2025 article", recent)
	}
}

// Narrowing a search, by IDs, dates or the lead, keeps some of its matches
// and scores each as the whole search does; a count (Size 0) counts what the
// search finds.
func TestNarrowingLeavesScores(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"wall.txt":   " date 2025-04-10 Harbour wall approved\n\nThe council approved the harbour wall and its toll.\n\nWork starts in May.",
		"ferry.txt":  " date 2025-04-12 Ferry timetable\n\nThe ferry runs later in summer.\n\nIt leaves from the harbour at nine, past the wall.",
		"market.txt": " date 2024-06-01 Fish market\n\nThe harbour market sells fish on Fridays.",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, _ := mustIngest(t, dir)
	ctx := context.Background()
	whole := news.Query{Words: []string{"harbour"}, Optional: []string{"wall"}, Size: 10}
	all, err := ix.Search(ctx, whole)
	if err != nil || len(all.Matches) < 2 {
		t.Fatalf("trade: %d matches, %v; want several", len(all.Matches), err)
	}
	scores := map[string]float64{}
	for _, m := range all.Matches {
		scores[m.Article.ID] = m.Score
	}
	byID := whole
	byID.IDs = []string{all.Matches[1].Article.ID}
	since := whole
	since.Since = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	inLead := whole
	inLead.InLead = true
	for name, q := range map[string]news.Query{"by ID": byID, "since 2025": since, "in the lead": inLead} {
		res, err := ix.Search(ctx, q)
		if err != nil || len(res.Matches) == 0 || len(res.Matches) == len(all.Matches) {
			t.Errorf("%s: %d of %d matches, %v; want some", name, len(res.Matches), len(all.Matches), err)
		}
		for _, m := range res.Matches {
			if m.Score != scores[m.Article.ID] {
				t.Errorf("%s: %q scores %v; the whole search scores it %v", name, m.Article.Title, m.Score, scores[m.Article.ID])
			}
		}
		count := q
		count.Size = 0
		if c, err := ix.Search(ctx, count); err != nil || c.Total != res.Total {
			t.Errorf("%s: counted %d, %v; the search finds %d", name, c.Total, err, res.Total)
		}
	}
}

func TestSearchReturnsWholeArticlesAndLocations(t *testing.T) {
	ix, _ := mustIngest(t, "testdata/search")
	res, err := ix.Search(context.Background(), news.Query{Words: []string{"Hamas"}, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Matches) != 1 {
		t.Fatalf("got %d of %d matches; want 1", len(res.Matches), res.Total)
	}
	m := res.Matches[0]
	a := m.Article
	if a.Byline != "By Staff, Agencies" || a.Date.Format(time.DateOnly) != "2025-04-10" || !strings.HasSuffix(a.Path, "gaza-hamas.txt") || len(a.Paragraphs()) != 2 {
		t.Errorf("article not rebuilt whole: %+v", a)
	}
	var marked []string
	for _, sp := range m.BodySpans {
		marked = append(marked, a.Body[sp.Start:sp.End])
	}
	if !slices.Equal(marked, []string{"Hamas", "Hamas"}) {
		t.Errorf("marked %q in the body; want both Hamas", marked)
	}
}

func TestHighlighterSpans(t *testing.T) {
	ix, _ := mustIngest(t, "testdata/search")
	text := "Shoppers buy more toys.\n\nThe key buyer, Witkoff's aide, bought keys.\n\nNothing here."
	tests := []struct {
		words []string
		want  []string
	}{
		// Stems whose last letter differs from the word's ("bui", "toi").
		{[]string{"buy"}, []string{"buy"}},
		{[]string{"toy"}, []string{"toys"}},
		{[]string{"keys"}, []string{"key", "keys"}},
		{[]string{"Witkoff"}, []string{"Witkoff's"}},
		{[]string{"shoppers", "aide"}, []string{"Shoppers", "aide"}},
		{[]string{"absent"}, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range ix.highlighter(tt.words, nil).spans(text) {
			got = append(got, text[sp.Start:sp.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q marks %q; want %q", tt.words, got, tt.want)
		}
	}
}

func TestOpenLockedIndex(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	second, err := Open(dir)
	if err == nil {
		second.Close()
		t.Fatal("a second Open of the same index succeeded")
	}
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "another newsbot process") {
		t.Errorf("err = %v; want %v with a plain explanation", err, ErrLocked)
	}
}

func TestSimilarWords(t *testing.T) {
	ix, _ := mustIngest(t, "testdata/search")
	got, err := ix.SimilarWords(context.Background(), "Witkof", 3)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got, "witkoff") {
		t.Errorf("SimilarWords(Witkof) = %q; want witkoff among them", got)
	}
}

func TestPeopleAutocomplete(t *testing.T) {
	ix, _ := mustIngest(t, "../testdata/articles")
	tests := []struct {
		prefix string
		want   string // the first name found
	}{
		{"wit", "Steve Witkoff"},
		{"Steve", "Steve Witkoff"},
		{"MACRON", "Emmanuel Macron"},
		{"noël", "Jean-Noël Barrot"},
		{"noel", "Jean-Noël Barrot"}, // without the accent
		{"von", "Ursula von der Leyen"},
	}
	for _, tt := range tests {
		got, err := ix.People(context.Background(), tt.prefix, 25)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Name != tt.want {
			t.Errorf("People(%q) = %v; want %s first", tt.prefix, got, tt.want)
		}
	}
	all, _ := ix.People(context.Background(), "", 25)
	if len(all) == 0 || all[0].Articles < all[len(all)-1].Articles {
		t.Errorf("People(\"\") = %v; want the most covered first", all)
	}
	if got, _ := ix.People(context.Background(), "zzz", 25); len(got) != 0 {
		t.Errorf("People(zzz) = %v; want none", got)
	}
	if got, _ := ix.People(context.Background(), "", 3); len(got) != 3 {
		t.Errorf("People(\"\", 3) gave %d names", len(got))
	}
}

func TestIngestFeedItemsOnce(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	body := strings.Repeat("The council approved the new harbour wall after a long debate. ", 5)
	item := func(id, url, guid, text string) news.Candidate {
		return news.Candidate{Origin: url, Article: news.Article{ID: id, Title: "Harbour wall approved", URL: url, GUID: guid, Body: text, Date: time.Now().UTC()}}
	}
	ingest := func(cs ...news.Candidate) news.Report {
		t.Helper()
		r, err := ix.Ingest(context.Background(), slices.Values(cs), nil)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := ingest(item("a", "https://example.com/a", "g1", body)); r.Added != 1 {
		t.Fatalf("first item: %+v", r)
	}
	tests := []struct {
		name string
		item news.Candidate
		want news.Report
	}{
		{"same link again", item("a", "https://example.com/a", "g1", body), news.Report{Unchanged: 1}},
		{"same GUID, other link", item("b", "https://example.com/b", "g1", "Other text."), news.Report{Duplicates: 1}},
		{"same text, other link and GUID", item("c", "https://mirror.example/c", "g3", body), news.Report{Duplicates: 1}},
		{"short text shared by unrelated items", item("d", "https://example.com/d", "", "Read more."), news.Report{Added: 1}},
		{"short text again, other link", item("e", "https://example.com/e", "", "Read more."), news.Report{Added: 1}},
	}
	for _, tt := range tests {
		if got := ingest(tt.item); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v; want %+v", tt.name, got, tt.want)
		}
	}
	// Two copies of one story in the same poll: the second is a duplicate.
	other := strings.Repeat("A storm closed the coast road overnight, police said. ", 5)
	if r := ingest(item("f", "https://example.com/f", "", other), item("g", "https://example.com/g", "", other)); r.Added != 1 || r.Duplicates != 1 {
		t.Errorf("two copies in one batch: %+v; want 1 added, 1 duplicate", r)
	}
	// One story from two feeds in one ingest, on its first reading: the
	// second is a duplicate, not "unchanged".
	third := strings.Repeat("The ferry strike ended after talks lasted all night. ", 5)
	if r := ingest(item("h", "https://example.com/h", "", third), item("h", "https://example.com/h", "", third)); !reflect.DeepEqual(r, news.Report{Added: 1, Duplicates: 1}) {
		t.Errorf("one story from two feeds: %+v; want 1 added, 1 duplicate", r)
	}
	if n, _ := ix.Count(); n != 5 {
		t.Errorf("index holds %d articles; want 5", n)
	}
}

// TestIngestDuplicateAcrossBatches counts a feed item that an earlier batch
// of the same ingest added as a duplicate, as within one batch.
func TestIngestDuplicateAcrossBatches(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var cs []news.Candidate
	for i := range BatchSize {
		cs = append(cs, news.Candidate{Article: news.Article{ID: fmt.Sprint("id", i), Title: fmt.Sprint("Story ", i), URL: fmt.Sprintf("https://example.com/%d", i), Body: fmt.Sprintf("Story number %d happened today in town %d.", i, i*7)}})
	}
	cs = append(cs, cs[0]) // the first story again, from another feed, in the next batch
	r, err := ix.Ingest(context.Background(), slices.Values(cs), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := (news.Report{Added: BatchSize, Duplicates: 1}); !reflect.DeepEqual(r, want) {
		t.Errorf("report %+v; want %+v", r, want)
	}
}

// A file that holds the text of a feed item is a duplicate, as a feed item
// that holds a file's text is: the index keeps one copy whichever came first.
func TestFileCopyOfFeedItem(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	body := strings.Repeat("The council approved the new harbour wall after a long debate. ", 5)
	item := news.Candidate{Origin: "https://example.com/a", Article: news.Article{ID: "a", Title: "Harbour wall approved", URL: "https://example.com/a", Body: body, Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)}}
	if r, err := ix.Ingest(context.Background(), slices.Values([]news.Candidate{item}), nil); err != nil || r.Added != 1 {
		t.Fatalf("feed item: %+v, %v", r, err)
	}
	dir := t.TempDir()
	copied := filepath.Join(dir, "copy.txt")
	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(copied, " date 2026-03-02 Council backs harbour wall\n\n"+body)
	for run := range 2 {
		if r := mustAdd(t, ix, dir); !reflect.DeepEqual(r, news.Report{Duplicates: 1}) {
			t.Errorf("run %d: indexing a copy of a feed item: %+v; want 1 duplicate", run+1, r)
		}
	}

	// A file that held another story and now holds the feed item's text no
	// longer vouches for that story.
	changed := filepath.Join(dir, "changed.txt")
	write(changed, " date 2026-03-03 Storm closes coast road\n\n"+strings.Repeat("A storm closed the coast road overnight. ", 6))
	if r := mustAdd(t, ix, changed); r.Added != 1 {
		t.Fatalf("other story: %+v", r)
	}
	write(changed, " date 2026-03-02 Harbour wall\n\n"+body)
	if r := mustAdd(t, ix, changed); !reflect.DeepEqual(r, news.Report{Duplicates: 1}) {
		t.Errorf("a file rewritten with a feed item's text: %+v; want 1 duplicate", r)
	}

	res, err := ix.Search(context.Background(), news.Query{Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Matches) != 1 || res.Matches[0].Article.ID != "a" || res.Matches[0].Article.URL != item.Article.URL {
		t.Errorf("index holds %+v; want only the feed item, with its link", res.Matches)
	}

	// The command line ingests feed items and files together.
	other := strings.Repeat("Fishermen protested against the new quotas in the port. ", 5)
	fromFeed := news.Candidate{Article: news.Article{ID: "b", Title: "Quota protest", URL: "https://example.com/b", Body: other}}
	fromFile := news.Candidate{Article: news.Article{ID: news.ContentID(time.Time{}, "Quota protest", other), Title: "Quota protest", Path: filepath.Join(dir, "quota.txt"), Body: other}}
	if r, err := ix.Ingest(context.Background(), slices.Values([]news.Candidate{fromFeed, fromFile}), nil); err != nil || !reflect.DeepEqual(r, news.Report{Added: 1, Duplicates: 1}) {
		t.Errorf("a feed item and its copy in one batch: %+v, %v; want 1 added, 1 duplicate", r, err)
	}
	if gone, err := ix.Prune(context.Background(), dir, []string{changed}); err != nil || gone != nil {
		t.Errorf("Prune after deleting the copy = %q, %v; want nothing: the copy was never indexed", gone, err)
	}
	if n, _ := ix.Count(); n != 2 {
		t.Errorf("after Prune the index holds %d articles; want the two feed items", n)
	}
}

func TestOpenErrorsSayWhatToDo(t *testing.T) {
	tests := []struct {
		cause error
		want  error
		says  string
	}{
		{&os.PathError{Op: "open", Path: "root.bolt", Err: syscall.EACCES}, ErrReadOnly, "give newsbot a data directory it can write"},
		{&os.PathError{Op: "open", Path: "root.bolt", Err: syscall.EROFS}, ErrReadOnly, "read-only disk"},
		{errors.New("timeout"), nil, "open index"},
	}
	for _, tt := range tests {
		err := openError("/data/index", tt.cause)
		if (tt.want != nil && !errors.Is(err, tt.want)) || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("openError(%v) = %v; want %v saying %q", tt.cause, err, tt.want, tt.says)
		}
	}
}

func TestOpenReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write anywhere: file permissions cannot make a read-only index for root")
	}
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error { return os.Chmod(path, 0o500) })
	defer filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error { return os.Chmod(path, 0o700) })
	if _, err := Open(dir); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Open of a read-only index: %v; want %v", err, ErrReadOnly)
	}
}

func TestStats(t *testing.T) {
	ix, _ := mustIngest(t, "../testdata/articles")
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 21 || st.Oldest.Format(time.DateOnly) != "2025-03-25" || st.Newest.Format(time.DateOnly) != "2025-04-30" {
		t.Errorf("stats %+v; want 21 articles from 2025-03-25 to 2025-04-30", st)
	}
	top, err := ix.PeopleInTheNews(context.Background(), time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(top) != 3 || top[0].Name != "Steve Witkoff" || top[0].Articles != 7 {
		t.Errorf("people in the news since 10 April: %+v; want Steve Witkoff first, in 7 articles", top)
	}
}

func TestSettleKeepsEveryArticle(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := ingest.ListFiles([]string{"testdata/search"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files { // one segment each, for the merge to join
		mustAdd(t, ix, f)
	}
	query := news.Query{Words: []string{"trade"}}
	before := titles(t, ix, query)
	if err := ix.Settle(context.Background()); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Count(); n != len(files) {
		t.Errorf("after Settle the index holds %d articles; want %d", n, len(files))
	}
	after := titles(t, ix, query)
	slices.Sort(before) // equal scores may come in another order
	slices.Sort(after)
	if !slices.Equal(after, before) || len(after) == 0 {
		t.Errorf("after Settle %q finds %q; before it found %q", query.Words, after, before)
	}
}

// A page of a period's newest matches, taken from its last days when they
// hold it, is the page of the whole period sorted by date, and Total counts
// the whole period.
func TestNewestOfAPeriod(t *testing.T) {
	dir := t.TempDir()
	days := []string{"2025-03-31", "2025-03-31", "2025-03-31", "2025-03-29", "2025-03-27", "2025-03-20", "2025-03-05", "2025-03-02"}
	for i, day := range days {
		text := fmt.Sprintf(" date %s Harbour report %d\n\nThe harbour board met for the %d time this month.", day, i, i+1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprint(i, ".txt")), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, _ := mustIngest(t, dir)
	ctx := context.Background()
	march := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	whole, err := ix.Search(ctx, news.Query{Words: []string{"harbour"}, Since: march, Newest: true, Size: 20})
	if err != nil || len(whole.Matches) != len(days) {
		t.Fatalf("all of March: %d matches, %v; want %d", len(whole.Matches), err, len(days))
	}
	for _, page := range []struct{ from, size int }{{0, 2}, {2, 2}, {3, 2}, {5, 3}} {
		res, err := ix.Search(ctx, news.Query{Words: []string{"harbour"}, Since: march, Until: march.AddDate(0, 1, 0), Newest: true, From: page.from, Size: page.size})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := matchIDs(res.Matches), matchIDs(whole.Matches[page.from:page.from+page.size]); !slices.Equal(got, want) || res.Total != len(days) {
			t.Errorf("page from %d: %q of %d; want %q of %d", page.from, got, res.Total, want, len(days))
		}
	}
}

func matchIDs(matches []news.Match) []string {
	var out []string
	for _, m := range matches {
		out = append(out, m.Article.ID)
	}
	return out
}

// A word one slip away comes before a more frequent one two slips away:
// "natual" is "natural", not "annual"; a swap of two letters is one slip,
// so that "unemploymnet" is "unemployment", more frequent than "unemploymnent",
// which is as near.
func TestSimilarWordsFewestEditsFirst(t *testing.T) {
	texts := map[string]string{}
	for i, title := range []string{"Natural gas output", "Annual report", "Annual meeting", "Annual results", "Unemployment up", "Unemployment falls", "Unemploymnent down"} {
		texts[fmt.Sprintf("%d.txt", i)] = story("2025-04-01", title, "The figures came out on Tuesday.")
	}
	ix := mustIngestTexts(t, texts)
	for _, tt := range []struct{ typed, want string }{
		{"natual", "natural"},
		{"unemploymnet", "unemployment"},
		{"anual", "annual"},
	} {
		t.Run(tt.typed, func(t *testing.T) {
			if got, err := ix.SimilarWords(context.Background(), tt.typed, 1); err != nil || len(got) == 0 || got[0] != tt.want {
				t.Errorf("SimilarWords(%s) = %q, %v; want %s first", tt.typed, got, err, tt.want)
			}
		})
	}
}
