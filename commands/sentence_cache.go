package commands

import (
	"container/list"
	"hash/maphash"
	"sync"
)

// sentenceCacheSize is how many bodies' sentences are kept: a few thousand
// articles, a few megabytes.
const sentenceCacheSize = 4096

// sentenceCache keeps the sentences of recently split bodies. The same
// articles come back in answer after answer (a subject in the news is asked
// about again and again), and splitting them is a third of an answer's time.
// Bodies are known by a hash of their text, so an edited article is split
// afresh. The cached slices are shared: callers must not change them.
var sentenceCache = &lru{size: sentenceCacheSize, entries: map[uint64]*list.Element{}, seed: maphash.MakeSeed()}

// lru is a least-recently-used map from body hashes to sentences.
type lru struct {
	mu      sync.Mutex
	size    int
	order   list.List // most recent first; values are *lruEntry
	entries map[uint64]*list.Element
	seed    maphash.Seed
}

type lruEntry struct {
	key       uint64
	sentences []sentence
}

// get returns the sentences of body, splitting it with split when they are
// not cached.
func (c *lru) get(body string, split func(string) []sentence) []sentence {
	key := maphash.String(c.seed, body)
	c.mu.Lock()
	if e, ok := c.entries[key]; ok {
		c.order.MoveToFront(e)
		c.mu.Unlock()
		return e.Value.(*lruEntry).sentences
	}
	c.mu.Unlock()
	sentences := split(body) // outside the lock: splitting is the slow part
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok {
		c.entries[key] = c.order.PushFront(&lruEntry{key, sentences})
		if c.order.Len() > c.size {
			oldest := c.order.Back()
			c.order.Remove(oldest)
			delete(c.entries, oldest.Value.(*lruEntry).key)
		}
	}
	return sentences
}
