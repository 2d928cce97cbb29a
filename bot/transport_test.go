package bot

import (
	"net/http"
	"net/url"
	"testing"

	"newsbot/bot/metrics"
)

// closeCounter is a transport that counts the calls to close its idle
// connections.
type closeCounter struct {
	http.RoundTripper
	closed int
}

func (c *closeCounter) CloseIdleConnections() { c.closed++ }

// The client's CloseIdleConnections reaches the pool under the bot's
// wrappers, as the soak test's count of goroutines needs.
func TestCloseIdleConnectionsReachesThePool(t *testing.T) {
	pool := &closeCounter{}
	base, _ := url.Parse("http://127.0.0.1:1")
	client := &http.Client{Transport: metrics.New().Transport(redirect{base: base, next: pool})}
	client.CloseIdleConnections()
	if pool.closed != 1 {
		t.Errorf("the pool was told %d times to close idle connections; want 1", pool.closed)
	}
}
