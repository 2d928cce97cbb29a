package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"newsbot/index/names"
	"newsbot/index/news"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// The defaults of a zero Fetcher.
const (
	// defaultTimeout bounds a request, body included, when the client sets
	// no timeout: a server that stops answering must not stall a feed's turn.
	defaultTimeout = 20 * time.Second
	// defaultMaxBytes bounds a download. Large feeds and article pages run to
	// hundreds of kilobytes; megabytes more are a mistake or an attack.
	defaultMaxBytes = 5 << 20
	// defaultUserAgent names newsbot to the servers it reads.
	defaultUserAgent = "newsbot"
	// defaultPageConcurrency is how many linked pages are read at once:
	// enough to read a feed's pages quickly, few enough to be polite to the
	// one site they usually all come from.
	defaultPageConcurrency = 4
)

// shortText is the length, in characters, under which an item's text is
// taken for a teaser, so the page it links to is read for the article itself:
// descriptions run to a sentence or two, articles to thousands of characters.
const shortText = 400

// Accept headers: what newsbot asks for, best first.
const (
	feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
	pageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
)

// Fetcher downloads feeds and, for the items that give only a sentence or
// two, the pages they link to, whose article text it extracts. The zero value
// is ready to use; a Fetcher is safe for concurrent use.
type Fetcher struct {
	// Client makes the requests. nil means a client that connects only to
	// public addresses and uses no proxy: anyone may add a feed, and a feed
	// must not make newsbot read, and index, the pages of the network it
	// runs in. When Client has no Timeout, each request, body included, may
	// take at most 20 seconds.
	Client *http.Client
	// MaxBytes bounds each download, feed or page; 0 means 5 MiB. Nothing
	// larger is read into memory.
	MaxBytes int64
	// UserAgent is sent with every request; "" means "newsbot".
	UserAgent string
	// PageConcurrency is how many linked pages are read at once; 0 means 4.
	PageConcurrency int
	// Logger hears about linked pages that could not be read (their items
	// keep the feed's text); nil discards that.
	Logger *slog.Logger
}

// FetchRequest names a feed to fetch and what the last fetch of it gave, so
// that a feed that has not changed costs the server only a 304.
type FetchRequest struct {
	// URL is the feed's own http or https address.
	URL string
	// ETag and LastModified are those of the previous FetchResult, if any.
	ETag, LastModified string
	// Known, when set, reports which of the items' IDs are indexed already:
	// the pages of those items are not read again. A feed that changes
	// lists its older items too, and reading all their pages each time
	// would be slow, and unkind to the sites.
	Known func(ctx context.Context, ids []string) (map[string]bool, error)
}

// FetchResult is a fetched feed with the validators to send next time.
type FetchResult struct {
	// Feed is empty when NotModified is set.
	Feed Feed
	// ETag and LastModified are for the next FetchRequest.
	ETag, LastModified string
	// NotModified reports that the feed has not changed since the request's
	// ETag or LastModified.
	NotModified bool
}

// Fetch downloads a feed, unless it is unchanged since the request's ETag or
// LastModified, and parses it as ParseFeed does, with firstSeen dating the
// undated items. Then, for the items whose text is short and that link to a
// page, it reads the page and extracts its article text, which replaces the
// item's text when it is longer; the item's ID, which comes from its link,
// stays. A page that cannot be read leaves the item as the feed gave it. A
// document that is not a feed gives an error wrapping ErrNotFeed. Cancelling
// ctx stops every request and makes Fetch return its error.
func (f *Fetcher) Fetch(ctx context.Context, req FetchRequest, firstSeen time.Time) (FetchResult, error) {
	if _, ok := WebURL(req.URL); !ok {
		return FetchResult{}, fmt.Errorf("feed %q: not an http or https URL", req.URL)
	}
	header := http.Header{"Accept": {feedAccept}}
	if req.ETag != "" {
		header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		header.Set("If-Modified-Since", req.LastModified)
	}
	resp, body, err := f.get(ctx, "feed", req.URL, header)
	if err != nil {
		return FetchResult{}, err
	}
	result := FetchResult{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified {
		result.NotModified = true
		if result.ETag == "" {
			result.ETag = req.ETag
		}
		if result.LastModified == "" {
			result.LastModified = req.LastModified
		}
		return result, nil
	}
	contentType := resp.Header.Get("Content-Type")
	if contentType == "" {
		contentType = "no Content-Type"
	}
	if result.Feed, err = parseFeed(body, req.URL, firstSeen, contentType); err != nil {
		return FetchResult{}, err
	}
	var known map[string]bool
	if req.Known != nil {
		ids := make([]string, 0, len(result.Feed.Items))
		for _, c := range result.Feed.Items {
			ids = append(ids, c.Article.ID)
		}
		if known, err = req.Known(ctx, ids); err != nil {
			return FetchResult{}, fmt.Errorf("feed %s: %w", req.URL, err)
		}
	}
	if err := f.addPageText(ctx, result.Feed.Items, known); err != nil {
		return FetchResult{}, fmt.Errorf("feed %s: %w", req.URL, err)
	}
	return result, nil
}

// addPageText reads, at most PageConcurrency at a time, the pages linked
// from the items whose text is short and that are not known, and puts the
// longer article text in their place. A page that several items link to (a
// live blog and its updates) is none of them alone, and is not read.
func (f *Fetcher) addPageText(ctx context.Context, items []news.Candidate, known map[string]bool) error {
	links := map[string]int{}
	for _, c := range items {
		links[c.Article.URL]++
	}
	slots := make(chan struct{}, f.pageConcurrency())
	var readers sync.WaitGroup
queue:
	for i := range items {
		a := &items[i].Article
		if items[i].Err != nil || a.URL == "" || links[a.URL] > 1 || known[a.ID] || utf8.RuneCountInString(a.Body) >= shortText {
			continue
		}
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			break queue
		}
		readers.Go(func() {
			defer func() { <-slots }()
			f.addArticleText(ctx, a)
		})
	}
	readers.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("read linked pages: %w", err)
	}
	return nil
}

// addArticleText replaces a's body with the article text of the page it
// links to, when that is longer, and finds the people again.
func (f *Fetcher) addArticleText(ctx context.Context, a *news.Article) {
	paragraphs, err := f.pageText(ctx, a.URL)
	if err != nil {
		if ctx.Err() == nil {
			f.logger().DebugContext(ctx, "linked page not read; the item keeps the feed's text", "url", a.URL, "err", err)
		}
		return
	}
	body := strings.Join(paragraphs, "\n\n")
	if utf8.RuneCountInString(body) <= utf8.RuneCountInString(a.Body) {
		return
	}
	a.Body, a.People = body, names.People(a.Title, body)
}

// pageText downloads an HTML page and extracts its article text with
// go-readability, which drops navigation, advertisements and the like.
func (f *Fetcher) pageText(ctx context.Context, link string) ([]string, error) {
	resp, body, err := f.get(ctx, "page", link, http.Header{"Accept": {pageAccept}})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotModified {
		return nil, fmt.Errorf("page %s answered %s", link, resp.Status)
	}
	contentType := resp.Header.Get("Content-Type")
	if contentType == "" {
		contentType = http.DetectContentType(body)
	}
	mediaType, _, _ := mime.ParseMediaType(contentType)
	if mediaType != "text/html" && mediaType != "application/xhtml+xml" {
		return nil, fmt.Errorf("page %s is %s, not HTML", link, mediaType)
	}
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", link, err)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", link, err)
	}
	parser := readability.NewParser()
	article, err := parser.ParseAndMutate(doc, resp.Request.URL)
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", link, err)
	}
	if article.Node == nil {
		return nil, fmt.Errorf("page %s: no article text found", link)
	}
	return slices.DeleteFunc(nodeParagraphs(article.Node), isAdLabel), nil
}

// adLabels are the paragraphs a page keeps where an advertisement goes, the
// advertisement itself being filled in by a script: go-readability keeps
// those inside the article, but they are not its text.
var adLabels = map[string]bool{
	"ad": true, "advertisement": true, "advertising": true, "sponsored": true,
	"story continues below advertisement": true, "loading...": true, "loading…": true,
}

// isAdLabel reports whether a paragraph is only an advertisement's label.
func isAdLabel(p string) bool {
	return adLabels[strings.ToLower(p)]
}

// get requests rawURL and reads the body of a 2xx answer, at most MaxBytes
// of it, within the timeout. A 304 comes back without a body; any other
// status is an error. what ("feed", "page") starts the messages.
func (f *Fetcher) get(ctx context.Context, what, rawURL string, header http.Header) (*http.Response, []byte, error) {
	parent, timeout, client := ctx, defaultTimeout, f.client()
	if client.Timeout > 0 {
		timeout = client.Timeout
	} else {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("%s %s: %w", what, rawURL, err)
	}
	req.Header = header
	req.Header.Set("User-Agent", f.userAgent())
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, requestError(parent, what, rawURL, timeout, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return resp, nil, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, nil, fmt.Errorf("%s %s answered %s", what, rawURL, resp.Status)
	}
	limit := f.maxBytes()
	tooLarge := fmt.Errorf("%s %s is larger than %s; newsbot reads at most that", what, rawURL, byteSize(limit))
	if resp.ContentLength > limit {
		return nil, nil, tooLarge
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, nil, requestError(parent, what, rawURL, timeout, err)
	}
	if int64(len(body)) > limit {
		return nil, nil, tooLarge
	}
	return resp, body, nil
}

// requestError words a failed request. When the request's own timeout ran
// out (not the caller's context) it says how long newsbot waited; every
// error keeps its cause for errors.Is.
func requestError(parent context.Context, what, rawURL string, timeout time.Duration, err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err // it repeats the URL
	}
	if errors.Is(err, context.DeadlineExceeded) && parent.Err() == nil {
		return fmt.Errorf("%s %s did not answer within %v: %w", what, rawURL, timeout, err)
	}
	return fmt.Errorf("%s %s: %w", what, rawURL, err)
}

// byteSize writes a size the way people read it: "5 MB", "64 KB", "100 bytes".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// client, maxBytes, userAgent, pageConcurrency and logger give the
// Fetcher's settings, with the defaults for those left zero.
func (f *Fetcher) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	return publicClient
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return defaultMaxBytes
}

func (f *Fetcher) userAgent() string {
	if f.UserAgent != "" {
		return f.UserAgent
	}
	return defaultUserAgent
}

func (f *Fetcher) pageConcurrency() int {
	if f.PageConcurrency > 0 {
		return f.PageConcurrency
	}
	return defaultPageConcurrency
}

func (f *Fetcher) logger() *slog.Logger {
	if f.Logger != nil {
		return f.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// publicClient is the client of a Fetcher without one.
var publicClient = NewClient(nil)

// NewClient returns http.DefaultClient's settings, without a proxy, refusing
// to connect to any address but a public one or one within trusted: the
// networks the operator runs their own news servers in. The check is made
// on the address dialled, after the name is resolved and for every
// redirect, so neither a name pointing inside nor a redirect gets around it.
func NewClient(trusted []netip.Prefix) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	control := func(_, address string, _ syscall.RawConn) error { return refusePrivate(address, trusted) }
	t.DialContext = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: control}).DialContext
	return &http.Client{Transport: t}
}

// notPublic are the ranges newsbot does not connect to beyond those netip
// classifies: "this network" (0.0.0.0/8) and the shared address space of
// carrier-grade NAT and overlay networks (100.64.0.0/10).
var notPublic = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("100.64.0.0/10")}

// refusePrivate fails for an address that is neither public nor within
// trusted.
func refusePrivate(address string, trusted []netip.Prefix) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return err
	}
	ip = ip.Unmap()
	if !isPublic(ip) && !slices.ContainsFunc(trusted, func(p netip.Prefix) bool { return p.Contains(ip) }) {
		return fmt.Errorf("newsbot reads only public sites, and %s is not one", ip)
	}
	return nil
}

// isPublic reports whether ip is a public unicast address: not loopback,
// private, link-local (where clouds serve their metadata), multicast or
// unspecified.
func isPublic(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsGlobalUnicast() || ip.IsPrivate() {
		return false
	}
	for _, p := range notPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}
