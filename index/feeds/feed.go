package feeds

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"newsbot/index/names"
	"newsbot/index/news"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
)

// Feed is an RSS, Atom or JSON feed as newsbot reads it: its title and site,
// and each of its items as a candidate for Ingest, in the feed's order. An
// item that cannot be an article carries the reason instead, so a feed with a
// few bad items still gives the good ones.
type Feed struct {
	// Title is the feed's title, which becomes each article's Source.
	Title string
	// Link is the site the feed belongs to, as the feed gives it.
	Link string
	// Items are the feed's items, ready for Ingest.
	Items []news.Candidate
}

// errEmptyItem rejects an item with nothing to index or to show.
var errEmptyItem = errors.New("the item has no title and no text")

// maxDerivedTitle bounds the title made from the text of an item that has
// none: about a headline's length.
const maxDerivedTitle = 80

// ParseFeed reads an RSS, Atom or JSON feed and turns its items into
// articles. origin names the feed (its URL or file) in each candidate's Origin
// and in errors, and is the base of relative links when it is a URL.
// firstSeen dates the items that carry no date of their own: it should be
// when newsbot first saw them. A document that is not a feed gives an error
// that wraps ErrNotFeed and says what the document is.
//
// ParseFeed reads all of r into memory; bound r, as ReadFeedFile and
// Fetcher.Fetch do.
func ParseFeed(r io.Reader, origin string, firstSeen time.Time) (Feed, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Feed{}, fmt.Errorf("read feed %s: %w", origin, err)
	}
	return parseFeed(data, origin, firstSeen, "")
}

// ReadFeedFile reads a feed saved to a file, with the size limit of article
// files: a saved feed of megabytes is a mistake, not news.
func ReadFeedFile(path string, firstSeen time.Time) (Feed, error) {
	data, err := news.ReadSmallFile(path)
	if err != nil {
		return Feed{}, fmt.Errorf("read feed %s: %w", path, err)
	}
	return parseFeed(data, path, firstSeen, "")
}

// parseFeed parses a whole feed. contentType is the Content-Type a server
// gave it, "" for a file: its charset can say the feed's encoding, and
// messages about a document that is not a feed quote its media type.
func parseFeed(data []byte, origin string, firstSeen time.Time, contentType string) (Feed, error) {
	text, enc := decodeFeed(data, contentType)
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true // for the permalinks of RSS items
	gf, err := p.Parse(bytes.NewReader(text))
	if err == nil && gf.FeedType == "json" && !strings.Contains(gf.FeedVersion, "jsonfeed.org/version/") {
		err = errNotJSONFeed
	}
	if err != nil {
		return Feed{}, fmt.Errorf("feed %s: %w", origin, notFeed(text, origin, contentType, enc, err))
	}
	feed := Feed{Title: htmlInline(gf.Title), Link: strings.TrimSpace(gf.Link)}
	source := feed.Title
	if source == "" {
		source = cmp.Or(hostOf(feed.Link), hostOf(origin))
	}
	base := baseURL(origin, feed.Link)
	permalinks := rssPermalinks(gf)
	markup := itemMarkupOf(gf, text)
	feed.Items = make([]news.Candidate, 0, len(gf.Items))
	identities := make([]string, 0, len(gf.Items))
	for i, it := range gf.Items {
		var permalink string
		if i < len(permalinks) {
			permalink = permalinks[i]
		}
		var m itemMarkup
		if i < len(markup) {
			m = markup[i]
		}
		a, err := itemArticle(it, m, base, permalink, source, firstSeen)
		where := fmt.Sprintf("%s item %d", origin, i+1)
		if id := cmp.Or(strings.TrimSpace(it.GUID), strings.TrimSpace(it.Link)); id != "" {
			where += " (" + id + ")"
		}
		feed.Items = append(feed.Items, news.Candidate{Origin: where, Article: a, Err: err})
		identities = append(identities, cmp.Or(strings.TrimSpace(it.GUID), resolve(base, it.Link)))
	}
	separateSharedLinks(feed.Items, identities)
	return feed, nil
}

// separateSharedLinks gives their own IDs to the items that share a link but
// are different stories: a live blog gives each update its own GUID (and
// often a link to an anchor, which CanonicalURL drops) and its own text, and
// each update is news. Such an item's ID hashes its identity (GUID, else
// link with anchor) beside the canonical link. Items that share a link and
// an identity, or a text, stay one story under the link's ID.
func separateSharedLinks(items []news.Candidate, identities []string) {
	byLink := map[string][]int{}
	for i, c := range items {
		if c.Err == nil && c.Article.URL != "" {
			byLink[c.Article.URL] = append(byLink[c.Article.URL], i)
		}
	}
	for link, group := range byLink {
		ids, texts := map[string]bool{}, map[string]bool{}
		for _, i := range group {
			ids[identities[i]] = true
			texts[items[i].Article.Title+"\x00"+items[i].Article.Body] = true
		}
		if len(ids) < 2 || len(texts) < 2 {
			continue
		}
		for _, i := range group {
			items[i].Article.ID = hashID("link\x00" + link + "\x00item\x00" + identities[i])
		}
	}
}

// itemArticle turns one feed item into an article, its texts read as its
// markup says. The body is the item's full content when it has one, else its
// description, else the text of the other places feeds put it (see
// extensionParagraphs); a permalink stands in for a missing link.
func itemArticle(it *gofeed.Item, markup itemMarkup, base *url.URL, permalink, source string, firstSeen time.Time) (news.Article, error) {
	link := cmp.Or(resolve(base, it.Link), permalink)
	canonical := CanonicalURL(link)
	guid := strings.TrimSpace(it.GUID)
	if guid == link || guid == canonical {
		guid = "" // says nothing the link does not
	}
	title := strings.Join(markup.title.read(it.Title), " ")
	if title == "" {
		title = extensionTitle(it)
	}
	paragraphs := markup.content.read(it.Content)
	if len(paragraphs) == 0 {
		paragraphs = markup.description.read(it.Description)
	}
	if len(paragraphs) == 0 {
		paragraphs = extensionParagraphs(it, markup)
	}
	body := strings.Join(paragraphs, "\n\n")
	if title == "" && body == "" {
		return news.Article{}, errEmptyItem
	}
	if title == "" {
		title = titleFrom(body)
	}
	date := firstSeen
	switch {
	case it.PublishedParsed != nil:
		date = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		date = *it.UpdatedParsed
	}
	return news.Article{
		ID:     FeedItemID(canonical, guid, title, body),
		Title:  title,
		Date:   date.UTC(),
		Byline: byline(it),
		Source: source,
		URL:    canonical,
		GUID:   guid,
		Body:   body,
		People: names.People(title, body),
	}, nil
}

// FeedItemID derives a feed item's ID from what identifies the story, not
// from its text: the first 16 hex digits of the SHA-256 of "link", a zero
// byte and the canonical link (see CanonicalURL) when the item has a link,
// else "guid", a zero byte and its GUID, else the item's ContentID without a
// date. So the same story reached again through a link with tracking
// parameters, or in a feed re-published under new GUIDs, keeps its ID, and a
// story whose text the publisher edits stays one article. The date is left
// out of the last resort because an undated item is dated when first seen,
// which differs from one reading of the feed to the next. The hashed text
// never starts like a ContentID's (a date or a zero byte), so the two kinds
// of ID cannot collide. Items of one feed that share a link but are different
// stories (a live blog's updates) get IDs of their own instead: see
// separateSharedLinks.
func FeedItemID(canonicalLink, guid, title, body string) string {
	switch {
	case canonicalLink != "":
		return hashID("link\x00" + canonicalLink)
	case guid != "":
		return hashID("guid\x00" + guid)
	}
	return news.ContentID(time.Time{}, title, body)
}

// hashID is the first 16 hex digits of the SHA-256 of s, like ContentID.
func hashID(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:16]
}

// rssPermalinks returns, for an RSS feed, the GUID of each item that is its
// permalink. RSS 2.0 makes a GUID the item's URL unless isPermaLink="false",
// and some feeds give no <link> beside it; gofeed's universal items drop the
// attribute, so it is read from the original feed, whose items are in the
// same order.
func rssPermalinks(gf *gofeed.Feed) []string {
	rf, ok := gf.OriginalFeed().(*rss.Feed)
	if !ok {
		return nil
	}
	links := make([]string, len(rf.Items))
	for i, it := range rf.Items {
		if it.GUID != nil && !strings.EqualFold(strings.TrimSpace(it.GUID.IsPermalink), "false") {
			links[i] = strings.TrimSpace(it.GUID.Value)
		}
	}
	return links
}

// byline joins the names of an item's authors.
func byline(it *gofeed.Item) string {
	authors := it.Authors
	if len(authors) == 0 && it.Author != nil {
		authors = []*gofeed.Person{it.Author}
	}
	var names []string
	for _, p := range authors {
		if p == nil {
			continue
		}
		if name := htmlInline(p.Name); name != "" && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

// titleFrom makes a title for an item that has none (a microblog post, a
// JSON Feed note): its first sentence, cut at a word when long, so that lists
// of sources have something to show.
func titleFrom(body string) string {
	first := news.Article{Body: body}.FirstParagraph()
	if i := strings.Index(first, ". "); i > 0 {
		first = first[:i+1]
	}
	runes := []rune(first)
	if len(runes) <= maxDerivedTitle {
		return first
	}
	cut := string(runes[:maxDerivedTitle])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return cut + "…"
}

// baseURL is what relative links in a feed are relative to: the feed's own
// URL, else the site it names.
func baseURL(origin, site string) *url.URL {
	for _, raw := range []string{origin, site} {
		if u, ok := WebURL(raw); ok {
			return u
		}
	}
	return nil
}

// resolve makes ref absolute against base, when there is one.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	u, err := base.Parse(ref)
	if err != nil {
		return ref
	}
	return u.String()
}

// hostOf is the host name of a URL, or "".
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
