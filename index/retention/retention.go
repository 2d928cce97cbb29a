// Package retention says how long newsbot keeps its articles: the period an
// operator sets (NEWSBOT_KEEP, prune --older-than) and the day before which
// articles are deleted. It knows no index, so that the bot and the command
// line read the setting the same way.
package retention

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Bounds of a period: a day at least, since articles are dated by the day,
// and a century at most, which is keeping everything.
const (
	shortest = 24 * time.Hour
	longest  = 100 * 366 * 24 * time.Hour
)

// Parse reads a period to keep articles for: a number of days like 365d, or
// a Go duration like 720h. An empty text is no period: keep everything.
func Parse(text string) (time.Duration, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, nil
	}
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(text, "d"); ok {
		var n int
		n, err = strconv.Atoi(days)
		d = time.Duration(n) * 24 * time.Hour
		if n > int(longest/(24*time.Hour)) {
			d = longest + 1 // and not an overflow
		}
	} else {
		d, err = time.ParseDuration(text)
	}
	if err != nil || d < shortest || d > longest {
		return 0, fmt.Errorf("%q: want a number of days like 365d, or hours like 720h, of at least a day", text)
	}
	return d, nil
}

// Cutoff is the first day kept, keeping articles for keep as of now: the
// midnight (UTC) that starts the day keep before now. Articles dated before
// it go. It is a day rather than an instant so that the processes of a
// cluster, each pruning its own index on the same day, delete the same
// articles; an article may so stay up to a day longer than keep.
func Cutoff(now time.Time, keep time.Duration) time.Time {
	return now.Add(-keep).UTC().Truncate(24 * time.Hour)
}

// Format writes a period as Parse reads it, in days when it is whole days.
func Format(keep time.Duration) string {
	if keep%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", keep/(24*time.Hour))
	}
	return keep.String()
}
