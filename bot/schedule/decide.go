package schedule

import (
	"fmt"
	"time"
)

// Due is what Decide needs to know about one channel's digest.
type Due struct {
	Clock    Clock
	Location *time.Location // the channel's zone; must not be nil
	// LastPosted and Attempted are the dates (YYYY-MM-DD) of the last digest
	// posted in full and of the last one started (or skipped); "" for none.
	LastPosted, Attempted string
	// Grace is how late a digest may still be posted, after a restart or an
	// outage. It should be longer than the interval between calls to Decide
	// and shorter than a day.
	Grace time.Duration
}

// Action is what to do about a digest now.
type Action int

// The actions Decide chooses from.
const (
	// Wait: nothing is due before Decision.Until.
	Wait Action = iota
	// Post the digest of Decision.Date now. Record Decision.Date as Attempted
	// before posting and as LastPosted once it is posted in full.
	Post
	// Skip the digest of Decision.Date: it is too late to post. Record
	// Decision.Date as Attempted and log Decision.Reason.
	Skip
)

// String names the action, for logs and test messages.
func (a Action) String() string {
	switch a {
	case Wait:
		return "wait"
	case Post:
		return "post"
	case Skip:
		return "skip"
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Decision is what Decide chose, with what the caller needs to carry it out.
type Decision struct {
	Action Action
	Until  time.Time // Wait: when something is next due
	Date   string    // Post, Skip: the digest's date, YYYY-MM-DD
	Reason string    // Skip: why, for the log
}

// Decide says what to do about one channel's digest at now. It is meant to be
// called on every tick (every 30 seconds, say) and after every restart: as long
// as the caller records each Post and Skip as their doc says, a day's digest is
// posted at most once, and never after the grace has passed.
//
// A date is done when LastPosted or Attempted is that date or a later one. Dates
// only move forward: after the channel's timezone changes, a day already posted
// in the old zone is not posted again in the new one. With T the instant the
// channel's clock reads d.Clock today (see At):
//
//  1. Before T: yesterday's digest is posted if it is not done and at most
//     Grace has passed since yesterday's T (a 23:30 clock, a 2h grace, and now
//     00:30: the digest of the day before is an hour late). Otherwise wait
//     until T. A digest too late for its grace is not posted, nor reported as
//     skipped, once its day is over.
//  2. At or after T, today done: wait until the next T, tomorrow.
//  3. At or after T, at most Grace late: post today's digest.
//  4. Later than that: skip today's digest. Once the skip is recorded, today is
//     done, and case 2 follows.
func Decide(now time.Time, d Due) Decision {
	today := DateOf(now.In(d.Location))
	due := At(today, d.Clock, d.Location)
	if now.Before(due) {
		yesterday := today.addDays(-1)
		late := now.Sub(At(yesterday, d.Clock, d.Location))
		if !d.done(yesterday) && late >= 0 && late <= d.Grace {
			return Decision{Action: Post, Date: yesterday.String()}
		}
		return Decision{Action: Wait, Until: due}
	}
	if d.done(today) {
		return Decision{Action: Wait, Until: Next(now, d.Clock, d.Location)}
	}
	late := now.Sub(due)
	if late <= d.Grace {
		return Decision{Action: Post, Date: today.String()}
	}
	return Decision{Action: Skip, Date: today.String(), Reason: fmt.Sprintf(
		"the %s digest of %s was due %s ago, more than the %s grace", d.Clock, today, span(late), span(d.Grace))}
}

// done reports whether the digest of date was posted, started or skipped, or a
// later one was. Dates as YYYY-MM-DD compare as strings.
func (d Due) done(date Date) bool {
	s := date.String()
	return d.LastPosted >= s || d.Attempted >= s
}

// span is d for people: "3h", "2h30m", "45m".
func span(d time.Duration) string {
	if d < time.Minute {
		return d.String()
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case m == 0:
		return fmt.Sprintf("%dh", h)
	case h == 0:
		return fmt.Sprintf("%dm", m)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}
