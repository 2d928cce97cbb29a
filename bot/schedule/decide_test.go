package schedule

import (
	"testing"
	"time"
)

func TestDecide(t *testing.T) {
	const grace = 2 * time.Hour
	morning := Clock{7, 30} // 05:30Z in Paris in April
	evening := Clock{23, 30}
	tests := []struct {
		name      string
		zone      string
		clock     Clock
		posted    string // LastPosted
		attempted string
		now       string
		want      Decision // its Until comes from until
		until     string   // Wait: the instant, RFC3339
	}{
		{"before the time", "Europe/Paris", morning, "2025-04-16", "2025-04-16", "2025-04-17T04:00:00Z", Decision{Action: Wait}, "2025-04-17T07:30:00+02:00"},
		{"exactly at the time", "Europe/Paris", morning, "2025-04-16", "2025-04-16", "2025-04-17T05:30:00Z", Decision{Action: Post, Date: "2025-04-17"}, ""},
		{"a tick after", "Europe/Paris", morning, "2025-04-16", "2025-04-16", "2025-04-17T05:30:30Z", Decision{Action: Post, Date: "2025-04-17"}, ""},
		{"posted already", "Europe/Paris", morning, "2025-04-17", "2025-04-17", "2025-04-17T05:31:00Z", Decision{Action: Wait}, "2025-04-18T07:30:00+02:00"},
		{"crashed while posting: never twice", "Europe/Paris", morning, "2025-04-16", "2025-04-17", "2025-04-17T05:31:00Z", Decision{Action: Wait}, "2025-04-18T07:30:00+02:00"},
		{"restart 1h late, within the grace", "Europe/Paris", morning, "2025-04-16", "2025-04-16", "2025-04-17T06:30:00Z", Decision{Action: Post, Date: "2025-04-17"}, ""},
		{"restart at the end of the grace", "Europe/Paris", morning, "2025-04-16", "2025-04-16", "2025-04-17T07:30:00Z", Decision{Action: Post, Date: "2025-04-17"}, ""},
		{"restart 3h late: skip", "Europe/Paris", morning, "2025-04-16", "2025-04-16", "2025-04-17T08:30:00Z",
			Decision{Action: Skip, Date: "2025-04-17", Reason: "the 07:30 digest of 2025-04-17 was due 3h ago, more than the 2h grace"}, ""},
		{"restart 2h30m late: skip", "Europe/Paris", morning, "", "", "2025-04-17T08:00:00Z",
			Decision{Action: Skip, Date: "2025-04-17", Reason: "the 07:30 digest of 2025-04-17 was due 2h30m ago, more than the 2h grace"}, ""},
		{"skip recorded", "Europe/Paris", morning, "2025-04-16", "2025-04-17", "2025-04-17T08:30:00Z", Decision{Action: Wait}, "2025-04-18T07:30:00+02:00"},
		{"never posted, before the time", "Europe/Paris", morning, "", "", "2025-04-17T04:00:00Z", Decision{Action: Wait}, "2025-04-17T07:30:00+02:00"},
		{"a later date posted in another zone", "Europe/Paris", morning, "2025-04-18", "2025-04-18", "2025-04-17T06:00:00Z", Decision{Action: Wait}, "2025-04-18T07:30:00+02:00"},

		{"evening clock: yesterday's digest late within the grace", "Europe/Paris", evening, "2025-04-15", "2025-04-15", "2025-04-16T22:30:00Z", Decision{Action: Post, Date: "2025-04-16"}, ""},
		{"evening clock: yesterday's digest posted", "Europe/Paris", evening, "2025-04-16", "2025-04-16", "2025-04-16T22:30:00Z", Decision{Action: Wait}, "2025-04-17T23:30:00+02:00"},
		{"evening clock: yesterday's digest attempted", "Europe/Paris", evening, "2025-04-15", "2025-04-16", "2025-04-16T22:30:00Z", Decision{Action: Wait}, "2025-04-17T23:30:00+02:00"},
		{"evening clock: yesterday's grace over", "Europe/Paris", evening, "2025-04-15", "2025-04-15", "2025-04-17T00:31:00Z", Decision{Action: Wait}, "2025-04-17T23:30:00+02:00"},
		{"evening clock: on the day", "Europe/Paris", evening, "2025-04-15", "2025-04-15", "2025-04-16T21:45:00Z", Decision{Action: Post, Date: "2025-04-16"}, ""},

		{"Paris spring, 02:30 in the gap: wait for 03:00", "Europe/Paris", Clock{2, 30}, "2025-03-29", "2025-03-29", "2025-03-30T00:59:00Z", Decision{Action: Wait}, "2025-03-30T03:00:00+02:00"},
		{"Paris spring, 02:30 in the gap: post at 03:00", "Europe/Paris", Clock{2, 30}, "2025-03-29", "2025-03-29", "2025-03-30T01:00:00Z", Decision{Action: Post, Date: "2025-03-30"}, ""},
		{"Paris spring, 07:00", "Europe/Paris", Clock{7, 0}, "2025-03-29", "2025-03-29", "2025-03-30T05:00:00Z", Decision{Action: Post, Date: "2025-03-30"}, ""},
		{"Paris spring, before 07:00", "Europe/Paris", Clock{7, 0}, "2025-03-29", "2025-03-29", "2025-03-30T04:59:00Z", Decision{Action: Wait}, "2025-03-30T07:00:00+02:00"},
		{"New York spring, 02:30 in the gap: wait for 03:00", "America/New_York", Clock{2, 30}, "2025-03-08", "2025-03-08", "2025-03-09T06:59:00Z", Decision{Action: Wait}, "2025-03-09T03:00:00-04:00"},
		{"New York spring, 02:30 in the gap: post at 03:00", "America/New_York", Clock{2, 30}, "2025-03-08", "2025-03-08", "2025-03-09T07:00:00Z", Decision{Action: Post, Date: "2025-03-09"}, ""},
		{"New York spring, 07:00", "America/New_York", Clock{7, 0}, "2025-03-08", "2025-03-08", "2025-03-09T10:59:00Z", Decision{Action: Wait}, "2025-03-09T07:00:00-04:00"},

		{"Paris autumn, 02:30 the first time", "Europe/Paris", Clock{2, 30}, "2025-10-25", "2025-10-25", "2025-10-26T00:30:00Z", Decision{Action: Post, Date: "2025-10-26"}, ""},
		{"Paris autumn, 02:30 the second time, posted", "Europe/Paris", Clock{2, 30}, "2025-10-26", "2025-10-26", "2025-10-26T01:30:00Z", Decision{Action: Wait}, "2025-10-27T02:30:00+01:00"},
		{"Paris autumn, down the first time, up the second", "Europe/Paris", Clock{2, 30}, "2025-10-25", "2025-10-25", "2025-10-26T01:30:00Z", Decision{Action: Post, Date: "2025-10-26"}, ""},
		{"Paris autumn, 07:00", "Europe/Paris", Clock{7, 0}, "2025-10-25", "2025-10-25", "2025-10-26T05:59:00Z", Decision{Action: Wait}, "2025-10-26T07:00:00+01:00"},
		{"New York autumn, 01:30 the first time", "America/New_York", Clock{1, 30}, "2025-11-01", "2025-11-01", "2025-11-02T05:30:00Z", Decision{Action: Post, Date: "2025-11-02"}, ""},
		{"New York autumn, 01:30 the second time, posted", "America/New_York", Clock{1, 30}, "2025-11-02", "2025-11-02", "2025-11-02T06:30:00Z", Decision{Action: Wait}, "2025-11-03T01:30:00-05:00"},
		{"New York autumn, 07:00", "America/New_York", Clock{7, 0}, "2025-11-01", "2025-11-01", "2025-11-02T12:00:00Z", Decision{Action: Post, Date: "2025-11-02"}, ""},

		{"Kolkata: the local date, not UTC's", "Asia/Kolkata", Clock{3, 0}, "2025-04-16", "2025-04-16", "2025-04-16T21:30:00Z", Decision{Action: Post, Date: "2025-04-17"}, ""},
		{"Kolkata: before the time", "Asia/Kolkata", Clock{7, 30}, "2025-04-16", "2025-04-16", "2025-04-16T20:00:00Z", Decision{Action: Wait}, "2025-04-17T07:30:00+05:30"},
		{"Chatham +12:45: the local date", "Pacific/Chatham", Clock{7, 0}, "2025-04-16", "2025-04-16", "2025-04-16T18:15:00Z", Decision{Action: Post, Date: "2025-04-17"}, ""},
		{"Chatham +12:45: before the time", "Pacific/Chatham", Clock{7, 0}, "2025-04-16", "2025-04-16", "2025-04-16T18:00:00Z", Decision{Action: Wait}, "2025-04-17T07:00:00+12:45"},
		{"Chatham +13:45", "Pacific/Chatham", Clock{7, 0}, "2025-12-30", "2025-12-30", "2025-12-30T17:15:00Z", Decision{Action: Post, Date: "2025-12-31"}, ""},
		{"Chatham spring, 03:00 in the gap", "Pacific/Chatham", Clock{3, 0}, "2025-09-27", "2025-09-27", "2025-09-27T13:59:00Z", Decision{Action: Wait}, "2025-09-28T03:45:00+13:45"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			due := Due{Clock: tt.clock, Location: mustZone(t, tt.zone), LastPosted: tt.posted, Attempted: tt.attempted, Grace: grace}
			want := tt.want
			if tt.until != "" {
				want.Until = mustTime(t, tt.until)
			}
			got := Decide(mustTime(t, tt.now), due)
			if got.Action != want.Action || !got.Until.Equal(want.Until) || got.Date != want.Date || got.Reason != want.Reason {
				t.Errorf("Decide(%s): got %s; want %s", tt.now, show(got), show(want))
			}
		})
	}
}

func show(d Decision) string {
	switch d.Action {
	case Wait:
		return "wait until " + d.Until.Format(time.RFC3339)
	case Skip:
		return "skip " + d.Date + " (" + d.Reason + ")"
	}
	return d.Action.String() + " " + d.Date
}

// TestDecideOncePerDay runs the caller's loop, a tick every 30 seconds, from noon
// the day before a day of interest to noon the day after, and checks that each
// day's digest is posted once, at At's instant, and nothing is skipped.
func TestDecideOncePerDay(t *testing.T) {
	tests := []struct {
		zone  string
		day   Date
		clock Clock
	}{
		{"Europe/Paris", date(2025, 4, 17), Clock{7, 30}},
		{"Europe/Paris", date(2025, 4, 17), Clock{23, 30}},
		{"Europe/Paris", date(2025, 4, 17), Clock{0, 0}},
		{"Europe/Paris", date(2025, 3, 30), Clock{2, 30}},
		{"Europe/Paris", date(2025, 3, 30), Clock{7, 0}},
		{"Europe/Paris", date(2025, 10, 26), Clock{2, 30}},
		{"Europe/Paris", date(2025, 10, 26), Clock{7, 0}},
		{"America/New_York", date(2025, 3, 9), Clock{2, 30}},
		{"America/New_York", date(2025, 3, 9), Clock{7, 0}},
		{"America/New_York", date(2025, 11, 2), Clock{1, 30}},
		{"America/New_York", date(2025, 11, 2), Clock{7, 0}},
		{"Asia/Kolkata", date(2025, 4, 17), Clock{7, 30}},
		{"Pacific/Chatham", date(2025, 9, 28), Clock{3, 0}},
		{"Pacific/Chatham", date(2025, 4, 6), Clock{3, 0}},
		{"Pacific/Chatham", date(2025, 12, 31), Clock{23, 45}},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.day.String()+" "+tt.clock.String(), func(t *testing.T) {
			loc := mustZone(t, tt.zone)
			before := tt.day.addDays(-1)
			due := Due{Clock: tt.clock, Location: loc, LastPosted: before.String(), Attempted: before.String(), Grace: 2 * time.Hour}
			end := At(tt.day.addDays(1), Clock{12, 0}, loc)
			posts := map[string][]time.Time{}
			for now := At(before, Clock{12, 0}, loc); now.Before(end); now = now.Add(30 * time.Second) {
				switch d := Decide(now, due); d.Action {
				case Post:
					posts[d.Date] = append(posts[d.Date], now)
					due.Attempted, due.LastPosted = d.Date, d.Date
				case Skip:
					t.Fatalf("at %s: skipped %s (%s)", now, d.Date, d.Reason)
				case Wait:
					if !d.Until.After(now) {
						t.Fatalf("at %s: wait until %s, which is not later", now, d.Until)
					}
				}
			}
			if _, ok := posts[tt.day.String()]; !ok {
				t.Errorf("%s was not posted; posts: %v", tt.day, posts)
			}
			for day, got := range posts { // the next day's too, when its time came before the end
				d, _ := time.Parse(time.DateOnly, day)
				if want := At(DateOf(d), tt.clock, loc); len(got) != 1 || !got[0].Equal(want) {
					t.Errorf("posts of %s: got %v; want one, at %s", day, got, want)
				}
			}
		})
	}
}

func TestSpan(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{3 * time.Hour, "3h"},
		{2*time.Hour + 30*time.Minute, "2h30m"},
		{45 * time.Minute, "45m"},
		{45*time.Minute + 59*time.Second, "45m"},
		{30 * time.Second, "30s"},
		{26 * time.Hour, "26h"},
	}
	for _, tt := range tests {
		if got := span(tt.d); got != tt.want {
			t.Errorf("span(%s): got %q; want %q", tt.d, got, tt.want)
		}
	}
}
