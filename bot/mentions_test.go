package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

// sentMessage is the part of a posted message the tests look at.
type sentMessage struct {
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Reference       *discordgo.MessageReference       `json:"message_reference"`
}

// reply waits for the bot's reply to a message and returns its request body.
func (h *harness) reply(t *testing.T, to discordtest.Sent) sentMessage {
	t.Helper()
	r, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.Contains(string(r.Body), to.ID)
	})
	if err != nil {
		t.Fatalf("no reply to message %s: %v\nlogs:\n%s", to.ID, err, h.logs)
	}
	var m sentMessage
	if err := r.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMentionGetsAReply(t *testing.T) {
	h := startBot(t, nil, nil)
	sent := h.fake.SendMessage(discordtest.MessageSpec{
		Content:  "<@" + discordtest.AppID + "> what's new about Macron?",
		Mentions: []discordtest.User{discordtest.BotUser()},
	})
	m := h.reply(t, sent)
	if m.Reference == nil || m.Reference.MessageID != sent.ID {
		t.Errorf("reply references %+v; want message %s", m.Reference, sent.ID)
	}
	if len(m.Embeds) != 1 || m.Embeds[0].Title != "Macron: 5 articles" {
		t.Errorf("reply embeds %s; want the /news answer on Macron", mustJSON(t, m.Embeds))
	}
	if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 || m.AllowedMentions.RepliedUser {
		t.Errorf("allowed_mentions %s; want nothing to ping, the author neither", mustJSON(t, m.AllowedMentions))
	}
}

// A direct message of dates alone is that day's news.
func TestDirectMessageOfDatesAlone(t *testing.T) {
	h := startBot(t, nil, nil)
	m := h.reply(t, h.fake.SendMessage(discordtest.MessageSpec{Content: "what happened on 26 April?", DM: true}))
	if len(m.Embeds) != 1 || !strings.HasPrefix(m.Embeds[0].Title, "News on 26 April 2025: ") {
		t.Fatalf("reply embeds %s; want the news of 26 April 2025", mustJSON(t, m.Embeds))
	}
	for _, f := range m.Embeds[0].Fields {
		if !strings.Contains(f.Value, "2025-04-26") {
			t.Errorf("source %q is not of 26 April: %q", f.Name, f.Value)
		}
	}
}

func TestDirectMessageGetsAReply(t *testing.T) {
	h := startBot(t, nil, nil)
	m := h.reply(t, h.fake.SendMessage(discordtest.MessageSpec{Content: "Rubio", DM: true}))
	if len(m.Embeds) != 1 || !strings.HasPrefix(m.Embeds[0].Title, "Rubio: ") {
		t.Errorf("reply embeds %s; want the answer on Rubio", mustJSON(t, m.Embeds))
	}
}

func TestIgnoredMessages(t *testing.T) {
	h := startBot(t, nil, nil)
	mention := "<@" + discordtest.AppID + "> Witkoff"
	for _, spec := range []discordtest.MessageSpec{
		{Content: mention, Mentions: []discordtest.User{discordtest.BotUser()}, Author: discordtest.BotUser()},
		{Content: mention, Mentions: []discordtest.User{discordtest.BotUser()}, Author: discordtest.User{ID: "600000000000000009", Username: "otherbot", Bot: true}},
		{Content: "Witkoff is in the news again"}, // no mention in a channel
	} {
		h.fake.SendMessage(spec)
	}
	// A message that is answered, sent last, shows that the others were
	// handled by then.
	h.reply(t, h.fake.SendMessage(discordtest.MessageSpec{Content: mention, Mentions: []discordtest.User{discordtest.BotUser()}}))
	time.Sleep(200 * time.Millisecond)
	var posts int
	for _, r := range h.fake.Requests() {
		if r.Method == "POST" && strings.HasPrefix(r.Path, "/channels/") {
			posts++
		}
	}
	if posts != 1 {
		t.Errorf("the bot posted %d messages; want 1, to the only message it should answer", posts)
	}
}

func TestEmptyMentionGetsHelp(t *testing.T) {
	h := startBot(t, nil, nil)
	m := h.reply(t, h.fake.SendMessage(discordtest.MessageSpec{Content: "<@" + discordtest.AppID + ">", Mentions: []discordtest.User{discordtest.BotUser()}}))
	if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Description, "/news") {
		t.Errorf("reply %s; want the help", mustJSON(t, m.Embeds))
	}
}

func TestMentionAnsweredOnceWhenDiscordsAnswerIsLost(t *testing.T) {
	h := startBot(t, nil, nil)
	h.fake.LoseReplies("POST /channels/*/messages", 1, discordtest.APIError{Status: 502})
	sent := h.fake.SendMessage(discordtest.MessageSpec{
		Content:  "<@" + discordtest.AppID + "> what's new about Macron?",
		Mentions: []discordtest.User{discordtest.BotUser()},
	})
	// discordgo resends a 502 at once; Discord returns the message its
	// nonce made the first time.
	h.reply(t, sent)
	waitTicks()
	replies := 0
	for _, m := range h.fake.Messages() {
		if m.Reference != nil && m.Reference.MessageID == sent.ID {
			replies++
		}
	}
	if replies != 1 {
		t.Errorf("%d replies to one mention; want 1\n%s", replies, h.logs)
	}
}
