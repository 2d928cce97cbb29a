package feeds

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"newsbot/index/news/newstest"
)

// FuzzParseFeed checks that ParseFeed never panics, rejects what is not a
// feed with an error wrapping ErrNotFeed (reading a bytes.Reader cannot fail,
// so there is no other error), and otherwise gives for each item
// either its reason or an article whose title, body, byline, source and URL
// are valid UTF-8 without control characters, whose title is one non-empty
// line, whose body is one-line paragraphs joined by "\n\n", whose URL is ""
// or an http(s) URL already in CanonicalURL's form, dated (firstSeen at
// worst) in UTC, with the 16-digit ID FeedItemID gives. Seeds: testdata/feeds
// and testdata/fuzz/FuzzParseFeed (entities, CDATA, nested HTML, javascript:
// links, huge attributes, relative links).
func FuzzParseFeed(f *testing.F) {
	newstest.AddSeeds(f, filepath.Join("testdata", "feeds"))
	f.Add([]byte(`<rss version="2.0"><channel><title>T &amp;amp; &#0; &#x1b;[31m</title><item><title><![CDATA[<b>Bold</b> &lt;i&gt;]]></title><link>javascript:alert(1)</link><description>&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;</description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title type="html">&lt;script&gt;x&lt;/script&gt;Hi</title><link href="/rel?utm_source=x&amp;b=1#frag"/><content type="html">&lt;div&gt;&lt;p&gt;a&lt;br&gt;&lt;br&gt;b&lt;/p&gt;&lt;/div&gt;</content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"HTTPS://Example.COM:443/a?b=2&a=1","content_text":"Line\u0007one\r\n\r\nline two"},{"id":"2"}]}`))
	firstSeen := time.Date(2025, 4, 20, 12, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed(bytes.NewReader(data), "https://example.com/feed", firstSeen)
		if err != nil {
			if !errors.Is(err, ErrNotFeed) || err.Error() == "" {
				t.Fatalf("ParseFeed error %q does not wrap ErrNotFeed", err)
			}
			return
		}
		newstest.CheckText(t, "feed title", feed.Title, false)
		for i, c := range feed.Items {
			if c.Err != nil {
				if c.Err.Error() == "" || c.Origin == "" {
					t.Errorf("item %d: error %q, origin %q", i, c.Err, c.Origin)
				}
				continue
			}
			a := c.Article
			newstest.CheckText(t, "title", a.Title, false)
			newstest.CheckText(t, "byline", a.Byline, false)
			newstest.CheckText(t, "source", a.Source, false)
			newstest.CheckText(t, "body", a.Body, true)
			if a.Title == "" {
				t.Errorf("item %d has no title", i)
			}
			if strings.ContainsRune(a.Title+a.Body, '\t') {
				t.Errorf("item %d holds a tab, which foldLine folds: %q %q", i, a.Title, a.Body)
			}
			if a.URL != "" && !strings.HasPrefix(a.URL, "http://") && !strings.HasPrefix(a.URL, "https://") ||
				!utf8.ValidString(a.URL) || strings.ContainsFunc(a.URL, unicode.IsControl) {
				t.Errorf("item %d: URL %q is not http(s), or holds invalid UTF-8 or control characters", i, a.URL)
			}
			if got := CanonicalURL(a.URL); got != a.URL {
				t.Errorf("item %d: URL %q is not canonical: CanonicalURL gives %q", i, a.URL, got)
			}
			if a.ID != FeedItemID(a.URL, a.GUID, a.Title, a.Body) || !newstest.IsID(a.ID) {
				t.Errorf("item %d: ID %q; want FeedItemID %q", i, a.ID, FeedItemID(a.URL, a.GUID, a.Title, a.Body))
			}
			if a.Date.IsZero() || a.Date.Location() != time.UTC {
				t.Errorf("item %d: date %v; want a UTC date", i, a.Date)
			}
		}
	})
}
