package bot

import (
	"sync"
	"time"
)

// cooldown limits how often each user may ask: at most limit requests in any
// window. It protects the bot's machine and Discord's rate limits from one
// person's loop or enthusiasm.
type cooldown struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu     sync.Mutex
	recent map[string][]time.Time // by user ID, oldest first
}

func newCooldown(limit int, window time.Duration, now func() time.Time) *cooldown {
	return &cooldown{limit: limit, window: window, now: now, recent: map[string][]time.Time{}}
}

// allow records a request by user and reports whether it is within the limit;
// when it is not, wait is how long until the user may ask again. Refused
// requests are not recorded, so waiting out the window always works.
func (c *cooldown) allow(user string) (ok bool, wait time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	times := c.recent[user]
	for len(times) > 0 && now.Sub(times[0]) >= c.window {
		times = times[1:]
	}
	if len(times) >= c.limit {
		c.recent[user] = times
		return false, times[0].Add(c.window).Sub(now)
	}
	c.recent[user] = append(times, now)
	if len(c.recent) > 10000 {
		c.forgetIdle(now)
	}
	return true, 0
}

// forgetIdle drops users with no request in the window, so that the map does
// not grow with every user the bot ever saw.
func (c *cooldown) forgetIdle(now time.Time) {
	for user, times := range c.recent {
		if len(times) == 0 || now.Sub(times[len(times)-1]) >= c.window {
			delete(c.recent, user)
		}
	}
}
