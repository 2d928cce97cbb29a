package trend

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"newsbot/commands"
	"newsbot/index/news"
)

// maxTopics is how many topics one chart compares; maxCounted bounds the
// articles counted per topic.
const (
	maxTopics  = 5
	maxCounted = 50000
)

// Searcher is what counting needs of the index.
type Searcher interface {
	Search(ctx context.Context, q news.Query) (news.Results, error)
}

// Request asks for the trend of some topics over the days up to and
// including Until.
type Request struct {
	// Topics are the subjects to count, as typed: "Witkoff, Rubio" is two.
	Topics string
	Days   int
	Until  time.Time
	// Aliases are other spellings of names in the topics.
	Aliases commands.Aliases
}

// Topics splits "Witkoff, Rubio" into the topics to chart, each the subject
// of what was typed, at most maxTopics.
func Topics(text string) []string {
	var out []string
	for _, part := range strings.Split(text, ",") {
		s := commands.Subject(part, nil)
		if len(commands.SubjectQuery(s, nil).Words) > 0 && !slices.Contains(out, s) && len(out) < maxTopics {
			out = append(out, s)
		}
	}
	return out
}

// Count returns, for each topic, its articles per day over the period, and
// for each day the title of the article most about the topic.
func Count(ctx context.Context, s Searcher, req Request) ([]Series, error) {
	topics := Topics(req.Topics)
	if len(topics) == 0 {
		return nil, commands.ErrNoSubject
	}
	last := req.Until.UTC().Truncate(24 * time.Hour)
	first := last.AddDate(0, 0, 1-req.Days)
	var out []Series
	for _, topic := range topics {
		q := commands.SubjectQuery(topic, req.Aliases)
		q.Since, q.Until, q.Size, q.Light = first, last.AddDate(0, 0, 1), maxCounted, true
		res, err := s.Search(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("count %q: %w", topic, err)
		}
		series := Series{Topic: topic}
		byDay := map[time.Time]int{}
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			byDay[d] = len(series.Days)
			series.Days = append(series.Days, Day{Date: d})
		}
		leads := map[string]int{}       // the day each article most about the topic leads
		for _, m := range res.Matches { // most about the topic first
			day, ok := byDay[m.Article.Date.UTC().Truncate(24*time.Hour)]
			if !ok {
				continue
			}
			if series.Days[day].Articles == 0 {
				leads[m.Article.ID] = day
			}
			series.Days[day].Articles++
		}
		if err := headlines(ctx, s, q, leads, series.Days); err != nil {
			return nil, fmt.Errorf("count %q: %w", topic, err)
		}
		out = append(out, series)
	}
	return out, nil
}

// headlines titles each day with the headline of the article that leads it,
// read whole: a wire title in capitals is written as its article writes its
// words (see commands.Headline), which the counting's light matches cannot.
func headlines(ctx context.Context, s Searcher, q news.Query, leads map[string]int, days []Day) error {
	if len(leads) == 0 {
		return nil
	}
	q.IDs, q.Size, q.Light = slices.Collect(maps.Keys(leads)), len(leads), false
	res, err := s.Search(ctx, q)
	if err != nil {
		return err
	}
	for _, m := range res.Matches {
		days[leads[m.Article.ID]].Headline = commands.Headline(m.Article)
	}
	return nil
}

// Reading sums a series up in one line: "Witkoff: 14 articles in the last
// 30 days, most on 2025-04-17 (5)". A day is named only when it stands out,
// with more articles than any other day and more than one: a tie, or one
// article, is no peak.
func Reading(s Series) string {
	total := 0
	for _, d := range s.Days {
		total += d.Articles
	}
	line := fmt.Sprintf("%s: %s in the last %d days", s.Topic, commands.Articles(total), len(s.Days))
	if i, ok := peakDay(s.Days); ok {
		line += fmt.Sprintf(", most on %s (%d)", s.Days[i].Date.Format(time.DateOnly), s.Days[i].Articles)
	}
	return line
}

// peakDay is the index of the day that stands out: more articles than any
// other day, and more than one. A tie, or one article, is no peak.
func peakDay(days []Day) (int, bool) {
	peak, second := -1, 0
	for i, d := range days {
		switch {
		case peak < 0 || d.Articles > days[peak].Articles:
			if peak >= 0 {
				second = days[peak].Articles
			}
			peak = i
		case d.Articles > second:
			second = d.Articles
		}
	}
	return peak, peak >= 0 && days[peak].Articles > 1 && days[peak].Articles > second
}
