package bot

import (
	"strings"
	"testing"
	"time"

	"newsbot/commands"
	"newsbot/index/news"
)

func TestDigestMessagesSplitWithinLimits(t *testing.T) {
	long := strings.Repeat("A long summary sentence about @everyone and [x](http://y). ", 12)
	var d commands.Digest
	for i := range 23 {
		s := commands.Story{Title: "Story " + strings.Repeat("x", i), Summary: []string{long, long}}
		for j := range 4 {
			s.Sources = append(s.Sources, news.Article{Title: "Source", URL: "https://example.com/" + strings.Repeat("a", j), Date: time.Now()})
		}
		d.Stories = append(d.Stories, s)
	}
	d.Articles = 92
	msgs := digestMessages("Daily digest", d)
	if len(msgs) > 2 {
		t.Errorf("23 long stories went into %d messages; want a couple of screens", len(msgs))
	}
	stories := 0
	for i, m := range msgs {
		total := 0
		for _, e := range m.Embeds {
			checkLimits(t, e)
			total += embedLength(e)
		}
		if len(m.Embeds) > maxEmbeds || total > maxEmbedsTotal || length(m.Content) > maxContent {
			t.Errorf("message %d: %d embeds, %d characters of embeds, %d of content", i, len(m.Embeds), total, length(m.Content))
		}
		if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 {
			t.Errorf("message %d may ping", i)
		}
		stories += len(m.Embeds)
	}
	// Five told in full, the rest listed by title in one more embed.
	if stories != fullStories+1 {
		t.Errorf("%d embeds posted; want %d stories and the list of the others", stories, fullStories)
	}
	last := msgs[len(msgs)-1].Embeds
	also := last[len(last)-1]
	if also.Title != "Also in the news" || !strings.Contains(also.Description, "**6.** [Story xxxxx]") || !strings.Contains(also.Description, "**23.** ") && !strings.Contains(also.Description, " more") {
		t.Errorf("the other stories: %q %q", also.Title, also.Description)
	}
	// The top story says more than the next ones (each summary sentence is
	// cut to maxStatement here).
	if first, second := msgs[0].Embeds[0].Description, msgs[0].Embeds[1].Description; strings.Count(second, "A long") == 0 || strings.Count(first, "A long") != 2*strings.Count(second, "A long") {
		t.Errorf("the top story: %q\nthe next: %q; want two sentences, then one", first, second)
	}
	if !strings.HasPrefix(msgs[0].Content, "**Daily digest**: 23 stories from 92 articles") {
		t.Errorf("heading %q", msgs[0].Content)
	}
}

func TestDigestMessagesNoNews(t *testing.T) {
	msgs := digestMessages("Daily digest", commands.Digest{})
	if len(msgs) != 1 || msgs[0].Content != "Daily digest: no news in this period." || len(msgs[0].Embeds) != 0 {
		t.Errorf("no news: %+v", msgs)
	}
}
