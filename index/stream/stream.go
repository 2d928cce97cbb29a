// Package stream shares newsbot's articles between processes through a NATS
// JetStream stream: every ingest publishes its articles once to the stream,
// and every process applies the stream to its own index, from where it last
// stopped. A process with an empty index catches up from the start; the
// index records how far it got, so that a restart loses nothing and does
// nothing twice.
package stream

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"newsbot/index/news"
)

// Name is the stream's name unless Config says otherwise; it is the same for
// every process of a cluster.
const Name = "NEWSBOT_ARTICLES"

// batchSize is how many messages are applied to the index at once: the
// index's own batch size.
const batchSize = 500

// fetchWait bounds the wait for a batch that the stream says is there;
// publishTimeout the wait for a publish to be acknowledged.
const (
	fetchWait      = 5 * time.Second
	publishTimeout = time.Minute
)

// Config says where the stream is and who is applying it.
type Config struct {
	// URL is one NATS server or several, separated by commas; tls:// asks
	// for TLS.
	URL string
	// Creds is a credentials file, when the servers ask for one.
	Creds string
	// Replicas is how many servers keep the stream: 1, or 3 on a cluster of
	// three, so that losing one loses nothing.
	Replicas int
	// Stream is the stream's name, Name when empty: another name keeps a
	// benchmark's articles apart from the cluster's.
	Stream string
	// Applied, when set, is told when each message applied was stored in
	// the stream, once it can be found in the local index: for measuring
	// how long articles take to reach every process.
	Applied func(stored time.Time)
	// Node names this process's consumer: each process applies the stream
	// to its own index, so each needs its own. It must stay the same across
	// restarts and differ between processes.
	Node string
}

// Local is the process's own index, which the stream is applied to: it
// takes articles, knows which it holds, forgets files gone from a folder,
// and records the last message applied.
type Local interface {
	Ingest(ctx context.Context, candidates iter.Seq[news.Candidate], done func()) (news.Report, error)
	Known(ctx context.Context, ids []string) (map[string]bool, error)
	Gone(ctx context.Context, dir string, files []string) ([]string, error)
	Forget(ctx context.Context, files []string) ([]string, error)
	Applied() (uint64, error)
	SetApplied(seq uint64) error
}

// Stream is the shared stream of articles, as one process publishes to it
// and applies it to its index. It is an ingest.Store: in cluster mode, an
// ingest goes through it.
type Stream struct {
	conn     *nats.Conn
	js       jetstream.JetStream
	stream   jetstream.Stream
	name     string // of the stream
	subject  string // its messages'
	node     string // this process's name, its consumer's
	replicas int    // how many servers keep the stream
	applied  func(stored time.Time)
	consumer jetstream.Consumer
	local    Local
	applying sync.Mutex // one catch-up at a time, so the applied sequence only grows
}

// Open connects to NATS, makes sure the stream exists, and sets this
// process's consumer where its index stopped.
func Open(ctx context.Context, cfg Config, local Local) (*Stream, error) {
	if cfg.Node == "" {
		return nil, errors.New("stream: this process needs a node name of its own")
	}
	var opts []nats.Option
	if cfg.Creds != "" {
		opts = append(opts, nats.UserCredentials(cfg.Creds))
	}
	conn, err := nats.Connect(cfg.URL, append(opts, nats.Name("newsbot "+cfg.Node), nats.MaxReconnects(-1))...)
	if err != nil {
		return nil, fmt.Errorf("connect to NATS at %s: %w", cfg.URL, err)
	}
	s, err := open(ctx, conn, cfg, local)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return s, nil
}

func open(ctx context.Context, conn *nats.Conn, cfg Config, local Local) (*Stream, error) {
	// A publish not acknowledged in this long (a stream that lost its
	// leader) fails the ingest with the reason, rather than waiting forever.
	js, err := jetstream.New(conn, jetstream.WithPublishAsyncTimeout(publishTimeout))
	if err != nil {
		return nil, err
	}
	name := cmp.Or(cfg.Stream, Name)
	subject := strings.ToLower(strings.ReplaceAll(name, "_", "."))
	var st jetstream.Stream
	err = Declare(ctx, func(ctx context.Context) (err error) {
		st, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
			Name:     name,
			Subjects: []string{subject},
			Storage:  jetstream.FileStorage,
			Replicas: max(cfg.Replicas, 1),
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("the stream of articles: %w", err)
	}
	applied, err := local.Applied()
	if err != nil {
		return nil, err
	}
	if last := st.CachedInfo().State.LastSeq; applied > last {
		// A stream made anew since: apply it from its start.
		applied = 0
	}
	s := &Stream{conn: conn, js: js, stream: st, name: name, subject: subject, node: cfg.Node, replicas: max(cfg.Replicas, 1), applied: cfg.Applied, local: local}
	if err := s.resetConsumer(ctx, applied); err != nil {
		return nil, err
	}
	return s, nil
}

// Declare runs declare, which creates or updates a JetStream stream,
// consumer or key-value bucket, giving each try a few seconds, until it
// succeeds or 30 s have passed. On a cluster that has just formed, processes
// that declare the same replicated stream at once may all wait for an answer
// that never comes, though the stream is made (nats-server 2.15.3, one start
// in three in TestDeclareAtOnce): the next try finds it. Before all its
// servers know one another, the cluster may also find no servers to place
// the copies on.
func Declare(ctx context.Context, declare func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, declareFor)
	defer cancel()
	for {
		try, cancelTry := context.WithTimeout(ctx, declareTry)
		err := declare(try)
		cancelTry()
		if err == nil || !notReadyYet(err) {
			return err
		}
		select {
		case <-time.After(declarePause):
		case <-ctx.Done():
			return err
		}
	}
}

// notReadyYet reports whether a declaration failed for want of a cluster
// that has finished forming: no answer, no leader to answer yet ("no
// responders": a serve found its bucket of shared state just made so, in
// CI), or no servers to place the copies on yet (JetStream's "no suitable
// peers for placement", 10005).
func notReadyYet(err error) bool {
	var api *jetstream.APIError
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrNoResponders) || errors.As(err, &api) && api.ErrorCode == clusterNoPeers
}

// clusterNoPeers is JetStream's error code for a stream whose copies find
// no servers to go on.
const clusterNoPeers jetstream.ErrorCode = 10005

// declareFor and declareTry bound Declare, and each of its tries;
// declarePause is the wait between tries.
const (
	declareFor   = 30 * time.Second
	declareTry   = 3 * time.Second
	declarePause = 250 * time.Millisecond
)

// resetConsumer makes the node's durable consumer anew, delivering from the
// message after applied. The index says where this process stands: a
// consumer left by a process that died, or by a batch that failed, holds the
// messages fetched and not acknowledged for a while, and acknowledging a
// later one would acknowledge them too, unapplied. It is declared as the
// stream is: on a cluster just formed, or that has just lost a server, the
// consumer's copies wait for a leader, and a request may get no answer
// (one start in a few of TestClusterServeProcesses).
func (s *Stream) resetConsumer(ctx context.Context, applied uint64) error {
	name := consumerName(s.node)
	cfg := jetstream.ConsumerConfig{Durable: name, AckPolicy: jetstream.AckAllPolicy, DeliverPolicy: jetstream.DeliverAllPolicy}
	if applied > 0 {
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, applied+1
	}
	var c jetstream.Consumer
	err := Declare(ctx, func(ctx context.Context) error {
		if err := s.js.DeleteConsumer(ctx, s.name, name); err != nil && !errors.Is(err, jetstream.ErrConsumerNotFound) {
			return err
		}
		var err error
		c, err = s.js.CreateConsumer(ctx, s.name, cfg)
		return err
	})
	if err != nil {
		return fmt.Errorf("make the consumer of %s anew: %w", s.node, err)
	}
	s.consumer = c
	return nil
}

// consumerName is a node's name as a consumer may be named: letters,
// digits, - and _.
func consumerName(node string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, node)
}

// Close closes the connection to NATS.
func (s *Stream) Close() { s.conn.Close() }

// Delete deletes the stream, with every process's consumer: for a
// benchmark's stream, not a cluster's.
func (s *Stream) Delete(ctx context.Context) error { return s.js.DeleteStream(ctx, s.name) }

// Replicas is how many servers keep the stream: what the other things the
// processes share should ask for too.
func (s *Stream) Replicas() int { return s.replicas }

// Conn is the connection to NATS, for the other things the processes share.
func (s *Stream) Conn() *nats.Conn { return s.conn }

// Follow applies the stream to the local index every interval until ctx
// ends, so that what other processes add is answerable here within about
// that long. An error (NATS away) goes to onError, and the next round tries
// again: the local index answers meanwhile.
func (s *Stream) Follow(ctx context.Context, every time.Duration, onError func(error)) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if _, err := s.CatchUp(ctx, nil); err != nil && ctx.Err() == nil {
			onError(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// message is what the stream carries: an article, with where it was read,
// or the files gone from a folder, which every index forgets.
type message struct {
	Origin  string       `json:"origin,omitempty"`
	Article news.Article `json:"article,omitzero"`
	Gone    []string     `json:"gone,omitempty"`
}

// Ingest publishes the candidates' articles to the stream, then applies the
// stream to the local index up to them: the report is the local index's, as
// for an ingest without the stream. What the stream held before is applied
// first, so that the report tells of these articles. A candidate that could
// not be read is rejected here and never published. Articles are published
// without waiting for each acknowledgement, and all are acknowledged before
// they are applied: one that the stream refused stops the ingest with the
// reason, and running it again publishes it again.
func (s *Stream) Ingest(ctx context.Context, candidates iter.Seq[news.Candidate], done func()) (news.Report, error) {
	if !s.conn.IsConnected() {
		return news.Report{}, ErrAway
	}
	// Nothing else applies the stream meanwhile: the report is of these.
	s.applying.Lock()
	defer s.applying.Unlock()
	if _, err := s.catchUp(ctx, nil); err != nil {
		return news.Report{}, s.away(err)
	}
	var rejected []news.Rejection
	var sent []published
	for c := range candidates {
		if c.Err != nil {
			rejected = append(rejected, news.Rejection{Origin: c.Origin, Reason: c.Err})
		} else if ack, err := s.publish(c); errors.Is(err, errTooLarge) {
			rejected = append(rejected, news.Rejection{Origin: c.Origin, Reason: err})
		} else if err != nil {
			return news.Report{Rejected: rejected}, err
		} else {
			sent = append(sent, published{c.Origin, ack})
		}
		if done != nil {
			done()
		}
	}
	had := 0 // articles the stream holds already: a run that failed after publishing them, say
	for _, p := range sent {
		select {
		case ack := <-p.ack.Ok():
			if ack.Duplicate {
				had++
			}
		case err := <-p.ack.Err():
			return news.Report{Rejected: rejected}, s.away(fmt.Errorf("publish %s to the stream of articles: %w", p.origin, err))
		case <-ctx.Done():
			return news.Report{Rejected: rejected}, ctx.Err()
		}
	}
	report, err := s.catchUp(ctx, nil)
	report.Unchanged += had
	report.Rejected = append(rejected, report.Rejected...)
	return report, s.away(err)
}

// away is ErrAway in place of err when the connection to NATS was lost
// meanwhile: a wait that ran out says nothing a user can act on.
func (s *Stream) away(err error) error {
	if err != nil && !s.conn.IsConnected() {
		return fmt.Errorf("%w (%v)", ErrAway, err)
	}
	return err
}

// ErrAway is an ingest's answer while no NATS server can be reached: it
// would otherwise wait out its time, to the same end.
var ErrAway = errors.New("the NATS servers cannot be reached now: run it again once they are back, and it adds what the stream does not hold yet, each article once")

// errTooLarge marks an article larger than the NATS servers take in one
// message: it is rejected like a file too large to read.
var errTooLarge = errors.New("too large for the stream of articles")

// published is an article sent to the stream, awaiting its acknowledgement.
type published struct {
	origin string
	ack    jetstream.PubAckFuture
}

// publish sends one article to the stream. Its message ID is the article's
// ID and the file it was read from: the stream keeps one message for a
// story published twice in a short while, while the same story read from
// another file still travels, so that every index knows every file.
func (s *Stream) publish(c news.Candidate) (jetstream.PubAckFuture, error) {
	data, err := json.Marshal(message{Origin: c.Origin, Article: c.Article})
	if err != nil {
		return nil, err
	}
	if max := s.conn.MaxPayload(); int64(len(data)) > max {
		return nil, fmt.Errorf("%w: %d KB, and the servers take %d KB", errTooLarge, len(data)>>10, max>>10)
	}
	ack, err := s.js.PublishAsync(s.subject, data, jetstream.WithMsgID(c.Article.ID+" "+c.Article.Path))
	if err != nil {
		return nil, fmt.Errorf("publish %s to the stream of articles: %w", c.Origin, err)
	}
	return ack, nil
}

// Behind is how many messages of the stream the local index has not applied.
// It counts from the stream's last message, which a publish acknowledged is
// in at once, where a consumer's count of pending messages may lag.
func (s *Stream) Behind(ctx context.Context) (uint64, error) {
	info, err := s.stream.Info(ctx)
	if err != nil {
		return 0, err
	}
	applied, err := s.local.Applied()
	if err != nil {
		return 0, err
	}
	return info.State.LastSeq - min(applied, info.State.LastSeq), nil
}

// CatchUp applies to the local index what the stream holds that it has not
// applied, batch by batch, recording after each batch how far it got. It
// returns the local index's report of what it applied. progress, when set,
// is told how many messages there are, and returns what to call as each is
// applied.
func (s *Stream) CatchUp(ctx context.Context, progress func(total int) (done func())) (news.Report, error) {
	s.applying.Lock()
	defer s.applying.Unlock()
	return s.catchUp(ctx, progress)
}

// catchUp is CatchUp for a caller that holds applying. After a batch that
// failed, or a consumer that is gone, the consumer is made anew from where
// the index stands, so that no message is skipped.
func (s *Stream) catchUp(ctx context.Context, progress func(total int) (done func())) (report news.Report, err error) {
	defer func() {
		if err == nil {
			return
		}
		// Even when ctx ended: the messages fetched must not stay behind.
		reset, cancel := context.WithTimeout(context.WithoutCancel(ctx), fetchWait)
		defer cancel()
		if applied, aerr := s.local.Applied(); aerr == nil {
			s.resetConsumer(reset, applied)
		}
	}()
	var done func()
	for {
		behind, err := s.Behind(ctx)
		if err != nil {
			return report, fmt.Errorf("the stream of articles: %w", err)
		}
		if behind == 0 {
			return report, nil
		}
		if progress != nil && done == nil {
			done = progress(int(behind))
		}
		applied, err := s.applyBatch(ctx, int(min(behind, batchSize)), done)
		report = add(report, applied)
		if err != nil {
			return report, err
		}
	}
}

// applyBatch applies up to n messages to the local index, in their order:
// the articles before a removal are added before it, those after it after.
func (s *Stream) applyBatch(ctx context.Context, n int, done func()) (news.Report, error) {
	msgs, err := s.fetch(ctx, n)
	if err != nil {
		return news.Report{}, fmt.Errorf("read the stream of articles: %w", err)
	}
	var report news.Report
	var candidates []news.Candidate
	ingest := func() error {
		r, err := s.local.Ingest(ctx, slices.Values(candidates), done)
		report, candidates = add(report, r), candidates[:0]
		return err
	}
	var last jetstream.Msg
	var stored []time.Time
	for _, msg := range msgs {
		last = msg
		if meta, err := msg.Metadata(); err == nil {
			stored = append(stored, meta.Timestamp)
		}
		var m message
		switch err := json.Unmarshal(msg.Data(), &m); {
		case err != nil:
			// Not newsbot's: nothing to apply, but nothing to stop on.
			candidates = append(candidates, news.Candidate{Origin: msg.Subject(), Err: fmt.Errorf("not an article: %w", err)})
		case len(m.Gone) > 0:
			if err := ingest(); err != nil {
				return report, err
			}
			if _, err := s.local.Forget(ctx, m.Gone); err != nil {
				return report, err
			}
		default:
			candidates = append(candidates, news.Candidate{Origin: m.Origin, Article: m.Article})
		}
	}
	if last == nil {
		return report, nil
	}
	if err := ingest(); err != nil {
		return report, err
	}
	meta, err := last.Metadata()
	if err != nil {
		return report, err
	}
	if err := s.local.SetApplied(meta.Sequence.Stream); err != nil {
		return report, err
	}
	if s.applied != nil {
		for _, t := range stored {
			s.applied(t)
		}
	}
	return report, last.DoubleAck(ctx)
}

// fetch reads up to n messages from the consumer. A consumer just made on a
// cluster, or whose server was lost, has no leader for a moment, and a
// request to it finds no responders (one CI run in many, right after Open):
// it is asked again until fetchWait has passed.
func (s *Stream) fetch(ctx context.Context, n int) ([]jetstream.Msg, error) {
	deadline := time.Now().Add(fetchWait)
	for {
		batch, err := s.consumer.Fetch(n, jetstream.FetchMaxWait(fetchWait))
		if err != nil {
			return nil, err
		}
		var msgs []jetstream.Msg
		for msg := range batch.Messages() {
			msgs = append(msgs, msg)
		}
		err = batch.Error()
		switch {
		case err == nil || errors.Is(err, nats.ErrTimeout):
			return msgs, nil
		case !errors.Is(err, nats.ErrNoResponders) || time.Now().After(deadline):
			return nil, err
		}
		select {
		case <-time.After(declarePause):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// add sums two reports.
func add(a, b news.Report) news.Report {
	return news.Report{
		Added: a.Added + b.Added, Updated: a.Updated + b.Updated, Unchanged: a.Unchanged + b.Unchanged,
		Duplicates: a.Duplicates + b.Duplicates, TooOld: a.TooOld + b.TooOld, Rejected: append(a.Rejected, b.Rejected...),
	}
}

// Known tells which articles the local index holds.
func (s *Stream) Known(ctx context.Context, ids []string) (map[string]bool, error) {
	return s.local.Known(ctx, ids)
}

// Prune forgets the files gone from a folder in every process's index,
// this one's included, through the stream: published first, so that a
// removal that cannot be published is found again by the next run.
func (s *Stream) Prune(ctx context.Context, dir string, files []string) ([]string, error) {
	gone, err := s.local.Gone(ctx, dir, files)
	if err != nil || len(gone) == 0 {
		return gone, err
	}
	data, err := json.Marshal(message{Gone: gone})
	if err != nil {
		return gone, err
	}
	if _, err := s.js.Publish(ctx, s.subject, data); err != nil {
		return gone, fmt.Errorf("publish the files gone from %s to the stream of articles: %w", dir, err)
	}
	_, err = s.CatchUp(ctx, nil)
	return gone, err
}
