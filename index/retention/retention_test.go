package retention

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		text string
		want time.Duration
	}{
		{"", 0},
		{"365d", 365 * 24 * time.Hour},
		{" 30d ", 30 * 24 * time.Hour},
		{"1d", 24 * time.Hour},
		{"720h", 720 * time.Hour},
		{"36500d", 36500 * 24 * time.Hour},
	} {
		got, err := Parse(tt.text)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.text, got, err, tt.want)
		}
	}
	for _, text := range []string{"abc", "365", "-5d", "0d", "12h", "1.5d", "d", "1y", "99999999999999999d", "10000000h"} {
		if got, err := Parse(text); err == nil || !strings.Contains(err.Error(), "like 365d") {
			t.Errorf("Parse(%q) = %v, %v; want an error saying what to write", text, got, err)
		}
	}
}

func TestCutoff(t *testing.T) {
	for _, tt := range []struct {
		now  time.Time
		keep time.Duration
		want string
	}{
		{time.Date(2026, 12, 4, 12, 20, 0, 0, time.UTC), 365 * 24 * time.Hour, "2025-12-04"},
		{time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), 24 * time.Hour, "2026-12-03"},
		{time.Date(2026, 12, 4, 23, 59, 0, 0, time.UTC), 24 * time.Hour, "2026-12-03"},
		// A day in UTC wherever the clock is read.
		{time.Date(2026, 12, 4, 1, 0, 0, 0, time.FixedZone("CET", 3600)), 24 * time.Hour, "2026-12-03"},
		{time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC), 36 * time.Hour, "2026-12-03"},
	} {
		got := Cutoff(tt.now, tt.keep)
		if got.Format(time.DateOnly) != tt.want || got.Location() != time.UTC || !got.Equal(got.Truncate(24*time.Hour)) {
			t.Errorf("Cutoff(%v, %v) = %v; want midnight UTC of %s", tt.now, tt.keep, got, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	for keep, want := range map[time.Duration]string{365 * 24 * time.Hour: "365d", 36 * time.Hour: "36h0m0s"} {
		if got := Format(keep); got != want {
			t.Errorf("Format(%v) = %q; want %q", keep, got, want)
		}
	}
}
