package feeds

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"newsbot/index/news"
)

// firstSeen is when the tests pretend to read the feeds for the first time.
var firstSeen = time.Date(2025, 8, 1, 12, 0, 0, 0, time.UTC)

// wantItem is what a test expects of one feed item: an article, or the
// error text when err is set.
type wantItem struct {
	title, date, byline, url, guid string
	first, last                    string // paragraphs
	paragraphs                     int
	people                         []string // among the people found
	err                            string
}

func TestParseFeed(t *testing.T) {
	tests := []struct {
		file, title string
		items       []wantItem
	}{
		{"rss2.xml", "Harbour City Herald", []wantItem{
			{title: "Port expansion wins approval & funding", date: "2025-04-15T07:30:00Z", byline: "Priya Natarajan",
				url:   "https://www.harbourcityherald.example/news/2025/04/15/port-expansion?page=2",
				guid:  "hch-news-2025-0415-port",
				first: "The city council approved the long-debated expansion of the container port on Monday night, ending a dispute that has run for three years.",
				last:  "Residents of the Old Quay district, who opposed the plan, said they would consider an appeal.",
				// the figure's caption is a paragraph, its image is not
				paragraphs: 4, people: []string{"Elena Vasquez"}},
			{title: "Ferry timetable changes for the summer", date: "2025-04-16T17:05:00Z", byline: "Tom Okafor",
				url:   "https://www.harbourcityherald.example/news/2025/04/16/ferry-timetable",
				first: "Ferries to the islands will run every half hour from 1 June.",
				last:  "Fares stay at £4.50 for adults.", paragraphs: 5},
			{title: "Library reopens after a two-year refit", date: "2025-04-17T10:00:00Z",
				url:        "https://www.harbourcityherald.example/news/2025/04/17/library-reopens",
				first:      "The central library opened its doors again on Thursday after a two-year refit that cost €12 million.",
				last:       `Chief librarian Margaret Doyle said the new reading room was "the quietest place in the city".`,
				paragraphs: 2, people: []string{"Margaret Doyle"}},
			{title: "Storm warning for the weekend", date: "2025-08-01T12:00:00Z",
				url:        "https://www.harbourcityherald.example/news/2025/04/18/storm-warning?a=1&b=2",
				first:      "Forecasters expect gales along the coast on Saturday, with gusts of up to 70 mph. The harbour master has asked small boats to stay in port.",
				last:       "Forecasters expect gales along the coast on Saturday, with gusts of up to 70 mph. The harbour master has asked small boats to stay in port.",
				paragraphs: 1},
			{err: "the item has no title and no text"},
		}},
		{"atom.xml", "The Northern Ledger", []wantItem{
			{title: "Mill town votes to keep its last bank branch", date: "2025-06-01T12:20:00Z",
				byline: "Hannah Lindqvist, Samuel Adeyemi",
				url:    "https://northernledger.example/2025/06/01/bank-branch",
				guid:   "tag:northernledger.example,2025:entry-101",
				first:  "Residents of Brackenford voted by a wide margin to buy the town’s last bank branch and run it as a cooperative.",
				last:   "Mayor Colin Ashworth said the vote showed “what a small town can do when it decides to”. Ashworth will chair the new board.",
				// published, not updated
				paragraphs: 2, people: []string{"Colin Ashworth"}},
			{title: "Wind farm plan goes to a public inquiry", date: "2025-06-02T11:45:00Z",
				url:        "https://northernledger.example/2025/06/02/wind-farm",
				guid:       "tag:northernledger.example,2025:entry-102",
				first:      "The government has called in plans for forty turbines on Kelda Moor.",
				last:       "Planning Minister Rachel Moreno said an inquiry would begin in the autumn.",
				paragraphs: 2, people: []string{"Rachel Moreno"}},
			{title: "Markets calm after the rate decision", date: "2025-06-03T07:00:00Z",
				url:        "https://northernledger.example/2025/06/03/markets",
				first:      "Shares barely moved on Tuesday after the central bank held rates.",
				last:       "Traders said the decision had been expected for weeks.",
				paragraphs: 2},
		}},
		{"jsonfeed.json", "Coastline Notes", []wantItem{
			{title: "Seal pups counted on the sandbanks", date: "2025-07-10T05:15:00Z", byline: "Joanna Pryce",
				url:        "https://coastline.example/2025/07/10/seals",
				first:      "Volunteers counted 212 seal pups on the sandbanks this week, the most since records began.",
				last:       "The warm spring had helped, said Joanna Pryce, the reserve warden.",
				paragraphs: 2, people: []string{"Joanna Pryce"}},
			{title: "Lighthouse open to visitors", date: "2025-07-11T09:00:00Z",
				guid:       "coastline-2025-07-11-lighthouse",
				first:      "The old lighthouse opens to visitors on Saturdays from this weekend.",
				last:       "Tickets cost three pounds.",
				paragraphs: 2},
			{title: "Low tide at 14:05 today: the causeway to the island is open until 16:30.", date: "2025-08-01T12:00:00Z",
				guid:       "coastline-2025-07-12-note",
				first:      "Low tide at 14:05 today: the causeway to the island is open until 16:30.",
				last:       "Low tide at 14:05 today: the causeway to the island is open until 16:30.",
				paragraphs: 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "feeds", tt.file)
			feed := mustReadFeed(t, path)
			if feed.Title != tt.title {
				t.Errorf("feed title = %q; want %q", feed.Title, tt.title)
			}
			if len(feed.Items) != len(tt.items) {
				t.Fatalf("got %d items; want %d", len(feed.Items), len(tt.items))
			}
			for i, want := range tt.items {
				checkItem(t, feed.Items[i], want, tt.title)
				if !strings.HasPrefix(feed.Items[i].Origin, path+" item ") {
					t.Errorf("item %d: origin = %q; want it to start with %q", i+1, feed.Items[i].Origin, path+" item ")
				}
			}
		})
	}
}

// checkItem compares one parsed item with what is wanted of it.
func checkItem(t *testing.T, c news.Candidate, want wantItem, source string) {
	t.Helper()
	if want.err != "" {
		if c.Err == nil || !strings.Contains(c.Err.Error(), want.err) {
			t.Errorf("%s: err = %v; want %q", c.Origin, c.Err, want.err)
		}
		return
	}
	if c.Err != nil {
		t.Errorf("%s: %v", c.Origin, c.Err)
		return
	}
	a := c.Article
	got := []string{a.Title, a.Date.Format(time.RFC3339), a.Byline, a.URL, a.GUID, a.Source}
	wanted := []string{want.title, want.date, want.byline, want.url, want.guid, source}
	for i, field := range []string{"title", "date", "byline", "URL", "GUID", "source"} {
		if got[i] != wanted[i] {
			t.Errorf("%s: %s = %q; want %q", c.Origin, field, got[i], wanted[i])
		}
	}
	paras := a.Paragraphs()
	if len(paras) != want.paragraphs {
		t.Errorf("%s: got %d paragraphs %q; want %d", c.Origin, len(paras), paras, want.paragraphs)
	} else if paras[0] != want.first || paras[len(paras)-1] != want.last {
		t.Errorf("%s: paragraphs = %q; want first %q and last %q", c.Origin, paras, want.first, want.last)
	}
	for _, p := range paras {
		if strings.ContainsAny(p, "\n<>") || p != strings.TrimSpace(p) {
			t.Errorf("%s: paragraph %q is not one line of plain text", c.Origin, p)
		}
	}
	for _, name := range want.people {
		if !slices.Contains(a.People, name) {
			t.Errorf("%s: people = %q; want %q among them", c.Origin, a.People, name)
		}
	}
	if a.ID != FeedItemID(a.URL, a.GUID, a.Title, a.Body) {
		t.Errorf("%s: ID = %s; want FeedItemID %s", c.Origin, a.ID, FeedItemID(a.URL, a.GUID, a.Title, a.Body))
	}
}

func TestParseFeedOrigins(t *testing.T) {
	feed := mustReadFeed(t, "testdata/feeds/rss2.xml")
	want := []string{
		"testdata/feeds/rss2.xml item 1 (hch-news-2025-0415-port)",
		"testdata/feeds/rss2.xml item 2 (https://www.harbourcityherald.example/news/2025/04/16/ferry-timetable)",
		"testdata/feeds/rss2.xml item 3 (https://www.harbourcityherald.example/news/2025/04/17/library-reopens)",
		"testdata/feeds/rss2.xml item 4 (HTTPS://WWW.HarbourCityHerald.example:443/news/2025/04/18/storm-warning?fbclid=IwAR0abc&b=2&a=1#comments)",
		"testdata/feeds/rss2.xml item 5 (hch-news-2025-0419-empty)",
	}
	for i, c := range feed.Items {
		if c.Origin != want[i] {
			t.Errorf("item %d: origin = %q; want %q", i+1, c.Origin, want[i])
		}
	}
}

func TestFeedIDsAreStable(t *testing.T) {
	for _, file := range []string{"rss2.xml", "atom.xml", "jsonfeed.json", "descriptions.xml"} {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join("testdata", "feeds", file)
			first, again := mustReadFeed(t, path), mustReadFeed(t, path)
			later, err := ReadFeedFile(path, firstSeen.Add(48*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for i, c := range first.Items {
				if c.Err != nil {
					continue
				}
				if id := again.Items[i].Article.ID; id != c.Article.ID {
					t.Errorf("%s: ID %s, then %s", c.Origin, c.Article.ID, id)
				}
				if id := later.Items[i].Article.ID; id != c.Article.ID {
					t.Errorf("%s: ID %s, then %s when read two days later", c.Origin, c.Article.ID, id)
				}
				if seen[c.Article.ID] {
					t.Errorf("%s: ID %s is another item's", c.Origin, c.Article.ID)
				}
				seen[c.Article.ID] = true
			}
		})
	}
}

// TestFeedIDsFollowTheLink changes an item the ways a publisher does and
// checks which changes make it another article.
func TestFeedIDsFollowTheLink(t *testing.T) {
	data, err := os.ReadFile("testdata/feeds/rss2.xml")
	if err != nil {
		t.Fatal(err)
	}
	original := mustParseFeed(t, string(data)).Items[0].Article.ID
	tests := []struct {
		name, old, new string
		same           bool
	}{
		{"tracking parameters dropped", "?utm_source=rss&amp;utm_medium=feed&amp;page=2", "?page=2", true},
		{"other tracking parameters", "utm_source=rss&amp;utm_medium=feed", "fbclid=xyz&amp;utm_campaign=spring", true},
		{"new GUID", "hch-news-2025-0415-port", "d1c7e0a2-port", true},
		{"text corrected", "long-debated expansion", "long-awaited expansion", true},
		{"title corrected", "wins approval", "is approved", true},
		{"another page of the story", "page=2", "page=3", false},
		{"another story", "port-expansion", "port-closure", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := strings.Replace(string(data), tt.old, tt.new, 1)
			if changed == string(data) {
				t.Fatalf("%q is not in the fixture", tt.old)
			}
			id := mustParseFeed(t, changed).Items[0].Article.ID
			if got := id == original; got != tt.same {
				t.Errorf("ID %s, was %s: same = %v; want %v", id, original, got, tt.same)
			}
		})
	}
}

func TestFeedItemID(t *testing.T) {
	type item struct{ link, guid, title, body string }
	tests := []struct {
		name string
		a, b item
		same bool
	}{
		{"a link wins over the GUID and the text",
			item{"https://e.example/a", "g1", "T", "B"}, item{"https://e.example/a", "g2", "T2", "B2"}, true},
		{"other links", item{link: "https://e.example/a"}, item{link: "https://e.example/b"}, false},
		{"without a link the GUID decides", item{"", "g1", "T", "B"}, item{"", "g1", "T2", "B2"}, true},
		{"without a link other GUIDs", item{"", "g1", "T", "B"}, item{"", "g2", "T", "B"}, false},
		{"a GUID is not a link", item{guid: "https://e.example/a"}, item{link: "https://e.example/a"}, false},
		{"with neither the text decides, folded", item{"", "", "Port  plan", "One.\n\nTwo."}, item{"", "", "Port plan", "One. Two."}, true},
		{"with neither other texts", item{"", "", "Port plan", "One."}, item{"", "", "Port plan", "Two."}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := FeedItemID(tt.a.link, tt.a.guid, tt.a.title, tt.a.body)
			b := FeedItemID(tt.b.link, tt.b.guid, tt.b.title, tt.b.body)
			if len(a) != 16 || len(b) != 16 {
				t.Fatalf("IDs %q and %q; want 16 hex digits", a, b)
			}
			if got := a == b; got != tt.same {
				t.Errorf("IDs %s and %s: same = %v; want %v", a, b, got, tt.same)
			}
		})
	}
	if got, want := FeedItemID("", "", "T", "B"), news.ContentID(time.Time{}, "T", "B"); got != want {
		t.Errorf("an item with neither link nor GUID: ID %s; want the undated ContentID %s", got, want)
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"https://example.com/a/b", "https://example.com/a/b"},
		{"  HTTPS://Example.COM/Path/Case  ", "https://example.com/Path/Case"},
		{"https://example.com", "https://example.com/"},
		{"http://example.com:80/a", "http://example.com/a"},
		{"https://example.com:443/a", "https://example.com/a"},
		{"https://example.com:8443/a", "https://example.com:8443/a"},
		{"http://example.com:443/a", "http://example.com:443/a"},
		{"https://example.com./a", "https://example.com/a"},
		{"https://example.com/a#section-2", "https://example.com/a"},
		{"https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "https://example.com/a"},
		{"https://example.com/a?UTM_Source=rss&id=7", "https://example.com/a?id=7"},
		{"https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&mc_cid=5&mc_eid=6&igshid=7&ref=8&ref_src=9&cmpid=10&ocid=11&_ga=12&yclid=13&spm=14", "https://example.com/a"},
		{"https://example.com/a?z=1&a=2&m=3", "https://example.com/a?a=2&m=3&z=1"},
		{"https://example.com/a?tag=b&tag=a&id=1", "https://example.com/a?id=1&tag=b&tag=a"},
		{"https://example.com/a?q=caf%C3%A9+au+lait&&", "https://example.com/a?q=caf%C3%A9+au+lait"},
		{"https://example.com/a?", "https://example.com/a"},
		{"https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"},
		{"http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"},
		{"https://user@example.com/a", "https://user@example.com/a"},
		{"ftp://example.com/a", ""},
		{"mailto:desk@example.com", ""},
		{"javascript:alert(1)", ""},
		{"/news/a", ""},
		{"example.com/a", ""},
		{"https:///a", ""},
		{"", ""},
		{"https://exa mple.com/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			if got := CanonicalURL(tt.raw); got != tt.want {
				t.Errorf("CanonicalURL(%q) = %q; want %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestParseFeedResolvesRelativeLinks(t *testing.T) {
	const doc = `<rss version="2.0"><channel><title>Rel</title><link>https://rel.example/</link>
<item><title>Relative</title><link>/2025/01/02/story?utm_source=x</link><description>Text.</description></item>
<item><title>Not a permalink</title><guid isPermaLink="false">https://rel.example/?p=12</guid><description>Text.</description></item>
<item><title>Permalink</title><guid>https://rel.example/2025/01/03/other</guid><description>Text.</description></item>
</channel></rss>`
	want := []struct{ url, guid string }{
		{"https://rel.example/2025/01/02/story", ""},
		{"", "https://rel.example/?p=12"},
		{"https://rel.example/2025/01/03/other", ""},
	}
	feed := mustParseFeed(t, doc)
	for i, w := range want {
		a := feed.Items[i].Article
		if a.URL != w.url || a.GUID != w.guid {
			t.Errorf("item %d: URL %q, GUID %q; want %q, %q", i+1, a.URL, a.GUID, w.url, w.guid)
		}
	}
}

func TestReadFeedFileNotAFeed(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	garbage := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range garbage {
		garbage[i] = byte(rng.UintN(256))
	}
	tests := []struct {
		path string
		says []string
	}{
		{"testdata/feeds/broken.xml", []string{"malformed XML", "unexpected EOF", "cut short"}},
		{"testdata/feeds/not-a-feed.html", []string{"an HTML page; give the feed's own URL: the page names /feeds/news.xml"}},
		{write("garbage.bin", garbage), []string{"not a feed: binary data"}},
		{write("empty.xml", nil), []string{"not a feed: an empty document"}},
		{write("blank.xml", []byte(" \n\t\n")), []string{"not a feed: an empty document"}},
		{write("home.html", []byte("<!doctype html><title>Home</title><p>Welcome")), []string{"an HTML page; give the feed's own URL, often linked as RSS or Atom from that page"}},
		{write("xhtml.xml", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`)), []string{"an HTML page"}},
		{write("drawing.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`)), []string{"XML whose root is <svg>, not <rss>, <feed> or <rdf:RDF>"}},
		{write("data.json", []byte(`{"name": "not a feed", "items": []}`)), []string{"JSON that is not a JSON Feed"}},
		{write("list.json", []byte(`[1, 2, 3]`)), []string{"JSON that is not a JSON Feed"}},
		{write("broken.json", []byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [`)), []string{"malformed JSON"}},
		{write("notes.txt", []byte("Just some notes.\n")), []string{"not a feed: plain text"}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			feed, err := ReadFeedFile(tt.path, firstSeen)
			if !errors.Is(err, ErrNotFeed) {
				t.Fatalf("ReadFeedFile = %+v, %v; want ErrNotFeed", feed, err)
			}
			if want := "feed " + tt.path + ": not a feed: "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q; want it to start %q", err, want)
			}
			for _, s := range tt.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

func TestReadFeedFileTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.xml")
	item := "<item><title>Filler</title><description>Filler text.</description></item>\n"
	doc := `<rss version="2.0"><channel><title>Huge</title>` + strings.Repeat(item, news.MaxFileSize/len(item)+1) + "</channel></rss>"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFeedFile(path, firstSeen); !errors.Is(err, news.ErrTooLarge) || !strings.Contains(err.Error(), "over 2 MB") {
		t.Errorf("err = %v; want ErrTooLarge, over 2 MB", err)
	}
	if _, err := ReadFeedFile(filepath.Join(t.TempDir(), "missing.xml"), firstSeen); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v; want os.ErrNotExist", err)
	}
}

func mustReadFeed(t *testing.T, path string) Feed {
	t.Helper()
	feed, err := ReadFeedFile(path, firstSeen)
	if err != nil {
		t.Fatal(err)
	}
	return feed
}

func mustParseFeed(t *testing.T, doc string) Feed {
	t.Helper()
	feed, err := ParseFeed(strings.NewReader(doc), "test feed", firstSeen)
	if err != nil {
		t.Fatal(err)
	}
	return feed
}

// TestLiveBlogItems keeps the updates of a live blog, which share a link
// but not a GUID or a text, as separate articles; items that share a link
// and a text stay one story.
func TestLiveBlogItems(t *testing.T) {
	const feed = `<rss version="2.0"><channel><title>Live</title>
<item><title>Update 1</title><link>https://news.example/live#u1</link><guid>https://news.example/live#u1</guid><description>The polls have closed.</description></item>
<item><title>Update 2</title><link>https://news.example/live#u2</link><guid>https://news.example/live#u2</guid><description>The first results are in.</description></item>
<item><title>Election live</title><link>https://news.example/live</link><guid isPermaLink="false">live-main</guid><description>Follow the count with us.</description></item>
<item><title>Storm</title><link>https://news.example/storm?utm_source=rss</link><guid isPermaLink="false">s1</guid><description>A storm hit.</description></item>
<item><title>Storm</title><link>https://news.example/storm</link><guid isPermaLink="false">s2</guid><description>A storm hit.</description></item>
</channel></rss>`
	f, err := ParseFeed(strings.NewReader(feed), "https://news.example/feed", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range f.Items {
		if c.Err != nil {
			t.Fatalf("%s: %v", c.Origin, c.Err)
		}
		ids = append(ids, c.Article.ID)
	}
	if len(ids) != 5 {
		t.Fatalf("%d items; want 5", len(ids))
	}
	if ids[0] == ids[1] || ids[1] == ids[2] || ids[0] == ids[2] {
		t.Errorf("live blog updates share IDs %q; want one each", ids[:3])
	}
	if want := FeedItemID("https://news.example/storm", "", "", ""); ids[3] != want || ids[4] != want {
		t.Errorf("one story under two GUIDs: IDs %q; want both %s, the link's", ids[3:], want)
	}
	again, err := ParseFeed(strings.NewReader(feed), "https://news.example/feed", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range again.Items {
		if c.Article.ID != ids[i] {
			t.Errorf("item %d: ID %s on a second reading; want %s", i+1, c.Article.ID, ids[i])
		}
	}
}
