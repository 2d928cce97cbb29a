package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
	"newsbot/index/news"
)

// TestAnswerEmbedFitsDiscordLimits renders an answer with far too much of
// everything and checks every limit.
func TestAnswerEmbedFitsDiscordLimits(t *testing.T) {
	long := strings.Repeat("A very long sentence about @everyone and [links](http://x) with ünïcödé and 😀. ", 200)
	var sources []commands.Source
	for i := range 30 {
		sources = append(sources, commands.Source{
			N:       i + 1,
			Article: news.Article{Title: long, Date: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), URL: "https://example.com/a(b)c", Source: long},
			Excerpt: []commands.Fragment{{Text: long}, {Text: "Witkoff", Match: true}, {Text: long}},
		})
	}
	ans := commands.Answer{Subject: long, Found: 1000, Sources: sources}
	for range 5 {
		ans.Summary = append(ans.Summary, commands.Statement{Text: long, Sources: []int{1, 2, 3}})
	}
	for name, e := range map[string]*discordgo.MessageEmbed{
		"answer":  answerEmbed(ans),
		"sources": sourcesEmbed(ans),
		"latest":  latestEmbed(commands.Latest{Topic: long, Found: 30, Articles: sources}),
	} {
		t.Run(name, func(t *testing.T) {
			checkLimits(t, e)
			if len(e.Fields) == 0 {
				t.Error("every source was dropped")
			}
		})
	}
}

func checkLimits(t *testing.T, e *discordgo.MessageEmbed) {
	t.Helper()
	check := func(what, s string, max int) {
		if n := length(s); n > max {
			t.Errorf("%s is %d long; the limit is %d", what, n, max)
		}
		if strings.Count(s, "**")%2 != 0 {
			t.Errorf("%s leaves a bold pair open: %q", what, s)
		}
	}
	check("title", e.Title, maxTitle)
	check("description", e.Description, maxDescription)
	if e.Footer != nil {
		check("footer", e.Footer.Text, maxFooter)
	}
	if len(e.Fields) > maxFields {
		t.Errorf("%d fields; the limit is %d", len(e.Fields), maxFields)
	}
	for _, f := range e.Fields {
		check("field name", f.Name, maxFieldName)
		check("field value", f.Value, maxFieldValue)
	}
	if n := embedLength(e); n > maxEmbedsTotal {
		t.Errorf("the embed is %d long; a message's embeds may hold %d", n, maxEmbedsTotal)
	}
}

func TestSafeLink(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/news/1", "https://example.com/news/1"},
		{"http://example.com/a(b)", "http://example.com/a%28b%29"},
		{"javascript:alert(1)", ""},
		{"https://user:pw@example.com/", ""},
		{"ftp://example.com/", ""},
		{"", ""},
		{"not a url", ""},
	}
	for _, tt := range tests {
		if got := safeLink(tt.in); got != tt.want {
			t.Errorf("safeLink(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestMoreButtonRoundTrip(t *testing.T) {
	since, until := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	// 5 sources shown, for the first 7 matches: 2 repeated a story.
	reading := commands.Reading{Subject: "Witkoff", Period: commands.Period{Since: since, Until: until}, Newest: true}
	ans := commands.Answer{Subject: "Witkoff", Reading: reading, Found: 12, Sources: []commands.Source{{N: 1}, {N: 5}}, Next: 7}
	rows := moreButton(ans)
	button := findButton(rows)
	if button == nil {
		t.Fatal("no button for 12 matches of which 7 read")
	}
	req, next, shown, ok := parseMore(button.CustomID)
	if !ok || next != 7 || shown != 5 || req.Question != "Witkoff" || !req.Since.Equal(since) || !req.Until.Equal(until) || !req.Newest {
		t.Errorf("parseMore(%q) = %+v, %d, %d, %v", button.CustomID, req, next, shown, ok)
	}
	// The earliest news pages oldest first.
	reading.Newest, reading.Oldest = false, true
	if req, _, _, ok := parseMore(findButton(moreButton(commands.Answer{Subject: "Witkoff", Reading: reading, Found: 12, Sources: []commands.Source{{N: 5}}, Next: 7})).CustomID); !ok || !req.Oldest || req.Newest {
		t.Errorf("the earliest news pages as %+v, %v; want oldest first", req, ok)
	}
	// A button of an earlier version pages by relevance from its since.
	req, next, shown, ok = parseMore(fmt.Sprintf("more:7:5:%d:Witkoff", since.Unix()))
	if !ok || next != 7 || shown != 5 || req.Question != "Witkoff" || !req.Since.Equal(since) || !req.Until.IsZero() || req.Newest {
		t.Errorf("an earlier version's button: %+v, %d, %d, %v", req, next, shown, ok)
	}
	if !strings.Contains(button.Label, "5 articles not shown") {
		t.Errorf("label %q; want the 5 matches not read yet", button.Label)
	}
	ans.Next = 12
	if moreButton(ans) != nil {
		t.Error("a button when every match is read")
	}
	ans.Next, ans.Subject = 7, strings.Repeat("x", 100)
	if moreButton(ans) != nil {
		t.Error("a button whose custom ID is over 100 characters")
	}
	for _, bad := range []string{"", "more", "more:x:5:0:Witkoff", "more:7:x:0:Witkoff", "more:7:5:0:", "other:7:5:0:Witkoff", "more:5:0:Witkoff", "page:7:5:0:0:x:Witkoff", "page:7:5:0:0:r:"} {
		if _, _, _, ok := parseMore(bad); ok {
			t.Errorf("parseMore(%q) accepted", bad)
		}
	}
}

func TestAnswerEmbedOffersOtherPeople(t *testing.T) {
	ans := commands.Answer{Subject: "James Baker", Others: []string{"Howard Baker", "@everyone Baker"}, Found: 3,
		Summary: []commands.Statement{{Text: "Baker spoke.", Sources: []int{1}}}, Sources: []commands.Source{{N: 1}}}
	e := answerEmbed(ans)
	if want := "*Did you mean Howard Baker or @" + zwsp + "everyone Baker?*\n"; !strings.HasPrefix(e.Description, want) {
		t.Errorf("description %q; want it to start with %q", e.Description, want)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 18889: "18,889", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q; want %q", n, got, want)
		}
	}
}
