package eval

import (
	"testing"

	"newsbot/commands"
	"newsbot/index/news"
)

func TestPointsBack(t *testing.T) {
	for sentence, want := range map[string]bool{
		"He is expected to travel to Moscow later this week.":                 true,
		"VIENNA, March 5 - The company said sales fell.":                      true,
		"Also on the agenda is the price of crude.":                           true,
		"OPEC ministers agreed to hold output at 15.8 mln barrels a day.":     false,
		"The Organization of Petroleum Exporting Countries raised its price.": false,
		"Theft of company cars rose.":                                         false,
	} {
		if got := pointsBack(sentence); got != want {
			t.Errorf("pointsBack(%q) = %v, want %v", sentence, got, want)
		}
	}
}

func TestCompanyStory(t *testing.T) {
	story := func(titles ...string) commands.Story {
		var st commands.Story
		for _, title := range titles {
			st.Sources = append(st.Sources, news.Article{Title: title})
		}
		return st
	}
	tests := []struct {
		story          commands.Story
		ticker         string
		shared         int
		isCompanyStory bool
	}{
		{story("DOW CHEMICAL LAUNCHES SWISS FRANC BOND", "DOW <DOW> TO OFFER SWISS NOTES", "JUTLAND TELEPHONE SETS SWISS FRANC BOND"), "<DOW>", 2, true},
		{story("GM <GM> CAR SALES OFF", "AMERICAN MOTORS <AMO> SALES OFF", "FORD CANADA CAR SALES OFF"), "<AMO>", 1, true},
		{story("ICO TALKS RESUME", "COFFEE QUOTA TALKS CONTINUE"), "", 0, false},
		{story("DOW <DOW> TO OFFER SWISS NOTES"), "", 0, false},
	}
	for _, tt := range tests {
		c, ok := companyStory(tt.story)
		if ok != tt.isCompanyStory || c.Ticker != tt.ticker || c.Shared != tt.shared {
			t.Errorf("companyStory(%v) = %q %d/%d, %v; want %q %d, %v", tt.story.Sources, c.Ticker, c.Shared, c.Sources, ok, tt.ticker, tt.shared, tt.isCompanyStory)
		}
	}
}
