package trend

import (
	"context"
	"slices"
	"testing"
	"time"

	"newsbot/index"
	"newsbot/index/ingest"
	"newsbot/index/news"
)

func mustSamples(t *testing.T) *index.Index {
	t.Helper()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	files, err := ingest.ListFiles([]string{"../../testdata/articles"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), ingest.ReadFiles(context.Background(), files), nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestCount(t *testing.T) {
	ix := mustSamples(t)
	until := time.Date(2025, 4, 30, 0, 0, 0, 0, time.UTC)
	series, err := Count(context.Background(), ix, Request{Topics: "Witkoff, what's new about Rubio?, Witkoff", Days: 30, Until: until})
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 2 || series[0].Topic != "Witkoff" || series[1].Topic != "Rubio" {
		t.Fatalf("series for %v; want Witkoff and Rubio once each", topics(series))
	}
	w := series[0]
	if len(w.Days) != 30 || !w.Days[0].Date.Equal(until.AddDate(0, 0, -29)) || !w.Days[29].Date.Equal(until) {
		t.Errorf("days from %s to %s (%d); want the 30 days up to 2025-04-30", w.Days[0].Date, w.Days[len(w.Days)-1].Date, len(w.Days))
	}
	total := 0
	for _, d := range w.Days {
		total += d.Articles
		if d.Articles > 0 && d.Headline == "" {
			t.Errorf("%s has %d articles and no headline", d.Date, d.Articles)
		}
	}
	if total != 7 {
		t.Errorf("Witkoff: %d articles; want the 7 samples, all in April", total)
	}
	// One article a day is no peak.
	if got, want := Reading(w), "Witkoff: 7 articles in the last 30 days"; got != want {
		t.Errorf("Reading = %q; want %q", got, want)
	}
}

func TestReadingNamesAPeakOnly(t *testing.T) {
	day := func(d, n int) Day { return Day{Date: time.Date(2025, 4, d, 0, 0, 0, 0, time.UTC), Articles: n} }
	tests := []struct {
		days []Day
		want string
	}{
		{[]Day{day(1, 1), day(2, 5), day(3, 2)}, "Oil: 8 articles in the last 3 days, most on 2025-04-02 (5)"},
		{[]Day{day(1, 3), day(2, 3), day(3, 1)}, "Oil: 7 articles in the last 3 days"},
		{[]Day{day(1, 0), day(2, 1), day(3, 0)}, "Oil: 1 article in the last 3 days"},
		{[]Day{day(1, 0), day(2, 0), day(3, 0)}, "Oil: 0 articles in the last 3 days"},
	}
	for _, tt := range tests {
		if got := Reading(Series{Topic: "Oil", Days: tt.days}); got != tt.want {
			t.Errorf("Reading = %q; want %q", got, tt.want)
		}
	}
}

func TestTopics(t *testing.T) {
	if got := Topics("Witkoff, , -Putin, Rubio,Macron,Iran -talks,tariffs,Putin"); !slices.Equal(got, []string{"Witkoff", "Rubio", "Macron", "Iran -talks", "tariffs"}) {
		t.Errorf("Topics = %q; want the first five that have a word to count", got)
	}
}

func topics(series []Series) []string {
	var out []string
	for _, s := range series {
		out = append(out, s.Topic)
	}
	return out
}

// A wire title in capitals is labelled as its article writes its words.
func TestCountHeadlinesInSentenceCase(t *testing.T) {
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	day := time.Date(1987, 3, 2, 0, 0, 0, 0, time.UTC)
	article, err := news.Parse([]byte(" date 1987-03-02 OPEC SAYS OIL PRICES WILL HOLD\n\nVIENNA, March 2 - The Organization of Petroleum Exporting Countries, OPEC, said oil prices would hold at 18 dlrs a barrel.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), slices.Values([]news.Candidate{{Origin: "opec.txt", Article: article}}), nil); err != nil {
		t.Fatal(err)
	}
	series, err := Count(context.Background(), ix, Request{Topics: "OPEC", Days: 1, Until: day})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := series[0].Days[0].Headline, "OPEC says oil prices will hold"; got != want {
		t.Errorf("headline %q; want %q", got, want)
	}
}
