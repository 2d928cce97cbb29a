package feeds

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// newSite serves h on loopback under every host name, so that feeds can link
// to realistic URLs (http://valleywire.example/...), and returns a client that
// reaches it.
func newSite(t *testing.T, h http.Handler) *http.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	addr := srv.Listener.Addr().String()
	transport := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}}
	t.Cleanup(transport.CloseIdleConnections)
	return &http.Client{Transport: transport}
}

// serveFile answers with a fixture from testdata/feeds.
func serveFile(t *testing.T, name, contentType string) http.HandlerFunc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.Write(data)
	}
}

// hang blocks a handler until the client goes away or the test ends, so that
// the server can close.
func hang(t *testing.T) func(r *http.Request) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	return func(r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
}

func TestFetchConditional(t *testing.T) {
	tests := []struct {
		validator, conditional, value string
	}{
		{"ETag", "If-None-Match", `"v1-5f2a"`},
		{"Last-Modified", "If-Modified-Since", "Thu, 17 Apr 2025 10:00:00 GMT"},
	}
	for _, tt := range tests {
		t.Run(tt.validator, func(t *testing.T) {
			var requests []http.Header
			var mu sync.Mutex
			feed := serveFile(t, "rss2.xml", "application/rss+xml")
			client := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				requests = append(requests, r.Header.Clone())
				mu.Unlock()
				w.Header().Set(tt.validator, tt.value)
				if r.Header.Get(tt.conditional) == tt.value {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				feed(w, r)
			}))
			f := &Fetcher{Client: client}
			const url = "http://news.example/feed.xml"
			first, err := f.Fetch(context.Background(), FetchRequest{URL: url}, firstSeen)
			if err != nil {
				t.Fatal(err)
			}
			if first.NotModified || len(first.Feed.Items) != 5 || first.Feed.Title != "Harbour City Herald" {
				t.Fatalf("first fetch: not modified %v, %d items, title %q; want the feed's 5 items", first.NotModified, len(first.Feed.Items), first.Feed.Title)
			}
			got := map[string]string{"ETag": first.ETag, "Last-Modified": first.LastModified}[tt.validator]
			if got != tt.value {
				t.Fatalf("first fetch: %s = %q; want %q", tt.validator, got, tt.value)
			}
			again, err := f.Fetch(context.Background(), FetchRequest{URL: url, ETag: first.ETag, LastModified: first.LastModified}, firstSeen)
			if err != nil {
				t.Fatal(err)
			}
			if !again.NotModified || len(again.Feed.Items) != 0 || again.ETag != first.ETag || again.LastModified != first.LastModified {
				t.Errorf("second fetch = %+v; want NotModified with the validators of the first", again)
			}
			if len(requests) != 2 {
				t.Fatalf("server got %d requests; want 2", len(requests))
			}
			if got := requests[0].Get(tt.conditional); got != "" {
				t.Errorf("first request: %s = %q; want none", tt.conditional, got)
			}
			if got := requests[1].Get(tt.conditional); got != tt.value {
				t.Errorf("second request: %s = %q; want %q", tt.conditional, got, tt.value)
			}
			if ua, accept := requests[0].Get("User-Agent"), requests[0].Get("Accept"); ua != "newsbot" || !strings.HasPrefix(accept, "application/rss+xml") {
				t.Errorf("User-Agent %q, Accept %q; want newsbot and feed types", ua, accept)
			}
		})
	}
}

func TestFetchErrors(t *testing.T) {
	garbage := bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef, 0x00, 0x17}, 100)
	mux := http.NewServeMux()
	mux.HandleFunc("/missing.xml", http.NotFound)
	mux.HandleFunc("/broken-server.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "database down", http.StatusInternalServerError)
	})
	mux.HandleFunc("/home", serveFile(t, "not-a-feed.html", "text/html; charset=utf-8"))
	mux.HandleFunc("/cut.xml", serveFile(t, "broken.xml", "application/rss+xml"))
	mux.HandleFunc("/blob", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(garbage)
	})
	mux.HandleFunc("/empty.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
	})
	f := &Fetcher{Client: newSite(t, mux)}
	tests := []struct {
		url     string
		notFeed bool
		want    string
	}{
		{"http://news.example/missing.xml", false, "feed http://news.example/missing.xml answered 404 Not Found"},
		{"http://news.example/broken-server.xml", false, "feed http://news.example/broken-server.xml answered 500 Internal Server Error"},
		{"http://news.example/home", true, "feed http://news.example/home: not a feed: the server sent an HTML page (text/html; charset=utf-8); give the feed's own URL: the page names http://news.example/feeds/news.xml"},
		{"http://news.example/cut.xml", true, "feed http://news.example/cut.xml: not a feed: the server sent malformed XML (application/rss+xml): XML syntax error on line 12: unexpected EOF; the feed looks cut short"},
		{"http://news.example/blob", true, "feed http://news.example/blob: not a feed: the server sent binary data (application/octet-stream)"},
		{"http://news.example/empty.xml", true, "feed http://news.example/empty.xml: not a feed: the server sent an empty document (application/rss+xml)"},
		{"ftp://news.example/feed.xml", false, `feed "ftp://news.example/feed.xml": not an http or https URL`},
		{"news.example/feed.xml", false, `feed "news.example/feed.xml": not an http or https URL`},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			res, err := f.Fetch(context.Background(), FetchRequest{URL: tt.url}, firstSeen)
			if err == nil {
				t.Fatalf("Fetch = %+v; want an error", res)
			}
			if got := errors.Is(err, ErrNotFeed); got != tt.notFeed {
				t.Errorf("errors.Is(%v, ErrNotFeed) = %v; want %v", err, got, tt.notFeed)
			}
			if err.Error() != tt.want {
				t.Errorf("error %q; want %q", err, tt.want)
			}
		})
	}
}

// countingTransport counts the body bytes its client reads.
type countingTransport struct {
	http.RoundTripper
	read atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.RoundTripper.RoundTrip(r)
	if err == nil {
		resp.Body = countingBody{resp.Body, &c.read}
	}
	return resp, err
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

func TestFetchTooLarge(t *testing.T) {
	const huge = 50 << 20
	chunk := []byte(strings.Repeat("<item><title>Filler</title><description>More filler.</description></item>\n", 400))
	tests := []struct {
		name     string
		declared bool // the server sends a Content-Length
	}{
		{"streamed", false},
		{"declared", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var served atomic.Int64
			done := make(chan struct{})
			client := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				defer close(done)
				w.Header().Set("Content-Type", "application/rss+xml")
				if tt.declared {
					w.Header().Set("Content-Length", strconv.Itoa(huge))
				}
				n, _ := io.WriteString(w, `<rss version="2.0"><channel><title>Endless</title>`)
				served.Add(int64(n))
				for served.Load() < huge {
					n, err := w.Write(chunk[:min(len(chunk), huge-int(served.Load()))])
					served.Add(int64(n))
					if err != nil {
						return
					}
				}
			}))
			counting := &countingTransport{RoundTripper: client.Transport}
			f := &Fetcher{Client: &http.Client{Transport: counting}}
			_, err := f.Fetch(context.Background(), FetchRequest{URL: "http://big.example/feed.xml"}, firstSeen)
			const want = "feed http://big.example/feed.xml is larger than 5 MB; newsbot reads at most that"
			if err == nil || err.Error() != want {
				t.Errorf("err = %v; want %q", err, want)
			}
			if read := counting.read.Load(); read > defaultMaxBytes+64<<10 {
				t.Errorf("newsbot read %d bytes; want at most %d", read, defaultMaxBytes+64<<10)
			}
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the server is still sending")
			}
			// What the server managed to send is what newsbot read plus what
			// the sockets buffer on the way.
			t.Logf("the server sent %d bytes, newsbot read %d", served.Load(), counting.read.Load())
			if n := served.Load(); n >= huge/2 {
				t.Errorf("the server sent %d bytes before the client hung up; want far fewer than %d", n, huge)
			}
		})
	}
}

func TestFetchTimeout(t *testing.T) {
	const timeout = 200 * time.Millisecond
	tests := []struct {
		name        string
		clientWaits bool // the client's Timeout, not the context, runs out
		midBody     bool // the server stops after half a feed
		wantMessage string
	}{
		{"no answer, client timeout", true, false, "feed http://slow.example/feed.xml did not answer within 200ms: "},
		{"body stalls, client timeout", true, true, "feed http://slow.example/feed.xml did not answer within 200ms: "},
		{"no answer, context deadline", false, false, "feed http://slow.example/feed.xml: context deadline exceeded"},
		{"body stalls, context deadline", false, true, "feed http://slow.example/feed.xml: context deadline exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wait := hang(t)
			client := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.midBody {
					w.Header().Set("Content-Type", "application/rss+xml")
					io.WriteString(w, `<rss version="2.0"><channel><title>Slow</title><item><title>Half`)
					w.(http.Flusher).Flush()
				}
				wait(r)
			}))
			start, ctx := time.Now(), context.Background()
			if tt.clientWaits {
				client.Timeout = timeout
			} else {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, timeout)
				defer cancel()
			}
			_, err := (&Fetcher{Client: client}).Fetch(ctx, FetchRequest{URL: "http://slow.example/feed.xml"}, firstSeen)
			elapsed := time.Since(start)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err = %v; want context.DeadlineExceeded", err)
			}
			if err != nil && !strings.HasPrefix(err.Error(), tt.wantMessage) {
				t.Errorf("error %q; want it to start %q", err, tt.wantMessage)
			}
			if elapsed < timeout || elapsed > timeout+2*time.Second {
				t.Errorf("Fetch returned after %v; want soon after %v", elapsed, timeout)
			}
		})
	}
}

// pageSite serves descriptions.xml and the pages it links to, counting the
// requests for each path and the most pages served at once.
type pageSite struct {
	mu              sync.Mutex
	hits            map[string]int
	inFlight, most  int
	delay           time.Duration
	firstPageServed chan struct{} // closed when a page is first requested
	once            sync.Once
}

func newPageSite(t *testing.T, delay time.Duration, page http.HandlerFunc) (*pageSite, *http.Client) {
	s := &pageSite{hits: map[string]int{}, delay: delay, firstPageServed: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", serveFile(t, "descriptions.xml", "application/rss+xml; charset=utf-8"))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.inFlight++
		s.most = max(s.most, s.inFlight)
		s.mu.Unlock()
		s.once.Do(func() { close(s.firstPageServed) })
		defer func() {
			s.mu.Lock()
			s.inFlight--
			s.mu.Unlock()
		}()
		time.Sleep(s.delay)
		page(w, r)
	})
	return s, newSite(t, mux)
}

func TestFetchLinkedPages(t *testing.T) {
	reservoir := serveFile(t, "page-reservoir.html", "text/html; charset=utf-8")
	rail := serveFile(t, "page-rail.html", "") // no Content-Type: the server sniffs it
	site, client := newPageSite(t, 30*time.Millisecond, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/2025/05/06/reservoir-levels":
			reservoir(w, r)
		case "/2025/05/07/rail-strike":
			rail(w, r)
		case "/2025/05/09/budget.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.7\n% a budget, not a web page\n")
		default:
			http.NotFound(w, r)
		}
	})
	f := &Fetcher{Client: client, PageConcurrency: 2}
	res, err := f.Fetch(context.Background(), FetchRequest{URL: "http://valleywire.example/feed.xml"}, firstSeen)
	if err != nil {
		t.Fatal(err)
	}
	fromFile := mustReadFeed(t, "testdata/feeds/descriptions.xml")
	tests := []struct {
		name        string
		first, last string // paragraphs; "" keeps the feed's description
		people      []string
	}{
		{name: "reservoir page",
			first:  "The main reservoir serving the valley has fallen to its lowest level for ten years after the driest spring since 1976, the water company said on Tuesday.",
			last:   "Walkers have reported that the old village of Thornby, flooded when the reservoir was built in 1951, has begun to reappear, with the tower of its chapel visible above the water for the first time since 2015.",
			people: []string{"Marcus Whitfield", "Jean Harcourt"}},
		{name: "rail page",
			first:  "Train drivers on the valley line have called off the strike planned for Monday after talks with the operator went on late into Tuesday night.",
			last:   "Commuters at Ashby Cross station on Wednesday morning welcomed the news. Many had planned to work from home or to drive, on roads already busy because of repairs to the river bridge.",
			people: []string{"Gareth Lloyd", "Alison Reeve"}},
		{name: "page answers 404"},
		{name: "page is a PDF"},
		{name: "long description, page not read"},
	}
	if len(res.Feed.Items) != len(tests) {
		t.Fatalf("got %d items; want %d", len(res.Feed.Items), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, file := res.Feed.Items[i].Article, fromFile.Items[i].Article
			if got.ID != file.ID || got.URL != file.URL || got.Title != file.Title || !got.Date.Equal(file.Date) {
				t.Errorf("ID %s, URL %s, title %q, date %v; want those of the feed: %s, %s, %q, %v",
					got.ID, got.URL, got.Title, got.Date, file.ID, file.URL, file.Title, file.Date)
			}
			if tt.first == "" {
				if got.Body != file.Body {
					t.Errorf("body = %q; want the description %q", got.Body, file.Body)
				}
				return
			}
			paras := got.Paragraphs()
			if paras[0] != tt.first || paras[len(paras)-1] != tt.last {
				t.Errorf("paragraphs = %q; want first %q and last %q", paras, tt.first, tt.last)
			}
			for _, junk := range []string{"cookies", "Advertisement", "Subscribe", "Related stories", "Most read", "Sign up", "Share on", "©", "gtag", "renderAds", "About time", "Sponsored"} {
				if strings.Contains(got.Body, junk) {
					t.Errorf("body has %q from around the article: %q", junk, got.Body)
				}
			}
			for _, name := range tt.people {
				if !slices.Contains(got.People, name) {
					t.Errorf("people = %q; want %q among them", got.People, name)
				}
			}
		})
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if n := site.hits["/2025/05/10/cycle-path"]; n != 0 {
		t.Errorf("the page of an item with a long description was read %d times; want 0", n)
	}
	if site.hits["/2025/05/06/reservoir-levels"] != 1 || site.hits["/2025/05/08/missing-story"] != 1 {
		t.Errorf("page requests %v; want one for each short item", site.hits)
	}
	if site.most > 2 {
		t.Errorf("%d pages were read at once; want at most PageConcurrency, 2", site.most)
	}
}

func TestFetchSkipsThePagesOfKnownItems(t *testing.T) {
	site, client := newPageSite(t, 0, func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	fromFile := mustReadFeed(t, "testdata/feeds/descriptions.xml")
	indexed := fromFile.Items[0].Article // the reservoir story, read before
	var asked []string
	known := func(_ context.Context, ids []string) (map[string]bool, error) {
		asked = ids
		return map[string]bool{indexed.ID: true}, nil
	}
	f := &Fetcher{Client: client}
	if _, err := f.Fetch(context.Background(), FetchRequest{URL: "http://valleywire.example/feed.xml", Known: known}, firstSeen); err != nil {
		t.Fatal(err)
	}
	if len(asked) != len(fromFile.Items) {
		t.Errorf("Known was asked about %d items; want all %d", len(asked), len(fromFile.Items))
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if n := site.hits["/2025/05/06/reservoir-levels"]; n != 0 {
		t.Errorf("the page of an item indexed already was read %d times; want 0", n)
	}
	if site.hits["/2025/05/07/rail-strike"] != 1 {
		t.Errorf("page requests %v; want the new short items' pages read", site.hits)
	}
}

func TestFetchCancelled(t *testing.T) {
	tests := []struct {
		name string
		// when the test cancels: at the first page request, or before fetching
		atFirstPage bool
	}{
		{"while reading pages", true},
		{"before the feed", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wait := hang(t)
			site, client := newPageSite(t, 0, func(w http.ResponseWriter, r *http.Request) { wait(r) })
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.atFirstPage {
				go func() {
					<-site.firstPageServed
					cancel()
				}()
			} else {
				cancel()
			}
			start := time.Now()
			res, err := (&Fetcher{Client: client}).Fetch(ctx, FetchRequest{URL: "http://valleywire.example/feed.xml"}, firstSeen)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Fetch = %d items, %v; want context.Canceled", len(res.Feed.Items), err)
			}
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("Fetch returned after %v; want at once", elapsed)
			}
		})
	}
}

func TestFetchRefusesPrivateAddresses(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	_, err := (&Fetcher{}).Fetch(context.Background(), FetchRequest{URL: srv.URL + "/feed.xml"}, firstSeen)
	if want := "newsbot reads only public sites, and 127.0.0.1 is not one"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v; want it to say %q", err, want)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server got %d requests; want none", n)
	}
}

// The operator may trust networks of their own; nothing else private
// opens with them.
func TestFetchReachesTrustedNetworks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<rss version="2.0"><channel><title>Intranet</title><item><title>Canteen closes early</title><link>https://intranet.example/canteen</link><description>The canteen closes at two on Friday for the inventory.</description></item></channel></rss>`)
	}))
	defer srv.Close()
	fetch := func(trusted ...string) error {
		var prefixes []netip.Prefix
		for _, p := range trusted {
			prefixes = append(prefixes, netip.MustParsePrefix(p))
		}
		_, err := (&Fetcher{Client: NewClient(prefixes)}).Fetch(context.Background(), FetchRequest{URL: srv.URL + "/feed.xml"}, firstSeen)
		return err
	}
	if err := fetch("127.0.0.0/8"); err != nil {
		t.Errorf("trusting 127.0.0.0/8: %v", err)
	}
	if err := fetch("10.0.0.0/8"); err == nil || !strings.Contains(err.Error(), "127.0.0.1 is not one") {
		t.Errorf("trusting another network: err = %v; want 127.0.0.1 refused", err)
	}
}

func TestIsPublic(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"93.184.215.14", true},
		{"2606:4700:4700::1111", true},
		{"127.0.0.1", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.5.4", false},
		{"192.168.1.1", false},
		{"fd12:3456::1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"0.0.0.0", false},
		{"0.1.2.3", false},
		{"100.64.0.1", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:8.8.8.8", true},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			if got := isPublic(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("isPublic(%s) = %v; want %v", tt.ip, got, tt.want)
			}
		})
	}
}
