package bot

import (
	"net/http"
	"net/url"
	"strings"
)

// redirect is an http.RoundTripper that sends requests for Discord's API to
// another base URL (a REST proxy, or a fake Discord in tests), keeping the path
// under it. discordgo builds its endpoint URLs once from discord.com, so this is
// the one place where they can be changed.
type redirect struct {
	base *url.URL
	next http.RoundTripper
}

// CloseIdleConnections closes those of next, so that the client's
// CloseIdleConnections reaches the connection pool behind the redirect.
func (r redirect) CloseIdleConnections() {
	if c, ok := r.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.EqualFold(req.URL.Host, "discord.com") {
		return r.next.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	out.URL.Scheme = r.base.Scheme
	out.URL.Host = r.base.Host
	out.URL.Path = strings.TrimSuffix(r.base.Path, "/") + req.URL.Path
	if req.URL.RawPath != "" {
		out.URL.RawPath = strings.TrimSuffix(r.base.Path, "/") + req.URL.RawPath
	}
	out.Host = r.base.Host
	return r.next.RoundTrip(out)
}
