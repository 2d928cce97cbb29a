// Package trend counts how much a topic is in the news day by day, and draws
// it: the data behind /trend and "newsbot trend".
package trend

import "time"

// Series is one topic's articles per day over a period.
type Series struct {
	Topic string
	// Days are the period's days, oldest first, each with its count.
	Days []Day
}

// Day is one day of a series.
type Day struct {
	Date     time.Time // midnight UTC
	Articles int
	// Headline is the title of the article most about the topic that day,
	// or "" when the day has none.
	Headline string
}

// The periods a trend may cover, in days, and the one it covers unless asked
// otherwise.
const (
	MinDays     = 7
	MaxDays     = 365
	DefaultDays = 30
)

// The size charts are drawn at. Discord shows an embed's image about 400
// pixels wide: a chart not much wider keeps its type readable.
const (
	ChartWidth  = 520
	ChartHeight = 300
)
