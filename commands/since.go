package commands

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseSince reads a date limit: a number of days, weeks or hours back from now
// ("7d", "2w", "24h"), or a date ("2025-04-01"). Days and weeks count whole
// days, since articles carry a date and no time: "7d" keeps the articles dated
// from the day a week ago. The empty string means no limit: the zero time.
func ParseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d, nil
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err == nil && n > 0 && n <= 100*366 {
		today := now.UTC().Truncate(24 * time.Hour)
		switch s[len(s)-1] {
		case 'h':
			return now.Add(-time.Duration(n) * time.Hour), nil
		case 'd':
			return today.AddDate(0, 0, -n), nil
		case 'w':
			return today.AddDate(0, 0, -7*n), nil
		}
	}
	return time.Time{}, fmt.Errorf("since %q: want a number of days, weeks or hours back like 7d, 2w or 24h, or a date like 2025-04-01", s)
}
