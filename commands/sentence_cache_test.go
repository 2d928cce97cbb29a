package commands

import (
	"container/list"
	"hash/maphash"
	"testing"
)

func TestLRU(t *testing.T) {
	c := &lru{size: 2, entries: map[uint64]*list.Element{}, seed: maphash.MakeSeed()}
	calls := 0
	split := func(body string) []sentence { calls++; return []sentence{{Text: body}} }
	for _, body := range []string{"a", "b", "a", "c", "b", "a"} {
		if got := c.get(body, split); got[0].Text != body {
			t.Fatalf("get(%q) = %q", body, got[0].Text)
		}
	}
	// a, b: split; a: cached; c: split, evicts b; b: split, evicts a; a: split.
	if calls != 5 {
		t.Errorf("%d splits; want 5", calls)
	}
	if c.order.Len() != 2 || len(c.entries) != 2 {
		t.Errorf("the cache holds %d (%d keys); want 2", c.order.Len(), len(c.entries))
	}
}
