package state

import (
	"fmt"
	"sync"
)

// Store is the state file of one data directory and its current contents. It is
// safe for concurrent use: readers get copies and never wait for the disk, and
// updates are saved one at a time, in order.
type Store struct {
	path  string
	write sync.Mutex   // held through an Update, so saves never interleave
	mu    sync.RWMutex // guards cur
	cur   State
}

// Open reads the state file at path, usually DATA/state.json. A missing file is
// an empty state (the file is created by the first Update); a file that cannot be
// read as a state is a *DamagedError that says how to recover, because starting
// empty would silently drop every channel's settings. Open also removes the
// temporary files a crash in the middle of a save may have left.
func Open(path string) (*Store, error) {
	if err := removeStrays(path); err != nil {
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	st, err := load(path)
	if err != nil {
		return nil, err
	}
	return &Store{path: path, cur: st}, nil
}

// View calls fn with a copy of the current state. fn may keep or change its copy
// freely; it runs without holding the Store, so it may be slow or call Update.
func (s *Store) View(fn func(State)) {
	s.mu.RLock()
	c := s.cur.clone()
	s.mu.RUnlock()
	fn(c)
}

// Update calls fn with a copy of the current state to change, saves the result
// and only then makes it current. If fn returns an error, or the save fails,
// Update returns that error and the state stays as it was, in memory and in the
// file. (The one exception: when the directory cannot be synced after the new
// file was renamed into place, the save is reported as failed although the new
// file may survive; it holds a state fn asked for, and the next Update replaces
// it.) fn must not call Update, which would wait for itself.
func (s *Store) Update(fn func(*State) error) error {
	s.write.Lock()
	defer s.write.Unlock()
	s.mu.RLock()
	next := s.cur.clone()
	s.mu.RUnlock()
	if err := fn(&next); err != nil {
		return err
	}
	next.Version = Version
	if err := save(s.path, next); err != nil {
		return fmt.Errorf("save state %s: %w", s.path, err)
	}
	next = next.clone() // fn may have kept pointers into next
	s.mu.Lock()
	s.cur = next
	s.mu.Unlock()
	return nil
}

// Export writes the state k holds now as a state file at path, which a
// process started on it reads as it would its own: for backups.
func Export(k Keeper, path string) error {
	var st State
	k.View(func(s State) { st = s })
	st.Version = Version
	return save(path, st)
}
