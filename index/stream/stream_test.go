package stream_test

import (
	"context"
	"errors"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"newsbot/index"
	"newsbot/index/ingest"
	"newsbot/index/news"
	"newsbot/index/stream"
	"newsbot/index/stream/natstest"
)

// node is one newsbot process: its own index, applying the shared stream.
type node struct {
	dir    string
	index  *index.Index
	stream *stream.Stream
}

func openNode(t *testing.T, url, name, dir string) *node {
	t.Helper()
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := stream.Open(context.Background(), stream.Config{URL: url, Node: name}, ix)
	if err != nil {
		ix.Close()
		t.Fatal(err)
	}
	return &node{dir, ix, s}
}

// twoNodes starts a NATS server and two processes on it, each with an index
// of its own, closed when the test ends.
func twoNodes(t *testing.T) (first, second *node) {
	t.Helper()
	url := natstest.Start(t)
	first = openNode(t, url, "first", t.TempDir())
	t.Cleanup(first.close)
	second = openNode(t, url, "second", t.TempDir())
	t.Cleanup(second.close)
	return first, second
}

func (n *node) close() {
	n.stream.Close()
	n.index.Close()
}

// ids are the IDs of every article in the node's index.
func (n *node) ids(t *testing.T) []string {
	t.Helper()
	res, err := n.index.Search(context.Background(), news.Query{Size: 10000, Light: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range res.Matches {
		ids = append(ids, m.Article.ID)
	}
	slices.Sort(ids)
	return ids
}

// Articles ingested through one process reach another's index; a process
// stopped and started again applies only what came meanwhile; a process with
// an empty index catches up from the start.
func TestStreamSharesArticles(t *testing.T) {
	ctx := context.Background()
	url := natstest.Start(t)
	first := openNode(t, url, "first", t.TempDir())
	defer first.close()
	second := openNode(t, url, "second", t.TempDir())

	report, err := ingest.Run(ctx, first.stream, ingest.Sources{Paths: []string{"../../testdata/articles"}}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if report.Added == 0 || len(report.Rejected) != 0 {
		t.Fatalf("ingest through the stream: %+v; want the samples added", report.Report)
	}
	caught, err := second.stream.CatchUp(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := first.ids(t)
	if got := second.ids(t); !slices.Equal(got, want) || caught.Added != report.Added {
		t.Fatalf("the second index holds %d articles (%d added); want the first's %d", len(got), caught.Added, len(want))
	}

	// The second process stops; an article comes in through the first.
	second.close()
	extra := filepath.Join(t.TempDir(), "harbour.txt")
	if err := os.WriteFile(extra, []byte(" date 2025-04-30 Harbour wall approved\n\nThe council approved the harbour wall.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Run(ctx, first.stream, ingest.Sources{Paths: []string{extra}}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	second = openNode(t, url, "second", second.dir)
	defer second.close()
	var total int
	caught, err = second.stream.CatchUp(ctx, func(n int) func() { total = n; return func() {} })
	if err != nil {
		t.Fatal(err)
	}
	if caught.Added != 1 || total != 1 || !slices.Equal(second.ids(t), first.ids(t)) {
		t.Errorf("after a restart: %d applied of %d behind; want the one article that came meanwhile, and the same articles as the first", caught.Added, total)
	}

	// A new process with an empty index catches up from the start.
	third := openNode(t, url, "third", t.TempDir())
	defer third.close()
	if _, err := third.stream.CatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := third.ids(t); !slices.Equal(got, first.ids(t)) {
		t.Errorf("a new process holds %d articles; want the %d of the others", len(got), len(first.ids(t)))
	}
	if behind, err := third.stream.Behind(ctx); err != nil || behind != 0 {
		t.Errorf("a caught-up process is %d behind (%v); want 0", behind, err)
	}
}

// A file gone from a folder indexed through one process is forgotten by
// every process.
func TestStreamRemovalsTravel(t *testing.T) {
	ctx := context.Background()
	first, second := twoNodes(t)
	folder := t.TempDir()
	for name, title := range map[string]string{"harbour.txt": "Harbour wall approved", "ferry.txt": "Ferry timetable changes"} {
		text := " date 2025-04-30 " + title + "\n\nThe council said the " + title + " story is true.\n"
		if err := os.WriteFile(filepath.Join(folder, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sources := ingest.Sources{Paths: []string{folder}}
	if _, err := ingest.Run(ctx, first.stream, sources, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(folder, "ferry.txt")); err != nil {
		t.Fatal(err)
	}
	result, err := ingest.Run(ctx, first.stream, sources, ingest.Options{})
	if err != nil || len(result.Gone) != 1 {
		t.Fatalf("second run: gone %q, %v; want ferry.txt", result.Gone, err)
	}
	if _, err := second.stream.CatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := second.ids(t); len(got) != 1 || !slices.Equal(got, first.ids(t)) {
		t.Errorf("the second index holds %d articles; want the one left, as the first", len(got))
	}
}

// On a cluster of three NATS servers keeping three copies of the stream,
// losing one server loses nothing and stops nothing.
func TestStreamSurvivesALostServer(t *testing.T) {
	ctx := context.Background()
	cluster := natstest.StartCluster(t, 3)
	open := func(name, dir string) *node {
		t.Helper()
		ix, err := index.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		var s *stream.Stream
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			// The stream's three copies need the cluster's routes up.
			if s, err = stream.Open(ctx, stream.Config{URL: cluster.URL(), Node: name, Replicas: 3}, ix); err == nil || time.Now().After(deadline) {
				break
			}
		}
		if err != nil {
			ix.Close()
			t.Fatal(err)
		}
		return &node{dir, ix, s}
	}
	first := open("first", t.TempDir())
	defer first.close()
	second := open("second", t.TempDir())
	defer second.close()

	folder := t.TempDir()
	write := func(name, title string) {
		text := " date 2025-04-30 " + title + "\n\nThe council said the " + title + " story is true.\n"
		if err := os.WriteFile(filepath.Join(folder, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("harbour.txt", "Harbour wall approved")
	if _, err := ingest.Run(ctx, first.stream, ingest.Sources{Paths: []string{folder}}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	cluster.Servers[2].Shutdown()
	write("ferry.txt", "Ferry timetable changes")
	var err error
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		// A client of the lost server moves to another; a stream whose
		// leader it was elects a new one.
		if _, err = ingest.Run(ctx, first.stream, ingest.Sources{Paths: []string{folder}}, ingest.Options{}); err == nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatalf("ingest with one server of three lost: %v", err)
	}
	if _, err := second.stream.CatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := second.ids(t); len(got) != 2 || !slices.Equal(got, first.ids(t)) {
		t.Errorf("with one server lost, the second index holds %d articles; want both, as the first", len(got))
	}
}

// failingOnce is an index whose next ingest fails when armed.
type failingOnce struct {
	*index.Index
	armed bool
}

func (f *failingOnce) Ingest(ctx context.Context, candidates iter.Seq[news.Candidate], done func()) (news.Report, error) {
	if f.armed {
		f.armed = false
		return news.Report{}, errors.New("the disk is full")
	}
	return f.Index.Ingest(ctx, candidates, done)
}

// A batch that fails to apply is applied again on the next try, never
// skipped; an article too large for a message is rejected, the others go in.
func TestStreamAppliesAFailedBatchAgain(t *testing.T) {
	ctx := context.Background()
	url := natstest.Start(t)
	first := openNode(t, url, "first", t.TempDir())
	defer first.close()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	flaky := &failingOnce{Index: ix}
	second, err := stream.Open(ctx, stream.Config{URL: url, Node: "second"}, flaky)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()

	folder := t.TempDir()
	write := func(name, title, body string) {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(" date 2025-04-30 "+title+"\n\n"+body+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Harbour wall approved", "The council approved the harbour wall.")
	write("huge.txt", "A very long report", strings.Repeat("The report goes on about the harbour at length. ", 30000))
	result, err := ingest.Run(ctx, first.stream, ingest.Sources{Paths: []string{folder}}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(result.Rejected) != 1 || !strings.Contains(result.Rejected[0].Reason.Error(), "too large") || result.Added != 1 {
		t.Fatalf("ingest with a 1.4 MB article: %+v; want it rejected as too large and the other added", result.Report)
	}
	flaky.armed = true
	if _, err := second.CatchUp(ctx, nil); err == nil {
		t.Fatal("the failing ingest was not reported")
	}
	write("b.txt", "Ferry timetable changes", "The ferry will sail twice a day.")
	if _, err := ingest.Run(ctx, first.stream, ingest.Sources{Paths: []string{folder}}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := second.CatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Search(ctx, news.Query{Size: 10, Light: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := first.ids(t); got.Total != len(want) || len(want) != 2 {
		t.Errorf("after a failed batch the second index holds %d articles; want the first's %d", got.Total, len(want))
	}
}

// Processes started at once on a cluster that has just formed all get the
// stream of articles: on nats-server 2.15.3, declaring one replicated stream
// from several connections at once leaves every request unanswered about
// one time in three, though the stream is made.
func TestDeclareAtOnce(t *testing.T) {
	for round := range 4 {
		cluster := natstest.StartCluster(t, 3)
		var wg sync.WaitGroup
		for process := range 3 {
			wg.Go(func() {
				conn, err := nats.Connect(cluster.URL())
				if err != nil {
					t.Error(err)
					return
				}
				defer conn.Close()
				js, err := jetstream.New(conn)
				if err != nil {
					t.Error(err)
					return
				}
				err = stream.Declare(context.Background(), func(ctx context.Context) error {
					_, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{Name: stream.Name, Subjects: []string{"articles"}, Storage: jetstream.FileStorage, Replicas: 3})
					return err
				})
				if err != nil {
					t.Errorf("round %d, process %d: %v", round, process, err)
				}
			})
		}
		wg.Wait()
	}
}

// An ingest while NATS is away fails with the reason and changes nothing;
// run again once NATS is back, it adds everything, once.
func TestStreamIngestWhileNATSIsAway(t *testing.T) {
	ctx := context.Background()
	srv := natstest.StartServer(t)
	n := openNode(t, srv.URL(), "alone", t.TempDir())
	defer n.close()
	srv.Stop()
	started := time.Now()
	_, err := ingest.Run(ctx, n.stream, ingest.Sources{Paths: []string{"../../testdata/articles"}}, ingest.Options{})
	t.Logf("the ingest failed after %s: %v", time.Since(started).Round(time.Millisecond), err)
	if !errors.Is(err, stream.ErrAway) {
		t.Errorf("ingest while NATS is away: %v; want ErrAway", err)
	}
	if ids := n.ids(t); len(ids) != 0 {
		t.Errorf("the index took %d articles that the stream did not", len(ids))
	}
	srv.Start()
	// Run again until NATS is back, as a user would: each run adds what the
	// stream has not, and says so.
	var res ingest.Result
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if res, err = ingest.Run(ctx, n.stream, ingest.Sources{Paths: []string{"../../testdata/articles"}}, ingest.Options{}); err == nil || time.Now().After(deadline) {
			break // the client reconnects within a few seconds
		}
	}
	if err != nil {
		t.Fatalf("ingest once NATS is back: %v", err)
	}
	alone, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer alone.Close()
	want, _ := ingest.Run(ctx, alone, ingest.Sources{Paths: []string{"../../testdata/articles"}}, ingest.Options{})
	if res.Added+res.Unchanged != want.Added || len(n.ids(t)) != want.Added {
		t.Errorf("ingest once NATS is back: %+v; the index holds %d; want %d added or there already", res.Report, len(n.ids(t)), want.Added)
	}
}

// A consumer with no leader for a moment, as one just made on a cluster, is
// waited for: catching up does not fail on the request that finds no one.
func TestCatchUpWaitsForItsConsumer(t *testing.T) {
	ctx := context.Background()
	first, second := twoNodes(t)
	if _, err := ingest.Run(ctx, first.stream, ingest.Sources{Paths: []string{"../../testdata/articles"}}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}

	// Take the second node's consumer away, and bring it back a moment later.
	js, err := jetstream.New(second.stream.Conn())
	if err != nil {
		t.Fatal(err)
	}
	if err := js.DeleteConsumer(ctx, stream.Name, "second"); err != nil {
		t.Fatal(err)
	}
	back := make(chan error, 1)
	time.AfterFunc(time.Second, func() {
		_, err := js.CreateConsumer(ctx, stream.Name, jetstream.ConsumerConfig{Durable: "second", AckPolicy: jetstream.AckAllPolicy})
		back <- err
	})
	if _, err := second.stream.CatchUp(ctx, nil); err != nil {
		t.Fatalf("catch up while the consumer is away a moment: %v", err)
	}
	if err := <-back; err != nil {
		t.Fatal(err)
	}
	if got, want := second.ids(t), first.ids(t); len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("the second index holds %d articles; want the first's %d", len(got), len(want))
	}
}
