package index

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"newsbot/index/names"
	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// fullNameArticles are articles where the words of a full name stand
// together, and apart.
var fullNameArticles = map[string]string{
	"jobs.txt":   " date 2025-04-01 Apple unveils a phone\n\nApple boss Steve Jobs showed the phone on Tuesday.\n",
	"slifer.txt": " date 2025-04-02 FEBRUARY JOBS GAINS STRONG\n\nSteve Slifer, an economist, said the figures were strong.\n",
	"bush.txt":   " date 2025-04-03 Bush in London\n\nPresident George W. Bush met the prime minister in London.\n",
	"bank.txt":   " date 2025-04-04 Rates held\n\nThe Bank of England held rates, the U.S. Treasury said, and J.P. Morgan agreed, the Guardian reported.\n",
}

func writeArticles(t *testing.T, articles map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range articles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestSearchFullNames(t *testing.T) {
	ix, _ := mustIngest(t, writeArticles(t, fullNameArticles))
	if !ix.FindsFullNames() {
		t.Fatal("a new index does not find full names whole")
	}
	tests := []struct {
		words []string
		want  []string
	}{
		{[]string{"Steve", "Jobs"}, []string{"Apple unveils a phone"}},
		{[]string{"Steve"}, []string{"Apple unveils a phone", "FEBRUARY JOBS GAINS STRONG"}},
		{[]string{"Mark", "Thatcher"}, nil},
		{[]string{"George", "Bush"}, []string{"Bush in London"}},
		{[]string{"George", "W.", "Bush"}, []string{"Bush in London"}},
		{[]string{"steve", "jobs"}, []string{"Apple unveils a phone", "FEBRUARY JOBS GAINS STRONG"}}, // words, not a name
		{[]string{"Bank", "of", "England"}, []string{"Rates held"}},
		{[]string{"J.P", "Morgan"}, []string{"Rates held"}},
		{[]string{"U.S", "Treasury"}, []string{"Rates held"}},
		{[]string{"England", "Treasury"}, nil},
		{[]string{"The", "Guardian"}, []string{"Rates held"}},
	}
	for _, tt := range tests {
		got := titles(t, ix, news.Query{Words: tt.words})
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q found %q; want %q", tt.words, got, tt.want)
		}
	}
}

// Another spelling of a name of several words finds its words side by side,
// as the name typed does: Steve Jobs, spelled for Morgan, is not Steve
// Brown and Paul Jobs.
func TestSearchFullNamesSpelledOtherwise(t *testing.T) {
	articles := maps.Clone(fullNameArticles)
	articles["apart.txt"] = " date 2025-04-05 Talks\n\nSteve Brown met Paul Jobs.\n"
	ix, _ := mustIngest(t, writeArticles(t, articles))
	got := titles(t, ix, news.Query{Words: []string{"Morgan"}, Aliases: map[string][]string{"Morgan": {"Steve Jobs"}}})
	slices.Sort(got)
	if want := []string{"Apple unveils a phone", "Rates held"}; !slices.Equal(got, want) {
		t.Errorf("Morgan or Steve Jobs found %q; want %q", got, want)
	}
}

// An index made before the pairs field keeps finding a name's words anywhere,
// rather than nothing.
func TestSearchFullNamesInAnOlderIndex(t *testing.T) {
	dir := t.TempDir()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	delete(m.DefaultMapping.Properties, fieldPairs)
	old, err := bleve.NewUsing(filepath.Join(dir, "index"), m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.FindsFullNames() {
		t.Error("an index without the pairs field claims to find full names whole")
	}
	mustAdd(t, ix, writeArticles(t, fullNameArticles))
	got := titles(t, ix, news.Query{Words: []string{"Steve", "Jobs"}})
	slices.Sort(got)
	if want := []string{"Apple unveils a phone", "FEBRUARY JOBS GAINS STRONG"}; !slices.Equal(got, want) {
		t.Errorf("Steve Jobs found %q; want %q", got, want)
	}
}

func TestSearchNamesWhateverTheAccents(t *testing.T) {
	ix, _ := mustIngest(t, writeArticles(t, map[string]string{
		"wenger.txt":  " date 2025-04-01 Arsenal win\n\nArsene Wenger praised the team on Saturday.\n\nMesut Özil scored twice.\n",
		"sanchez.txt": " date 2025-04-02 Madrid vote\n\nPedro Sánchez won the vote in Madrid.\n",
	}))
	tests := []struct {
		words []string
		want  string
	}{
		{[]string{"Arsène", "Wenger"}, "Arsenal win"},
		{[]string{"Arsene", "Wenger"}, "Arsenal win"},
		{[]string{"Pedro", "Sanchez"}, "Madrid vote"},
		{[]string{"Sánchez"}, "Madrid vote"},
		{[]string{"Ozil"}, "Arsenal win"},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), news.Query{Words: tt.words, Size: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Matches) != 1 || res.Matches[0].Article.Title != tt.want {
			t.Errorf("%q found %d articles; want %q", tt.words, len(res.Matches), tt.want)
			continue
		}
		// The excerpt marks the name as the article writes it.
		m := res.Matches[0]
		var marked []string
		for _, sp := range m.BodySpans {
			marked = append(marked, m.Article.Body[sp.Start:sp.End])
		}
		if want := tt.words[len(tt.words)-1]; !slices.ContainsFunc(marked, func(s string) bool { return names.Fold(s) == names.Fold(want) }) {
			t.Errorf("%q marks %q; want %s as written", tt.words, marked, want)
		}
	}
	if got := names.Fold("Šefčovič, Łódź, Øresund, Straße, ПУТИН, भारत"); got != "Sefcovic, Lodz, Oresund, Strasse, ПУТИН, भारत" {
		t.Errorf("fold = %q", got)
	}
}

func TestSearchNamesWithAnAmpersand(t *testing.T) {
	ix, _ := mustIngest(t, writeArticles(t, map[string]string{
		"att.txt":    " date 2025-04-01 Phone prices\n\nAT&T cut the price of its calls on Monday.\n",
		"mobile.txt": " date 2025-04-02 Hackers charged\n\nA man hacked into T-Mobile computers at the firm's US arm.\n",
	}))
	res, err := ix.Search(context.Background(), news.Query{Words: []string{"AT&T"}, Size: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Matches) != 1 || res.Matches[0].Article.Title != "Phone prices" {
		t.Fatalf("AT&T found %d articles; want only the one on AT&T", len(res.Matches))
	}
	m := res.Matches[0]
	if len(m.BodySpans) != 1 || m.Article.Body[m.BodySpans[0].Start:m.BodySpans[0].End] != "AT&T" {
		t.Errorf("AT&T marks %v in %q; want the whole name", m.BodySpans, m.Article.Body)
	}
}
