package bot

import (
	"context"
	"fmt"
	"time"

	"newsbot/index/news"
	"newsbot/index/retention"
)

// pruneOld deletes the articles older than the period NEWSBOT_KEEP sets, when
// the first day kept has moved on since prunedTo, the day the last prune
// kept from: at start, then once a day, just after midnight UTC. It returns
// the day it pruned to, or prunedTo when there was nothing to do or it
// failed, so that the next tick tries again. In a cluster every process
// prunes its own index so, by the same days, and the indexes stay alike
// without a word between them.
func (b *Bot) pruneOld(ctx context.Context, prunedTo time.Time) time.Time {
	cutoff := retention.Cutoff(b.now(), b.cfg.Keep)
	if !cutoff.After(prunedTo) {
		return prunedTo
	}
	log := b.log.With("keep", retention.Format(b.cfg.Keep), "before", cutoff.Format(time.DateOnly))
	started := time.Now()
	pruned, err := b.news.PruneBefore(ctx, cutoff, nil)
	if err != nil {
		if ctx.Err() == nil {
			log.Error("could not delete the old articles; trying again on the next tick", "deleted", pruned.Deleted, "err", err)
		}
		return prunedTo
	}
	log.Info("deleted the articles older than NEWSBOT_KEEP", "deleted", pruned.Deleted, "kept", pruned.Kept, "oldest", dateOrNone(pruned.Oldest), "took", time.Since(started).Round(time.Millisecond))
	return cutoff
}

// keptField is /stats' line on retention: for how long articles are kept
// and the oldest one kept.
func (b *Bot) keptField(st news.Stats) string {
	oldest := "no article is dated yet"
	if !st.Oldest.IsZero() {
		oldest = "the oldest article kept is from " + st.Oldest.Format(time.DateOnly)
	}
	return fmt.Sprintf("%s, older articles are deleted daily; %s", days(b.cfg.Keep), oldest)
}

// days says a period in days when it is whole days: "365 days".
func days(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		if n := d / (24 * time.Hour); n != 1 {
			return fmt.Sprintf("%d days", n)
		}
		return "1 day"
	}
	return d.String()
}

// dateOrNone writes a date for the log, "none" for the zero time.
func dateOrNone(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.Format(time.DateOnly)
}
