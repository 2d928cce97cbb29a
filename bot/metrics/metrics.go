// Package metrics counts what the bot does, for Prometheus: answers by command
// and how long they took, articles taken from feeds, feed errors, digests
// posted, and Discord's REST answers, rate limits included. It is the only
// package that imports the Prometheus client.
package metrics

import (
	"math"
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the bot's counters and histograms, in a registry of their own
// (so that several bots in one test process do not collide).
type Metrics struct {
	registry *prometheus.Registry

	answers        *prometheus.CounterVec
	latency        *prometheus.HistogramVec
	ingested       prometheus.Counter
	feedErrors     prometheus.Counter
	digestPosts    *prometheus.CounterVec
	alertPosts     *prometheus.CounterVec
	restResponses  *prometheus.CounterVec
	rateLimitWaits prometheus.Counter
}

// New makes the metrics, with the Go runtime's and the process's own.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsbot_answers_total", Help: "Answers given, by command (news, who, latest, mention, ...).",
		}, []string{"command"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "newsbot_answer_seconds", Help: "Time from a request to its answer being sent, by command.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"command"}),
		ingested: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsbot_feed_articles_total", Help: "Articles added to the index from feeds.",
		}),
		feedErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsbot_feed_errors_total", Help: "Feed polls that failed.",
		}),
		digestPosts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsbot_digest_posts_total", Help: "Daily digests by outcome: posted, failed, skipped.",
		}, []string{"outcome"}),
		alertPosts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsbot_alert_posts_total", Help: "Alerts of followed topics by outcome: posted, failed, paused (the user's direct messages are closed).",
		}, []string{"outcome"}),
		restResponses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsbot_discord_rest_responses_total", Help: "Discord REST responses by status code; failed requests count as code 0.",
		}, []string{"code"}),
		rateLimitWaits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsbot_discord_rate_limit_waits_total", Help: "Discord REST requests answered 429, which discordgo waits out and retries.",
		}),
	}
	m.registry.MustRegister(m.answers, m.latency, m.ingested, m.feedErrors, m.digestPosts, m.alertPosts, m.restResponses, m.rateLimitWaits,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Answered records an answer to a command and how long it took, in seconds.
func (m *Metrics) Answered(command string, seconds float64) {
	m.answers.WithLabelValues(command).Inc()
	m.latency.WithLabelValues(command).Observe(seconds)
}

// Served is how many answers were given in all.
func (m *Metrics) Served() int {
	families, err := m.registry.Gather()
	if err != nil {
		return 0
	}
	total := 0.0
	for _, f := range families {
		if f.GetName() == "newsbot_answers_total" {
			for _, metric := range f.GetMetric() {
				total += metric.GetCounter().GetValue()
			}
		}
	}
	return int(total)
}

// FeedPolled records a feed poll: the articles it added, or its failure.
func (m *Metrics) FeedPolled(added int, err error) {
	if err != nil {
		m.feedErrors.Inc()
		return
	}
	m.ingested.Add(float64(added))
}

// Digest records a digest's outcome: "posted", "failed" or "skipped".
func (m *Metrics) Digest(outcome string) { m.digestPosts.WithLabelValues(outcome).Inc() }

// Behind publishes, on every scrape, how many articles of the stream shared
// by a cluster's processes this one has not applied yet, as behind says
// (false when it cannot tell: the gauge is then NaN).
func (m *Metrics) Behind(behind func() (uint64, bool)) {
	m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "newsbot_stream_behind", Help: "Articles of the cluster's shared stream not applied to this process's index yet.",
	}, func() float64 {
		n, ok := behind()
		if !ok {
			return math.NaN()
		}
		return float64(n)
	}))
}

// Alert records the outcome of a message of alerts: "posted", "failed" or
// "paused".
func (m *Metrics) Alert(outcome string) { m.alertPosts.WithLabelValues(outcome).Inc() }

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Transport counts the responses of Discord's REST API going through next.
func (m *Metrics) Transport(next http.RoundTripper) http.RoundTripper {
	return countingTransport{m, next}
}

type countingTransport struct {
	m    *Metrics
	next http.RoundTripper
}

// CloseIdleConnections closes those of next, so that the client's
// CloseIdleConnections reaches the pool under the count.
func (t countingTransport) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

func (t countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		t.m.restResponses.WithLabelValues("0").Inc()
		return resp, err
	}
	t.m.restResponses.WithLabelValues(strconv.Itoa(resp.StatusCode)).Inc()
	if resp.StatusCode == http.StatusTooManyRequests {
		t.m.rateLimitWaits.Inc()
	}
	return resp, nil
}
