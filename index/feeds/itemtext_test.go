package feeds

import (
	"strings"
	"testing"
	"time"
)

// TestItemText reads an item's title and text from every place feeds put
// them, each in its own format: plain text stays as it is written.
func TestItemText(t *testing.T) {
	rss := func(ns, item string) string {
		return `<rss version="2.0"` + ns + `><channel><title>T</title><item><link>https://example.com/a</link>` + item + `</item></channel></rss>`
	}
	const media = ` xmlns:media="http://search.yahoo.com/mrss/"`
	tests := []struct {
		name, feed, title, body string
	}{
		{"XHTML body", rss("", `<title>A</title><body xmlns="http://www.w3.org/1999/xhtml"><p>One <b>bold</b> word.</p><ul><li>Two</li></ul><p>Three.</p></body>`), "A", "One bold word.\n\nTwo\n\nThree."},
		{"body without a namespace", rss("", `<title>A</title><body><p>Text.</p></body>`), "A", "Text."},
		{"fullitem", rss("", `<title>A</title><fullitem>&lt;p&gt;Full text.&lt;/p&gt;</fullitem>`), "A", "Full text."},
		{"Media RSS title and description", rss(media, `<media:title>Clip</media:title><media:description>What the clip shows &lt;3</media:description>`), "Clip", "What the clip shows <3"},
		{"Media RSS in a group", rss(media, `<media:group><media:title>Clip</media:title><media:description type="html">&lt;b&gt;Shown&lt;/b&gt;</media:description></media:group>`), "Clip", "Shown"},
		{"iTunes subtitle", rss(` xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"`, `<title>Episode</title><itunes:subtitle>A talk about feeds</itunes:subtitle>`), "Episode", "A talk about feeds"},
		{"C1 control for an apostrophe", rss("", "<title>Don\u0092t</title><description>It\u0092s</description>"), "Don’t", "It’s"},
		{"Atom 0.3 base64", `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title type="text/html" mode="base64">
PGI+Qm9sZDwvYj4gdGl0bGU=
</title><content type="text/html" mode="base64">PHA+VGV4dC48L3A+</content></entry></feed>`, "Bold title", "Text."},
		{"Atom plain text", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="text">Why &lt;b&gt; is bold</title><content>1 &lt; 2 &amp;&amp; &lt;i&gt;</content></entry></feed>`, "Why <b> is bold", "1 < 2 && <i>"},
		{"Atom HTML", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">Why &lt;b&gt;this&lt;/b&gt;</title><content type="html">&lt;p&gt;Text.&lt;/p&gt;</content></entry></feed>`, "Why this", "Text."},
		{"Atom 0.3 markup in a title of no type", `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>Example <b>Atom</b></title></entry></feed>`, "Example Atom", ""},
		{"JSON Feed content_text", `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","title":"Tom & <Jerry>","content_text":"Use <b> for bold &amp; more."}]}`, "Tom & <Jerry>", "Use <b> for bold &amp; more."},
		{"JSON Feed content_html", `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","title":"T","content_html":"<p>Use <b>bold</b> &amp; more.</p>"}]}`, "T", "Use bold & more."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFeed(strings.NewReader(tt.feed), "test", time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 1 || f.Items[0].Err != nil {
				t.Fatalf("items %+v; want one article", f.Items)
			}
			a := f.Items[0].Article
			if a.Title != tt.title || a.Body != tt.body {
				t.Errorf("title %q, text %q; want %q, %q", a.Title, a.Body, tt.title, tt.body)
			}
		})
	}
}
