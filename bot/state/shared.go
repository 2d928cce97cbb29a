package state

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"newsbot/index/stream"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Keeper keeps the bot's state: a Store for one process, a Shared for
// several.
type Keeper interface {
	View(fn func(State))
	Update(fn func(*State) error) error
}

// The bucket and key that hold the state shared by the processes of a
// cluster.
const (
	Bucket = "NEWSBOT_STATE"
	key    = "state"
)

// sharedTimeout bounds one round trip to the bucket.
const sharedTimeout = 10 * time.Second

// Shared is the state kept in a JetStream key-value bucket, for several
// processes at once. An Update reads the state with its revision, changes
// it, and writes it only if no other process wrote in between; otherwise it
// reads again and calls fn again, so that two changes made at once are both
// kept. The claim of a digest day is such an Update (see Digest.Attempted):
// whichever process makes it first posts the day, and the others see it made.
type Shared struct {
	conn *nats.Conn
	kv   jetstream.KeyValue
	log  *slog.Logger

	mu   sync.Mutex
	last State // the last state read, for View while NATS cannot be reached
}

// OpenShared opens the bucket, making it when there is none. The first time,
// the state of the file at importPath (this process's state.json from before
// cluster mode) becomes the shared state, and log says so.
func OpenShared(ctx context.Context, conn *nats.Conn, replicas int, importPath string, log *slog.Logger) (*Shared, error) {
	js, err := jetstream.New(conn)
	if err != nil {
		return nil, err
	}
	var kv jetstream.KeyValue
	err = stream.Declare(ctx, func(ctx context.Context) (err error) {
		kv, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: Bucket, History: 5, Storage: jetstream.FileStorage, Replicas: max(replicas, 1)})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("the shared state: %w", err)
	}
	s := &Shared{conn: conn, kv: kv, log: log, last: empty()}
	// A bucket just made may have no leader yet to answer: asked again.
	err = stream.Declare(ctx, func(ctx context.Context) error {
		if _, err := kv.Get(ctx, key); errors.Is(err, jetstream.ErrKeyNotFound) {
			return s.importFile(ctx, importPath)
		} else if err != nil {
			return fmt.Errorf("the shared state: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// importFile makes the state of the file at path the shared state, unless
// another process made one first.
func (s *Shared) importFile(ctx context.Context, path string) error {
	st, err := load(path)
	if err != nil {
		return err
	}
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if _, err := s.kv.Create(ctx, key, data); errors.Is(err, jetstream.ErrKeyExists) {
		return nil
	} else if err != nil {
		return fmt.Errorf("the shared state: %w", err)
	}
	s.log.Info("the shared state starts from this process's state file", "file", path, "digests", len(st.Digests), "feeds", len(st.Feeds))
	return nil
}

// read is the current state and its revision; revision 0 when there is none.
func (s *Shared) read(ctx context.Context) (State, uint64, error) {
	entry, err := s.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return empty(), 0, nil
	}
	if err != nil {
		return State{}, 0, err
	}
	st, err := decode(entry.Value())
	if err != nil {
		return State{}, 0, fmt.Errorf("the shared state is damaged: %w", err)
	}
	return st, entry.Revision(), nil
}

// View calls fn with a copy of the current state, or of the last one read
// when the bucket cannot be reached: answers and schedules go on.
func (s *Shared) View(fn func(State)) {
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	// Disconnected, a read would wait out its time: commands answer at once.
	err := errNotConnected
	var st State
	if s.conn.IsConnected() {
		st, _, err = s.read(ctx)
	}
	s.mu.Lock()
	if err != nil {
		s.log.Warn("the shared state cannot be read: using the last one read", "err", err)
		st = s.last.clone()
	} else {
		s.last = st.clone()
	}
	s.mu.Unlock()
	fn(st)
}

// Update calls fn with a copy of the current state to change, and writes the
// result if no other process wrote since it was read; else it tries again
// with what the other wrote. If fn returns an error, or the bucket cannot be
// reached, nothing is written and Update returns the error: a digest is not
// claimed, and so not posted, while NATS is away.
func (s *Shared) Update(fn func(*State) error) error {
	if !s.conn.IsConnected() {
		return fmt.Errorf("the shared state: %w", errNotConnected)
	}
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	for {
		st, revision, err := s.read(ctx)
		if err != nil {
			return fmt.Errorf("the shared state: %w", err)
		}
		if err := fn(&st); err != nil {
			return err
		}
		st.Version = Version
		data, err := json.Marshal(st)
		if err != nil {
			return err
		}
		if revision == 0 {
			_, err = s.kv.Create(ctx, key, data)
		} else {
			_, err = s.kv.Update(ctx, key, data, revision)
		}
		if err == nil {
			s.mu.Lock()
			s.last = st.clone()
			s.mu.Unlock()
			return nil
		}
		if !errors.Is(err, jetstream.ErrKeyExists) && !isWrongRevision(err) {
			return fmt.Errorf("the shared state: %w", err)
		}
		// Another process wrote first: read again and redo the change.
	}
}

// isWrongRevision reports whether a write was refused because the key had
// moved on since it was read (a replicated bucket and a single server say
// so with different codes).
func isWrongRevision(err error) bool {
	return errors.Is(err, jetstream.ErrKeyRevisionMismatch)
}

// errNotConnected is NATS away: the state is not read or written until it
// is back.
var errNotConnected = errors.New("not connected to NATS")
