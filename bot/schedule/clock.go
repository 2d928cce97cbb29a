package schedule

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Clock is a time of day on a 24-hour clock, to the minute: when a digest is
// posted, on the channel's clock.
type Clock struct {
	Hour, Minute int
}

// String is the clock as HH:MM, the form ParseClock reads and the state keeps.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// ParseClock reads a time of day as a user types it: "07:30" or "7:30", with
// any spaces around it. Its error is a sentence for that user, saying what is accepted.
func ParseClock(s string) (Clock, error) {
	bad := fmt.Errorf("time %q: want HH:MM on a 24-hour clock, like 07:30", s)
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !digits(h) || !digits(m) {
		return Clock{}, bad
	}
	hour, _ := strconv.Atoi(h)
	minute, _ := strconv.Atoi(m)
	if hour > 23 || minute > 59 {
		return Clock{}, bad
	}
	return Clock{hour, minute}, nil
}

// digits reports whether s is ASCII digits only; strconv.Atoi alone would take
// "+7" and "-0".
func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// LoadZone loads a channel's timezone by its IANA name, like "Europe/Paris",
// ignoring spaces around it. It refuses "Local", which would be the server's
// zone rather than the channel's, and "" (which time.LoadLocation reads as
// UTC). Its error is a sentence for the user who typed the name. The zone's
// String is the name to keep.
func LoadZone(name string) (*time.Location, error) {
	if n := strings.TrimSpace(name); n != "" && n != "Local" {
		if loc, err := time.LoadLocation(n); err == nil {
			return loc, nil
		}
	}
	return nil, fmt.Errorf("timezone %q: want an IANA name like Europe/Paris or America/New_York", name)
}
