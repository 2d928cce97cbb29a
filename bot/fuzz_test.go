package bot

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
	"newsbot/index/news"
)

// The render fuzzers take lists as strings of at most 2,000 bytes, of items
// separated by sep, made valid UTF-8 as the index makes text, and count and
// grow bytes that multiply sources and lengthen texts (to at most about 1,500
// bytes) past Discord's limits, cheaply.
const sep = "\x1e"

func items(s string) []string {
	return strings.Split(strings.ToValidUTF8(s[:min(len(s), 2000)], "\uFFFD"), sep)
}

func pick(list []string, i int) string { return list[i%len(list)] }

func longer(s string, grow uint8) string {
	return strings.Repeat(s, min(1+int(grow%48), 1+1500/(len(s)+1)))
}

// fuzzArticle is the i-th article made of the fuzzed titles and links; every
// third one also has a date and a file.
func fuzzArticle(titles, urls []string, i int, grow uint8) news.Article {
	a := news.Article{Title: longer(pick(titles, i), grow), Source: longer(pick(titles, i+1), grow/8), URL: pick(urls, i)}
	if i%3 == 2 {
		a.Path, a.Date = "/data/"+pick(urls, i)+".txt", time.Date(2025, 4, 17, 0, 0, 0, 0, time.UTC)
	}
	return a
}

// FuzzRenderAnswer checks that answerEmbed, sourcesEmbed and latestEmbed,
// whatever the subject, sentences, titles, excerpts and links, keep within
// Discord's limits and are inert (see checkEmbed). Excerpt fragments
// alternate plain and matched text, as commands.fragments makes them.
func FuzzRenderAnswer(f *testing.F) {
	f.Add("Witkoff", "Witkoff met @everyone.\x1e[click](http://evil.example) **bold**", "Envoy <@123> heads to Paris\x1eReuters",
		"The envoy \x1eWitkoff\x1e said https://x.example/ *was* fine", "https://example.com/a(b)\x1ejavascript:alert(1)", uint16(12), uint8(3), uint8(0))
	f.Fuzz(func(t *testing.T, subject, sentences, titles, excerpt, urls string, found uint16, count, grow uint8) {
		titleList, urlList := items(titles), items(urls)
		var frags []commands.Fragment
		for i, x := range items(excerpt) {
			if x != "" {
				frags = append(frags, commands.Fragment{Text: longer(x, grow), Match: i%2 == 1})
			}
		}
		ans := commands.Answer{Subject: items(subject)[0], Others: titleList[:min(3, len(titleList))], Found: int(found), Suggestions: titleList}
		for i := range int(count % 31) {
			ans.Sources = append(ans.Sources, commands.Source{N: i + 1, Article: fuzzArticle(titleList, urlList, i, grow), Excerpt: frags})
		}
		for i, s := range items(sentences) {
			ans.Summary = append(ans.Summary, commands.Statement{Text: longer(s, grow), Sources: []int{i + 1, int(found)}})
		}
		if grow%2 == 1 {
			ans.Reading.Period.Since = time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
		}
		checkEmbed(t, "answer", answerEmbed(ans))
		checkEmbed(t, "sources", sourcesEmbed(ans))
		checkEmbed(t, "latest", latestEmbed(commands.Latest{Topic: ans.Subject, Found: int(found), Articles: ans.Sources}))
	})
}

// FuzzRenderDigest checks that digestMessages posts every story, at most ten
// embeds and 6,000 characters of them to a message, each embed within
// Discord's limits and inert (see checkEmbed), and an inert heading within
// 2,000 characters. Topics are cut to the 300 characters /digest takes.
func FuzzRenderDigest(f *testing.F) {
	f.Add("Iran, @here, trade talks", "Port **expansion**\x1e1. Ferry", "One sentence. Two.\x1e@everyone [x](http://y)", "Herald\x1e\x1eReuters",
		"https://example.com/a\x1e\x1ehttp://a/?q=[]", uint8(5), uint8(2))
	f.Fuzz(func(t *testing.T, topics, titles, sentences, names, urls string, count, grow uint8) {
		titleList, sentenceList, nameList, urlList := items(titles), items(sentences), items(names), items(urls)
		var d commands.Digest
		for i := range int(count % 25) {
			s := commands.Story{Title: longer(pick(titleList, i), grow), Summary: []string{longer(pick(sentenceList, i), grow), pick(sentenceList, i+1)}}
			for j := range 1 + (i+int(grow))%40 {
				s.Sources = append(s.Sources, fuzzArticle(nameList, urlList, i+j, grow))
			}
			d.Stories = append(d.Stories, s)
			d.Articles += len(s.Sources)
		}
		typed := []rune(strings.ToValidUTF8(topics, "?"))
		heading := digestHeading("2025-04-17", topicList(string(typed[:min(300, len(typed))])))
		posted := 0
		for i, m := range digestMessages(heading, d) {
			checkInert(t, "content", m.Content)
			total := 0
			for _, e := range m.Embeds {
				checkEmbed(t, "story", e)
				total += embedLength(e)
			}
			if len(m.Embeds) > maxEmbeds || total > maxEmbedsTotal || length(m.Content) > maxContent {
				t.Errorf("message %d: %d embeds, %d characters of embeds, %d of content", i, len(m.Embeds), total, length(m.Content))
			}
			posted += len(m.Embeds)
		}
		// The top stories in full, the others in one list.
		if want := min(len(d.Stories), fullStories+1); posted != want {
			t.Errorf("%d embeds posted for %d stories; want %d", posted, len(d.Stories), want)
		}
	})
}

// checkEmbed fails the test unless every part of e is within Discord's
// limits, no field has an empty name or value (Discord rejects those), e's
// link is a safeLink, and every text is inert (see checkInert).
func checkEmbed(t *testing.T, what string, e *discordgo.MessageEmbed) {
	t.Helper()
	texts, limits := []string{e.Title, e.Description}, []int{maxTitle, maxDescription}
	if e.Footer != nil {
		texts, limits = append(texts, e.Footer.Text), append(limits, maxFooter)
	}
	for _, fl := range e.Fields {
		if fl.Name == "" || fl.Value == "" {
			t.Fatalf("%s: a field with name %q and value %q; Discord wants both", what, fl.Name, fl.Value)
		}
		texts, limits = append(texts, fl.Name, fl.Value), append(limits, maxFieldName, maxFieldValue)
	}
	for i, s := range texts {
		if length(s) > limits[i] {
			t.Fatalf("%s: %q is %d long; the limit is %d", what, s, length(s), limits[i])
		}
		checkInert(t, what, s)
	}
	if len(e.Fields) > maxFields || embedLength(e) > maxEmbedsTotal {
		t.Fatalf("%s: %d fields, %d characters; the limits are %d and %d", what, len(e.Fields), embedLength(e), maxFields, maxEmbedsTotal)
	}
	if e.URL != "" && !safeTarget(e.URL) {
		t.Fatalf("%s links to %q", what, e.URL)
	}
}

// checkInert fails the test unless s is valid UTF-8 and Discord would act on
// nothing in it but the renderer's own markup: every unescaped "](" opens the
// closed target of a masked link that is a safeLink; bold markers "**" pair
// up; no "<@", "<@&" or "<#" mention is left unescaped; and outside link
// targets no "@everyone" or "@here" lacks the zero-width space after "@" and
// no "://" makes a bare link.
func checkInert(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s: %q is not valid UTF-8", what, s)
	}
	var text strings.Builder // s without its links' targets
	bold := 0
	for i := 0; i < len(s); {
		n := 1
		switch rest := s[i:]; {
		case rest[0] == '\\' && len(rest) > 1:
			_, size := utf8.DecodeRuneInString(rest[1:])
			n = 1 + size
		case strings.HasPrefix(rest, "]("):
			end := strings.IndexByte(rest, ')')
			if end < 0 || !safeTarget(rest[2:end]) {
				t.Fatalf("%s: %q holds a masked link that is unclosed or not a safeLink", what, s)
			}
			text.WriteString("](link)")
			i += end + 1
			continue
		case strings.HasPrefix(rest, "**"):
			bold, n = bold+1, 2
		case strings.HasPrefix(rest, "<@"), strings.HasPrefix(rest, "<#"):
			t.Fatalf("%s: %q holds an unescaped mention", what, s)
		}
		text.WriteString(s[i : i+n])
		i += n
	}
	if bold%2 != 0 {
		t.Fatalf("%s: %q leaves a bold pair open", what, s)
	}
	for _, bad := range []string{"@everyone", "@here", "://"} {
		if strings.Contains(strings.ToLower(text.String()), bad) {
			t.Fatalf("%s: %q holds %q outside a link", what, s, bad)
		}
	}
}

// safeTarget reports whether u can be what safeLink returns: an http(s) URL
// with nothing that ends or escapes a markdown link's target.
func safeTarget(u string) bool {
	return (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) && !strings.ContainsAny(u, " \t\n()<>\\")
}

// FuzzEscape checks that escape loses nothing (dropping the zero-width spaces
// and the escaping backslashes gives the text back, but for its own
// zero-width spaces), leaves no markdown character unescaped (anywhere, at
// the start of a line, or the full stop of "1."), and is inert (checkInert).
func FuzzEscape(f *testing.F) {
	f.Add("# header\n> quote\n 12. first\n@everyone [click](http://evil) <@123> **b** _i_ ~~s~~ `c` ||x|| back\\slash\\")
	f.Fuzz(func(t *testing.T, s string) {
		e := escape(s)
		if !utf8.ValidString(s) {
			return
		}
		for line := range strings.SplitSeq(e, "\n") {
			body := strings.TrimLeft(line, " \t")
			rest := strings.TrimLeft(body, "0123456789")
			if body != "" && strings.ContainsAny(body[:1], lineStartChars) || len(rest) < len(body) && strings.HasPrefix(rest, ".") {
				t.Fatalf("escape(%q) = %q leaves the line %q unescaped", s, e, line)
			}
		}
		var plain strings.Builder
		for i := 0; i < len(e); {
			r, n := utf8.DecodeRuneInString(e[i:])
			if r == '\\' && i+n < len(e) {
				i++
				r, n = utf8.DecodeRuneInString(e[i:])
			} else if strings.ContainsRune(markdownChars, r) {
				t.Fatalf("escape(%q) = %q leaves %q unescaped at %d", s, e, r, i)
			}
			if e[i:i+n] != zwsp {
				plain.WriteString(e[i : i+n])
			}
			i += n
		}
		if want := strings.ReplaceAll(s, zwsp, ""); plain.String() != want {
			t.Errorf("escape(%q) = %q reads back as %q", s, e, plain.String())
		}
		checkInert(t, "escape", e)
	})
}

// FuzzTruncate checks that truncate(s, n), of raw or escaped text, is s when
// it fits, else at most n long, empty just when n <= 2, valid UTF-8 when s
// is, a prefix of s then "…" or " …", and never ends in a backslash before
// the ellipsis, which would escape it.
func FuzzTruncate(f *testing.F) {
	f.Add("First sentence here. Second sentence is longer.", int16(30))
	f.Fuzz(func(t *testing.T, raw string, n int16) {
		for _, s := range []string{raw, escape(raw)} {
			got := truncate(s, int(n))
			prefix := strings.TrimSuffix(strings.TrimSuffix(got, ellipsis), " ")
			switch {
			case length(s) <= int(n) && got != s:
				t.Errorf("truncate(%q, %d) = %q; want it whole", s, n, got)
			case length(s) <= int(n):
			case (got == "") != (n <= 2):
				t.Errorf("truncate(%q, %d) = %q; want \"\" just when n <= 2", s, n, got)
			case got != "" && (length(got) > int(n) || !strings.HasPrefix(s, prefix) || !strings.HasSuffix(got, ellipsis) || (utf8.ValidString(s) && !utf8.ValidString(got))):
				t.Errorf("truncate(%q, %d) = %q; want a prefix and an ellipsis, at most %d long", s, n, got, n)
			case strings.HasSuffix(strings.TrimSuffix(got, ellipsis), `\`):
				t.Errorf("truncate(%q, %d) = %q ends in a backslash", s, n, got)
			}
		}
	})
}
