// Package schedule says when each channel's daily digest is due, on the
// channel's own clock, including on the days its clocks change. Everything
// here is a pure function of the instant passed in as now: no clock is read.
//
// # Days when the clocks change
//
// A local time can be missing or happen twice on a day when daylight saving
// time starts or ends. At settles both cases the same way in every zone:
//
//   - A time the clocks skip (02:30 in Europe/Paris on 2025-03-30, when 02:00
//     becomes 03:00) is due at the first instant after the gap: 03:00 local,
//     the moment of the change. The digest is late by the length of the gap
//     rather than skipped that day.
//   - A time that happens twice (02:30 in Europe/Paris on 2025-10-26, when 03:00
//     becomes 02:00 again) is due at its first occurrence, in summer time. The
//     second occurrence is the same date, which has been posted by then, so the
//     digest is posted once.
//
// time.Date leaves both cases open, and in fact settles them according to the
// sign of the zone's offset from UTC: for a time in a gap it returns 03:30 in
// Paris but 01:30 in New York, before the gap; for a repeated time, the second
// occurrence in Paris but the first in New York. At corrects what time.Date
// returns; schedule_test.go records both.
//
// The package imports time/tzdata, so every IANA zone loads on machines without
// a zoneinfo database, at the cost of about 450 KB in the binary.
package schedule

import (
	"fmt"
	"time"
	_ "time/tzdata" // every IANA zone, even where the system has none
)

// Date is a day on a calendar, without a time or a zone: the day a digest is
// for, as the channel's clock reads it.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the date of t on t's own clock; use t.In(loc) for another zone's.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String is the date as YYYY-MM-DD, the form the state file keeps.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// addDays is the date n days after d (before it for negative n).
func (d Date) addDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// At is the instant the clock in loc reads c on date d. A time the clocks skip
// that day is the first instant after the gap; a time that happens twice is its
// first occurrence (see the package doc). The result is in loc.
func At(d Date, c Clock, loc *time.Location) time.Time {
	want := time.Date(d.Year, d.Month, d.Day, c.Hour, c.Minute, 0, 0, time.UTC) // the wall clock, as if in UTC
	t := time.Date(d.Year, d.Month, d.Day, c.Hour, c.Minute, 0, 0, loc)
	start, end := t.ZoneBounds()
	switch got := wall(t); {
	case got.After(want): // skipped; time.Date went forward past the gap
		return start
	case got.Before(want): // skipped; time.Date went back before the gap
		return end
	}
	if start.IsZero() {
		return t // no change of offset before t: t is the only occurrence
	}
	// If the clocks went back at start, want may have happened before it too,
	// on the offset in force until then.
	_, before := start.Add(-time.Nanosecond).Zone()
	first := want.Add(-time.Duration(before) * time.Second).In(loc)
	if first.Before(start) && wall(first).Equal(want) {
		return first
	}
	return t
}

// wall is what t's clock reads, as the same reading in UTC, so that readings in
// different offsets compare.
func wall(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, t.Nanosecond(), time.UTC)
}

// Next is the first instant strictly after now at which the clock in loc reads
// c, settled as At settles the days the clocks change.
func Next(now time.Time, c Clock, loc *time.Location) time.Time {
	for d := DateOf(now.In(loc)); ; d = d.addDays(1) {
		if t := At(d, c, loc); t.After(now) {
			return t
		}
	}
}

// Previous is the date of the last time the clock in loc read c, at or
// before now: the last digest that a channel setting its clock now would
// otherwise owe, and must not get at once.
func Previous(now time.Time, c Clock, loc *time.Location) Date {
	today := DateOf(now.In(loc))
	if now.Before(At(today, c, loc)) {
		return today.addDays(-1)
	}
	return today
}
