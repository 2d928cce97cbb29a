package commands

import (
	"context"
	"time"

	"newsbot/index/news"
)

// Newsroom is what an index tells of who is in the news: the date of its
// newest article, and who is named most since a day.
type Newsroom interface {
	Latest(ctx context.Context) (time.Time, error)
	PeopleInTheNews(ctx context.Context, since time.Time, n int) ([]news.Count, error)
}

// PeopleToAskAbout returns up to n of the people named most in the index's
// last exampleDays of news, as examples for someone whose question named
// nothing to look for: an archive of 1987 suggests "James Baker", not a
// name of another year. None for an empty index.
func PeopleToAskAbout(ctx context.Context, nr Newsroom, n int) ([]string, error) {
	latest, err := nr.Latest(ctx)
	if err != nil || latest.IsZero() {
		return nil, err
	}
	people, err := nr.PeopleInTheNews(ctx, latest.AddDate(0, 0, -exampleDays), n)
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.Name
	}
	return names, err
}

// exampleDays is how many days of the newest news the examples come from:
// a week, as /stats's people in the news.
const exampleDays = 7
