package feeds

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNotFeed is the error for a document that is not an RSS, Atom or JSON
// feed: most often the home page of a site given instead of its feed, or a
// feed cut short. The error wrapping it says what the document is and, when
// it can, what to give instead, so it can be shown to the user as it is.
var ErrNotFeed = errors.New("not a feed")

// errNotJSONFeed marks JSON that gofeed read as a feed but that lacks the
// version every JSON Feed declares.
var errNotJSONFeed = errors.New("no JSON Feed version")

// feedMediaTypes are the types of the feeds a page announces in its head.
var feedMediaTypes = []string{"application/rss+xml", "application/atom+xml", "application/feed+json"}

// notFeed explains why data, read from origin in enc, is not a feed; cause
// is the parser's error. contentType is the one the server gave, "" for a
// file.
func notFeed(data []byte, origin, contentType string, enc feedEncoding, cause error) error {
	what, hint := describe(data, origin, cause)
	if (strings.Contains(what, "XML") || what == "plain text") && !enc.plainUTF8() {
		hint += "; read as " + enc.String() // the wrong encoding can make either
	}
	if contentType != "" {
		what = fmt.Sprintf("the server sent %s (%s)", what, contentType)
	}
	return fmt.Errorf("%w: %s%s", ErrNotFeed, what, hint)
}

// feedRoots are the root elements of the XML feeds newsbot reads.
var feedRoots = []string{"rss", "feed", "rdf:RDF"}

// describe names what data is, and adds what went wrong or what to do
// about it when there is something to say.
func describe(data []byte, origin string, cause error) (what, hint string) {
	text := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(data))
	// gofeed recognised a format and failed to parse it
	recognised := !errors.Is(cause, gofeed.ErrFeedTypeNotDetected) && !errors.Is(cause, errNotJSONFeed)
	root := xmlRoot(text)
	switch {
	case len(text) == 0:
		return "an empty document", ""
	case sniffed == "text/html" || root == "html":
		if link := feedLinkIn(data, origin); link != "" {
			return "an HTML page", "; give the feed's own URL: the page names " + link
		}
		return "an HTML page", "; give the feed's own URL, often linked as RSS or Atom from that page"
	case recognised && text[0] == '{':
		return "malformed JSON", ": " + cause.Error()
	case recognised || slices.Contains(feedRoots, root):
		hint = ": " + cause.Error()
		if strings.Contains(hint, "unexpected EOF") {
			hint += "; the feed looks cut short"
		}
		return "malformed XML", hint
	case text[0] == '{' || text[0] == '[':
		return "JSON that is not a JSON Feed", ""
	case text[0] == '<':
		if root != "" {
			return fmt.Sprintf("XML whose root is <%s>, not <rss>, <feed> or <rdf:RDF>", root), ""
		}
		return "malformed XML", ""
	case !strings.HasPrefix(sniffed, "text/"):
		return "binary data", ""
	}
	return "plain text", ""
}

// xmlRoot is the name of the first element of an XML (or HTML) document, or
// "" when there is none.
func xmlRoot(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // names are ASCII
	for {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		if el, ok := tok.(xml.StartElement); ok {
			if el.Name.Space != "" {
				return el.Name.Space + ":" + el.Name.Local
			}
			return strings.ToLower(el.Name.Local)
		}
	}
}

// feedLinkIn finds the feed an HTML page announces in its head, as in
// <link rel="alternate" type="application/rss+xml" href="/feed.xml">,
// resolved against the page's URL when it has one; "" when there is none.
func feedLinkIn(page []byte, pageURL string) string {
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if t.DataAtom == atom.Body {
				return ""
			}
			if t.DataAtom != atom.Link {
				continue
			}
			var rel, typ, href string
			for _, a := range t.Attr {
				switch a.Key {
				case "rel":
					rel = strings.ToLower(a.Val)
				case "type":
					typ = strings.ToLower(strings.TrimSpace(a.Val))
				case "href":
					href = strings.TrimSpace(a.Val)
				}
			}
			if href != "" && slices.Contains(strings.Fields(rel), "alternate") && slices.Contains(feedMediaTypes, typ) {
				if base, err := url.Parse(pageURL); err == nil && base.IsAbs() {
					return resolve(base, href)
				}
				return href
			}
		}
	}
}
