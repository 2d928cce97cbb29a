package bot

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"newsbot/index/news"
)

// serveOps serves /healthz and /metrics on the configured address until ctx
// ends, for the operator's monitoring; with no address it does nothing.
func (b *Bot) serveOps(ctx context.Context) error {
	if b.cfg.OpsAddr == "" {
		return nil
	}
	listener, err := net.Listen("tcp", b.cfg.OpsAddr)
	if err != nil {
		return fmt.Errorf("NEWSBOT_HTTP %s: %w", b.cfg.OpsAddr, err)
	}
	srv := &http.Server{Handler: b.OpsHandler(), ReadHeaderTimeout: 10 * time.Second}
	b.loops.Go(func() {
		if err := srv.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			b.log.Error("health and metrics endpoint", "err", err)
		}
	})
	b.loops.Go(func() {
		<-ctx.Done()
		stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(stop)
	})
	b.log.Info("health and metrics", "addr", listener.Addr().String())
	return nil
}

// OpsHandler serves /healthz, which is 200 only while the index answers and
// the bot is connected to Discord (503 otherwise, so that a supervisor can
// restart it), and /metrics, in Prometheus's format.
func (b *Bot) OpsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", b.metrics.Handler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := b.health(r.Context()); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	return mux
}

// health says what, if anything, keeps the bot from answering.
func (b *Bot) health(ctx context.Context) error {
	if !b.connected.Load() {
		return errors.New("not connected to Discord")
	}
	if _, err := b.news.Search(ctx, news.Query{}); err != nil {
		return fmt.Errorf("the index does not answer: %v", err)
	}
	// In cluster mode, a process far behind the stream of articles would
	// answer without what the others added. NATS away is no reason to stop
	// answering from the index.
	if l, ok := b.news.(lagging); ok {
		if n, err := l.Behind(ctx); err == nil && n > maxBehind {
			return fmt.Errorf("catching up: %d behind", n)
		}
	}
	return nil
}

// lagging is a library that applies a stream shared by several processes,
// and can say how many of its messages it has not applied.
type lagging interface {
	Behind(ctx context.Context) (uint64, error)
}

// maxBehind is how many articles a healthy process may have left to apply:
// one batch, which it applies within a couple of seconds.
const maxBehind = 500
