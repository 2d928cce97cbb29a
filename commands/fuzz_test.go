package commands

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzSubject checks that Subject never panics and returns words separated
// by single spaces (no leading, trailing or repeated white space of any
// kind), valid UTF-8 when the question is, never longer than the question
// (in characters; in bytes too for valid UTF-8, since an invalid byte comes
// out as U+FFFD), so that the subject of a subject cannot grow either.
// Subject is not idempotent ("Witkoff's's" loses one "'s" per call), and
// need not be.
func FuzzSubject(f *testing.F) {
	for _, q := range []string{
		"what's new about Macron?", "Steve Witkoff’s", "hey, what's the latest on Ukraine",
		"tell me about the Paris talks", "any news on Iran lately?", "AT&T", "Reuters' reporters",
		"what's new?", "", "???", "\u00a0Rubio\u3000", "Witkoff's's", "news about news about x today today",
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		s := Subject(q, nil)
		if utf8.ValidString(q) && !utf8.ValidString(s) {
			t.Errorf("Subject(%q) = %q: invalid UTF-8", q, s)
		}
		if folded := strings.Join(strings.Fields(s), " "); s != folded {
			t.Errorf("Subject(%q) = %q; want its white space folded: %q", q, s, folded)
		}
		// Composing accents and plain forms (NFKC) lengthens some characters
		// (a ligature, U+0344): the subject is no longer than the question so
		// composed, its invalid bytes read as U+FFFD first, as Subject reads
		// them: an invalid byte before U+0344 kept it from being composed.
		// A comma typed without its space before a word gets one ("nn,A00"),
		// and a slash between words is a comma and a space.
		composed := hurriedPunctuationSpaced(norm.NFKC.String(strings.Map(func(r rune) rune { return r }, q)))
		if n := utf8.RuneCountInString(s); n > utf8.RuneCountInString(composed) || utf8.ValidString(q) && len(s) > len(composed) {
			t.Errorf("Subject(%q) = %q is longer than the question", q, s)
		}
		if again := Subject(s, nil); len(again) > len(s) {
			t.Errorf("Subject(%q) = %q is longer than %q", s, again, s)
		}
	})
}

// FuzzParseSince checks that ParseSince never panics and returns: the zero
// time for "", the day itself for a YYYY-MM-DD date (which may be after now:
// the date is taken as given), and otherwise either an error or a time
// before now, at midnight UTC for days and weeks. now ranges over 1970-2999.
func FuzzParseSince(f *testing.F) {
	for _, s := range []string{"", "7d", "2w", "24h", "2025-04-01", "2999-12-31", "0d", "-3d", "+3d",
		"7", "7y", "d", "yesterday", "2025-13-01", "99999999d", "36600d", "36601d", " 1h ", "1é", "٣d"} {
		f.Add(s, int64(1745163000))
	}
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		const millennium = 1000 * 365 * 24 * 3600
		if unix %= millennium; unix < 0 {
			unix += millennium
		}
		now := time.Unix(unix, 0).In(time.FixedZone("X", 5*3600+1800))
		got, err := ParseSince(s, now)
		trimmed := strings.TrimSpace(s)
		if err != nil {
			if err.Error() == "" {
				t.Errorf("ParseSince(%q): an error without a message", s)
			}
			return
		}
		if trimmed == "" {
			if !got.IsZero() {
				t.Errorf("ParseSince(%q) = %v; want the zero time", s, got)
			}
			return
		}
		if d, err := time.Parse(time.DateOnly, trimmed); err == nil {
			if !got.Equal(d) {
				t.Errorf("ParseSince(%q) = %v; want the date %v", s, got, d)
			}
			return
		}
		if !got.Before(now) {
			t.Errorf("ParseSince(%q, %v) = %v; want a time before now", s, now, got)
		}
		if unit := trimmed[len(trimmed)-1]; (unit == 'd' || unit == 'w') && !got.Equal(got.UTC().Truncate(24*time.Hour)) {
			t.Errorf("ParseSince(%q) = %v; want midnight UTC", s, got)
		}
	})
}

// FuzzAsk checks that Ask, over the bundled samples, never panics nor fails
// but to say that a question asks about nothing or is too long, lists no
// more sources than it found, and that the next page of the subject it
// read, as the More sources button asks it, does not fail either. It found
// "Witkoff or I!A" failing with "nothing to search for": a subject of a
// series that the index keeps no word of.
func FuzzAsk(f *testing.F) {
	for _, q := range []string{
		"Kellogg and Rubio", "macron or zelensky or rubio", "witkoff, kellogg, or rubio latest", "or",
		"and and or", "Nestlé or Rubio", ", , or", "tariffs or Iran talks since April", "Kellogg and -Rubio",
		"oldest on Witkoff or Iran", "what's new?", "Witkoff in February", "Zorblax", "Witkoff or I!A",
	} {
		f.Add(q)
	}
	ix, err := samples()
	if err != nil {
		f.Fatal(err)
	}
	ctx, now := context.Background(), time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)
	asks := func(err error) bool { return errors.Is(err, ErrNoSubject) || errors.Is(err, ErrTooLong) }
	f.Fuzz(func(t *testing.T, q string) {
		ans, err := Ask(ctx, ix, Request{Question: q, Now: now})
		if err != nil && !asks(err) {
			t.Fatalf("Ask(%q): %v", q, err)
		}
		if len(ans.Sources) > ans.Found {
			t.Fatalf("Ask(%q): %d sources of %d found", q, len(ans.Sources), ans.Found)
		}
		if err != nil || len(ans.Sources) == 0 {
			return
		}
		if _, err := MoreSources(ctx, ix, Request{Question: ans.Subject, Now: now}, ans.Next, len(ans.Sources)); err != nil && !asks(err) {
			t.Fatalf("MoreSources(%q): %v", ans.Subject, err)
		}
	})
}
