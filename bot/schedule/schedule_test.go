package schedule

import (
	"testing"
	"time"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func date(y int, m time.Month, d int) Date { return Date{y, m, d} }

// TestGoTimeDate records what time.Date does on the days the clocks change,
// which its doc leaves open, and which At corrects. If this fails, Go has
// changed: At still holds, but the package doc's account needs updating.
func TestGoTimeDate(t *testing.T) {
	tests := []struct {
		name, zone string
		d          Date
		c          Clock
		want       string
	}{
		{"gap east of Greenwich: moved forward by the gap", "Europe/Paris", date(2025, 3, 30), Clock{2, 30}, "2025-03-30T03:30:00+02:00"},
		{"gap west of Greenwich: moved back by the gap", "America/New_York", date(2025, 3, 9), Clock{2, 30}, "2025-03-09T01:30:00-05:00"},
		{"repeat east: the second occurrence", "Europe/Paris", date(2025, 10, 26), Clock{2, 30}, "2025-10-26T02:30:00+01:00"},
		{"repeat west: the first occurrence", "America/New_York", date(2025, 11, 2), Clock{1, 30}, "2025-11-02T01:30:00-04:00"},
		{"repeat in Chatham: the second occurrence", "Pacific/Chatham", date(2025, 4, 6), Clock{3, 0}, "2025-04-06T03:00:00+12:45"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := time.Date(tt.d.Year, tt.d.Month, tt.d.Day, tt.c.Hour, tt.c.Minute, 0, 0, mustZone(t, tt.zone))
			if got.Format(time.RFC3339) != tt.want {
				t.Errorf("time.Date(%s %s in %s): got %s; want %s", tt.d, tt.c, tt.zone, got.Format(time.RFC3339), tt.want)
			}
		})
	}
}

func TestAt(t *testing.T) {
	tests := []struct {
		name, zone string
		d          Date
		c          Clock
		want       string // the instant, with the zone's offset then
	}{
		{"normal day", "Europe/Paris", date(2025, 4, 17), Clock{7, 30}, "2025-04-17T07:30:00+02:00"},
		{"UTC", "UTC", date(2025, 4, 17), Clock{7, 30}, "2025-04-17T07:30:00Z"},

		{"Paris spring: before the gap", "Europe/Paris", date(2025, 3, 30), Clock{1, 59}, "2025-03-30T01:59:00+01:00"},
		{"Paris spring: start of the gap", "Europe/Paris", date(2025, 3, 30), Clock{2, 0}, "2025-03-30T03:00:00+02:00"},
		{"Paris spring: in the gap", "Europe/Paris", date(2025, 3, 30), Clock{2, 30}, "2025-03-30T03:00:00+02:00"},
		{"Paris spring: end of the gap", "Europe/Paris", date(2025, 3, 30), Clock{3, 0}, "2025-03-30T03:00:00+02:00"},
		{"Paris spring: 07:00", "Europe/Paris", date(2025, 3, 30), Clock{7, 0}, "2025-03-30T07:00:00+02:00"},
		{"New York spring: in the gap", "America/New_York", date(2025, 3, 9), Clock{2, 30}, "2025-03-09T03:00:00-04:00"},
		{"New York spring: start of the gap", "America/New_York", date(2025, 3, 9), Clock{2, 0}, "2025-03-09T03:00:00-04:00"},
		{"New York spring: before the gap", "America/New_York", date(2025, 3, 9), Clock{1, 59}, "2025-03-09T01:59:00-05:00"},
		{"New York spring: 07:00", "America/New_York", date(2025, 3, 9), Clock{7, 0}, "2025-03-09T07:00:00-04:00"},

		{"Paris autumn: before the repeat", "Europe/Paris", date(2025, 10, 26), Clock{1, 59}, "2025-10-26T01:59:00+02:00"},
		{"Paris autumn: start of the repeat, first", "Europe/Paris", date(2025, 10, 26), Clock{2, 0}, "2025-10-26T02:00:00+02:00"},
		{"Paris autumn: repeated, first", "Europe/Paris", date(2025, 10, 26), Clock{2, 30}, "2025-10-26T02:30:00+02:00"},
		{"Paris autumn: after the repeat", "Europe/Paris", date(2025, 10, 26), Clock{3, 0}, "2025-10-26T03:00:00+01:00"},
		{"Paris autumn: 07:00", "Europe/Paris", date(2025, 10, 26), Clock{7, 0}, "2025-10-26T07:00:00+01:00"},
		{"New York autumn: repeated, first", "America/New_York", date(2025, 11, 2), Clock{1, 30}, "2025-11-02T01:30:00-04:00"},
		{"New York autumn: start of the repeat, first", "America/New_York", date(2025, 11, 2), Clock{1, 0}, "2025-11-02T01:00:00-04:00"},
		{"New York autumn: after the repeat", "America/New_York", date(2025, 11, 2), Clock{2, 0}, "2025-11-02T02:00:00-05:00"},
		{"New York autumn: 07:00", "America/New_York", date(2025, 11, 2), Clock{7, 0}, "2025-11-02T07:00:00-05:00"},

		{"Kolkata, +05:30", "Asia/Kolkata", date(2025, 4, 17), Clock{7, 30}, "2025-04-17T07:30:00+05:30"},
		{"Kolkata midnight: the UTC day before", "Asia/Kolkata", date(2025, 4, 17), Clock{0, 0}, "2025-04-17T00:00:00+05:30"},
		{"Chatham, +12:45", "Pacific/Chatham", date(2025, 4, 17), Clock{7, 0}, "2025-04-17T07:00:00+12:45"},
		{"Chatham, +13:45", "Pacific/Chatham", date(2025, 12, 31), Clock{23, 59}, "2025-12-31T23:59:00+13:45"},
		{"Chatham spring: in the gap 02:45-03:45", "Pacific/Chatham", date(2025, 9, 28), Clock{3, 0}, "2025-09-28T03:45:00+13:45"},
		{"Chatham autumn: repeated, first", "Pacific/Chatham", date(2025, 4, 6), Clock{3, 0}, "2025-04-06T03:00:00+13:45"},
		{"Samoa skipped the whole day", "Pacific/Apia", date(2011, 12, 30), Clock{7, 0}, "2011-12-31T00:00:00+14:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := mustZone(t, tt.zone)
			got := At(tt.d, tt.c, loc)
			if got.Format(time.RFC3339) != tt.want {
				t.Errorf("At(%s, %s, %s): got %s; want %s", tt.d, tt.c, tt.zone, got.Format(time.RFC3339), tt.want)
			}
			if got.Location() != loc {
				t.Errorf("At(%s, %s, %s): got location %s; want %s", tt.d, tt.c, tt.zone, got.Location(), loc)
			}
		})
	}
}

func TestNext(t *testing.T) {
	tests := []struct {
		name, zone string
		c          Clock
		now, want  string
	}{
		{"later today", "Europe/Paris", Clock{7, 30}, "2025-04-17T06:00:00+02:00", "2025-04-17T07:30:00+02:00"},
		{"exactly then: tomorrow", "Europe/Paris", Clock{7, 30}, "2025-04-17T07:30:00+02:00", "2025-04-18T07:30:00+02:00"},
		{"across midnight", "Europe/Paris", Clock{7, 30}, "2025-04-17T23:59:00+02:00", "2025-04-18T07:30:00+02:00"},
		{"across a month end", "Europe/Paris", Clock{7, 30}, "2025-01-31T08:00:00+01:00", "2025-02-01T07:30:00+01:00"},
		{"across February, common year", "Europe/Paris", Clock{7, 30}, "2025-02-28T08:00:00+01:00", "2025-03-01T07:30:00+01:00"},
		{"across February, leap year", "Europe/Paris", Clock{7, 30}, "2024-02-28T08:00:00+01:00", "2024-02-29T07:30:00+01:00"},
		{"across a year end", "Europe/Paris", Clock{7, 30}, "2025-12-31T23:00:00+01:00", "2026-01-01T07:30:00+01:00"},
		{"now given in UTC, a day behind Kolkata", "Asia/Kolkata", Clock{0, 15}, "2025-04-17T18:30:00Z", "2025-04-18T00:15:00+05:30"},
		{"Chatham across a year end", "Pacific/Chatham", Clock{7, 0}, "2025-12-31T18:00:00Z", "2026-01-02T07:00:00+13:45"},
		{"into the spring gap", "Europe/Paris", Clock{2, 30}, "2025-03-29T12:00:00+01:00", "2025-03-30T03:00:00+02:00"},
		{"from the spring gap", "Europe/Paris", Clock{2, 30}, "2025-03-30T03:00:00+02:00", "2025-03-31T02:30:00+02:00"},
		{"from the first of a repeated time: not the second", "Europe/Paris", Clock{2, 30}, "2025-10-26T02:30:00+02:00", "2025-10-27T02:30:00+01:00"},
		{"across the autumn change", "America/New_York", Clock{7, 0}, "2025-11-01T08:00:00-04:00", "2025-11-02T07:00:00-05:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Next(mustTime(t, tt.now), tt.c, mustZone(t, tt.zone))
			if got.Format(time.RFC3339) != tt.want {
				t.Errorf("Next(%s, %s, %s): got %s; want %s", tt.now, tt.c, tt.zone, got.Format(time.RFC3339), tt.want)
			}
		})
	}
}

func TestPrevious(t *testing.T) {
	tests := []struct {
		name, zone string
		c          Clock
		now        string
		want       Date
	}{
		{"before today's time: yesterday", "Europe/Paris", Clock{23, 30}, "2025-04-19T00:30:00+02:00", date(2025, 4, 18)},
		{"exactly then: today", "Europe/Paris", Clock{7, 30}, "2025-04-17T07:30:00+02:00", date(2025, 4, 17)},
		{"after today's time: today", "Europe/Paris", Clock{7, 30}, "2025-04-17T12:00:00+02:00", date(2025, 4, 17)},
		{"now given in UTC, a day behind Kolkata", "Asia/Kolkata", Clock{0, 15}, "2025-04-17T18:50:00Z", date(2025, 4, 18)},
		{"in the spring gap, after the change", "Europe/Paris", Clock{2, 30}, "2025-03-30T03:00:00+02:00", date(2025, 3, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Previous(mustTime(t, tt.now), tt.c, mustZone(t, tt.zone)); got != tt.want {
				t.Errorf("Previous(%s, %s, %s) = %s; want %s", tt.now, tt.c, tt.zone, got, tt.want)
			}
		})
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want string
	}{
		{date(2025, 4, 17), 0, "2025-04-17"},
		{date(2025, 4, 17), -1, "2025-04-16"},
		{date(2025, 3, 1), -1, "2025-02-28"},
		{date(2024, 3, 1), -1, "2024-02-29"},
		{date(2025, 12, 31), 1, "2026-01-01"},
		{date(2026, 1, 1), -1, "2025-12-31"},
		{date(999, 1, 1), 0, "0999-01-01"},
	}
	for _, tt := range tests {
		if got := tt.d.addDays(tt.n).String(); got != tt.want {
			t.Errorf("%s + %d days: got %s; want %s", tt.d, tt.n, got, tt.want)
		}
	}
}
