package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"newsbot/index"
	"newsbot/index/news"
	"newsbot/index/stream"
)

// clusterConfig reads the cluster settings: NEWSBOT_NATS_URL turns cluster
// mode on; NEWSBOT_NATS_CREDS, NEWSBOT_NATS_REPLICAS and NEWSBOT_NODE refine
// it. A process's node name is NEWSBOT_NODE, else its host's name and its
// data directory: the same across restarts, another for each process.
func (e env) clusterConfig(dataDir string) (cfg stream.Config, on bool, err error) {
	cfg.URL = strings.TrimSpace(e.getenv("NEWSBOT_NATS_URL"))
	if cfg.URL == "" {
		return cfg, false, nil
	}
	cfg.Creds = strings.TrimSpace(e.getenv("NEWSBOT_NATS_CREDS"))
	cfg.Replicas = 1
	if text := strings.TrimSpace(e.getenv("NEWSBOT_NATS_REPLICAS")); text != "" {
		if cfg.Replicas, err = strconv.Atoi(text); err != nil || cfg.Replicas < 1 || cfg.Replicas > 5 {
			return cfg, false, fmt.Errorf("NEWSBOT_NATS_REPLICAS %q: want 1 to 5 (3 on a cluster of three)", text)
		}
	}
	cfg.Node = strings.TrimSpace(e.getenv("NEWSBOT_NODE"))
	if cfg.Node == "" {
		host, _ := os.Hostname()
		abs, err := filepath.Abs(dataDir)
		if err != nil {
			return cfg, false, err
		}
		sum := sha256.Sum256([]byte(abs))
		cfg.Node = host + "-" + hex.EncodeToString(sum[:4])
	}
	return cfg, true, nil
}

// joinCluster, in cluster mode, connects ix to the stream of articles and
// applies what the index has not seen yet, with a progress bar on a
// terminal. It returns nil outside cluster mode.
func (e env) joinCluster(ctx context.Context, ix *index.Index, dataDir string) (*stream.Stream, error) {
	cfg, on, err := e.clusterConfig(dataDir)
	if err != nil || !on {
		return nil, err
	}
	s, err := stream.Open(ctx, cfg, ix)
	if err != nil {
		return nil, err
	}
	if err := e.publishIndex(ctx, ix, s); err != nil {
		s.Close()
		return nil, err
	}
	finish := func() {}
	report, err := s.CatchUp(ctx, func(total int) func() {
		done, end := e.progress(total, "catching up")
		finish = end
		return done
	})
	finish()
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("catching up with the stream of articles: %w", err)
	}
	if report.Read() > 0 {
		fmt.Fprintf(e.stderr, "caught up with the stream of articles: %d added, %d updated\n", report.Added, report.Updated)
	}
	return s, nil
}

// publishIndex publishes the articles of an index made before its process
// joined the cluster (one that has applied nothing of the stream yet holds
// them), so that every process gets them, as it would have had they been
// indexed in cluster mode. The stream keeps each once; a process that has
// them already finds them unchanged.
func (e env) publishIndex(ctx context.Context, ix *index.Index, s *stream.Stream) error {
	applied, err := ix.Applied()
	if err != nil || applied > 0 {
		return err
	}
	n, err := ix.Count()
	if err != nil || n == 0 {
		return err
	}
	fmt.Fprintf(e.stderr, "this index holds %d articles from before it joined the cluster: publishing them to the stream of articles\n", n)
	done, finish := e.progress(n, "publishing")
	articles, failed := ix.Candidates(ctx, done)
	_, err = s.Ingest(ctx, articles, nil)
	finish()
	if err = cmp.Or(failed(), err); err != nil {
		return fmt.Errorf("publishing this index's articles to the stream: %w", err)
	}
	return nil
}

// clustered is the index as the bot uses it in cluster mode: it answers
// from the local index, and what the bot ingests (feed items) goes through
// the stream, to every process.
type clustered struct {
	*index.Index
	stream *stream.Stream
}

func (c clustered) Ingest(ctx context.Context, candidates iter.Seq[news.Candidate], done func()) (news.Report, error) {
	return c.stream.Ingest(ctx, candidates, done)
}

// followEvery is how often a serving process applies what the others added.
const followEvery = 2 * time.Second

// Behind is how many articles of the stream the local index has not applied,
// for /healthz.
func (c clustered) Behind(ctx context.Context) (uint64, error) { return c.stream.Behind(ctx) }
