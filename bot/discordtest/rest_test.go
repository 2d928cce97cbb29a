package discordtest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

func TestDeferThenEditFromHandler(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv)
	errs := make(chan error, 1)
	s.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
		if err == nil {
			_, err = s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{
				Embeds: &[]*discordgo.MessageEmbed{{Title: "Witkoff", Description: "Three articles."}},
			})
		}
		errs <- err
	})
	mustOpen(t, srv, s)

	sent := srv.SendInteraction(discordtest.InteractionSpec{Name: "news"})
	if err := mustReceive(t, errs); err != nil {
		t.Fatalf("answer from handler: %v", err)
	}
	edit, err := srv.WaitRequest(ctx(t), discordtest.Matches("PATCH /webhooks/"+discordtest.AppID+"/"+sent.Token+"/messages/@original"))
	if err != nil {
		t.Fatal(err)
	}
	if edit.Status != http.StatusOK || edit.Header.Get("Authorization") != testToken {
		t.Errorf("edit answered %d with Authorization %q; want 200 and %q", edit.Status, edit.Header.Get("Authorization"), testToken)
	}
	cbs := srv.Callbacks()
	if len(cbs) != 1 || cbs[0].InteractionID != sent.ID || cbs[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("callbacks = %+v; want one deferred answer to %s", cbs, sent.ID)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages; want 1", len(msgs))
	}
	m := msgs[0]
	if m.Source != discordtest.SourceResponse || m.InteractionID != sent.ID || len(m.Embeds) != 1 || m.Embeds[0].Title != "Witkoff" ||
		m.Flags&discordgo.MessageFlagsLoading != 0 || m.Edited.IsZero() {
		t.Errorf("message = %+v; want the edited, no longer loading response to %s", m, sent.ID)
	}
}

// TestCallbackRules answers dispatched interactions the ways a bot might
// and checks Discord's rules on each.
func TestCallbackRules(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(&reports{TB: t}) // some answers break Discord's API description on purpose
	s := newSession(t, srv)
	mustOpen(t, srv, s)

	command := discordtest.InteractionSpec{Name: "news"}
	autocomplete := discordtest.InteractionSpec{Type: discordgo.InteractionApplicationCommandAutocomplete, Name: "news",
		Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Ma", Focused: true}}}
	message := func(content string) *discordgo.InteractionResponse {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: content}}
	}
	deferred := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	choices := func(n int) *discordgo.InteractionResponse {
		data := &discordgo.InteractionResponseData{}
		for range n {
			data.Choices = append(data.Choices, &discordgo.ApplicationCommandOptionChoice{Name: "Macron", Value: "Macron"})
		}
		return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: data}
	}

	tests := []struct {
		name     string
		spec     discordtest.InteractionSpec
		first    *discordgo.InteractionResponse // accepted before resp, if set
		resp     *discordgo.InteractionResponse
		wantCode int // 0 for success
	}{
		{"message", command, nil, message("Three articles."), 0},
		{"second callback", command, deferred, message("Three articles."), 40060},
		{"content too long", command, nil, message(strings.Repeat("x", 2001)), 50035},
		{"empty message", command, nil, message(""), 50006},
		{"command answered with an update", command, nil, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage}, 50035},
		{"autocomplete answered with a message", autocomplete, nil, message("no"), 50035},
		{"autocomplete choices", autocomplete, nil, choices(25), 0},
		{"too many choices", autocomplete, nil, choices(26), 50035},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent := srv.SendInteraction(tt.spec)
			if tt.first != nil {
				if err := s.InteractionRespond(interactionOf(sent), tt.first); err != nil {
					t.Fatalf("first callback: %v", err)
				}
			}
			err := s.InteractionRespond(interactionOf(sent), tt.resp)
			if code, _ := restCode(err); code != tt.wantCode || (tt.wantCode == 0 && err != nil) {
				t.Errorf("callback error = %v; want code %d", err, tt.wantCode)
			}
		})
	}
	var results []discordgo.InteractionResponseType
	for _, cb := range srv.Callbacks() {
		if cb.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
			results = append(results, cb.Type)
			if len(cb.Choices) != 25 || cb.Choices[0].Name != "Macron" {
				t.Errorf("autocomplete callback = %+v; want 25 choices", cb)
			}
		}
	}
	if len(results) != 1 {
		t.Errorf("got %d accepted autocomplete results; want 1", len(results))
	}
}

func TestCallbackDeadline(t *testing.T) {
	t.Parallel()
	const deadline = time.Second // "in time" must make it on a busy machine
	srv := discordtest.New(t, discordtest.WithCallbackDeadline(deadline))
	s := newSession(t, srv)
	mustOpen(t, srv, s)

	tests := []struct {
		name     string
		wait     time.Duration
		forge    func(*discordgo.Interaction)
		wantCode int
	}{
		{"in time", 0, nil, 0},
		{"late", deadline + 100*time.Millisecond, nil, 10062},
		{"unknown id", 0, func(i *discordgo.Interaction) { i.ID = "1" }, 10062},
		{"wrong token", 0, func(i *discordgo.Interaction) { i.Token = "forged" }, 10062},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := interactionOf(srv.SendInteraction(discordtest.InteractionSpec{Name: "news"}))
			if tt.forge != nil {
				tt.forge(i)
			}
			time.Sleep(tt.wait)
			err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
			if code, status := restCode(err); code != tt.wantCode || (tt.wantCode == 0 && err != nil) || (tt.wantCode != 0 && status != http.StatusNotFound) {
				t.Errorf("callback error = %v; want code %d", err, tt.wantCode)
			}
		})
	}
}

func TestFollowups(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv)
	mustOpen(t, srv, s)
	i := interactionOf(srv.SendInteraction(discordtest.InteractionSpec{Name: "digest"}))

	if _, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "early"}); !hasCode(err, 10015) {
		t.Errorf("followup before the callback: %v; want code 10015", err)
	}
	if err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}}); err != nil {
		t.Fatalf("defer: %v", err)
	}
	original, err := s.InteractionResponse(i)
	if err != nil || original.Flags != discordgo.MessageFlagsLoading|discordgo.MessageFlagsEphemeral {
		t.Errorf("original = %+v, %v; want an ephemeral loading message", original, err)
	}
	f, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "part 2"})
	if err != nil || f.ID == "" || f.Content != "part 2" || f.WebhookID != discordtest.AppID {
		t.Fatalf("followup = %+v, %v; want part 2 from the app's webhook", f, err)
	}
	edited := "part 2, edited"
	if m, err := s.FollowupMessageEdit(i, f.ID, &discordgo.WebhookEdit{Content: &edited}); err != nil || m.Content != edited || m.EditedTimestamp == nil {
		t.Errorf("edit followup = %+v, %v; want %q with an edit time", m, err, edited)
	}
	if m, err := s.FollowupMessageCreate(i, false, &discordgo.WebhookParams{Content: "no wait"}); err != nil || m != nil {
		t.Errorf("followup without wait = %+v, %v; want nil, nil", m, err)
	}
	if err := s.FollowupMessageDelete(i, f.ID); err != nil {
		t.Errorf("delete followup: %v", err)
	}
	if _, err := s.WebhookMessage(discordtest.AppID, i.Token, f.ID); !hasCode(err, 10008) {
		t.Errorf("get deleted followup: %v; want code 10008", err)
	}
	if _, err := s.WebhookMessage(discordtest.AppID, "forged", "@original"); !hasCode(err, 50027) {
		t.Errorf("get with a forged token: %v; want code 50027", err)
	}

	var got []string
	for _, m := range srv.Messages() {
		if m.Source == discordtest.SourceFollowup && !m.Deleted {
			got = append(got, m.Content)
		}
	}
	if len(got) != 1 || got[0] != "no wait" {
		t.Errorf("live followups = %q; want [no wait]", got)
	}
}

func hasCode(err error, want int) bool {
	code, _ := restCode(err)
	return code == want
}

func TestChannelMessageSendComplexIsRecorded(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv)
	mustOpen(t, srv, s)
	question := srv.SendMessage(discordtest.MessageSpec{Content: "<@" + discordtest.AppID + "> news?", Mentions: []discordtest.User{discordtest.BotUser()}})

	got, err := s.ChannelMessageSendComplex(discordtest.ChannelID, &discordgo.MessageSend{
		Content:         "Quoted: @everyone look",
		Embeds:          []*discordgo.MessageEmbed{{Title: "Witkoff", Fields: []*discordgo.MessageEmbedField{{Name: "Source", Value: "Reuters"}}}},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		Reference:       &discordgo.MessageReference{MessageID: question.ID, ChannelID: discordtest.ChannelID},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{CustomID: "more", Label: "More"},
		}}},
		Files: []*discordgo.File{{Name: "digest.txt", ContentType: "text/plain", Reader: strings.NewReader("all the news")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == "" || got.ChannelID != discordtest.ChannelID || got.MessageReference == nil || got.MessageReference.MessageID != question.ID ||
		got.Type != discordgo.MessageTypeReply || len(got.Attachments) != 1 || got.Author == nil || got.Author.ID != discordtest.AppID {
		t.Errorf("returned message = %+v; want a reply to %s with one attachment", got, question.ID)
	}

	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages; want 1", len(msgs))
	}
	m := msgs[0]
	if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(m.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v; want parse: [] so nothing pings", m.AllowedMentions)
	}
	if m.Source != discordtest.SourceChannel || m.Reference == nil || m.Reference.MessageID != question.ID || len(m.Embeds) != 1 || m.Embeds[0].Fields[0].Value != "Reuters" {
		t.Errorf("stored message = %+v; want the reply with its embed", m)
	}
	if row, ok := m.Components[0].(*discordgo.ActionsRow); !ok || row.Components[0].(*discordgo.Button).CustomID != "more" {
		t.Errorf("components = %+v; want a row with the more button", m.Components)
	}
	if len(m.Files) != 1 || m.Files[0].Filename != "digest.txt" || string(m.Files[0].Data) != "all the news" {
		t.Errorf("files = %+v; want digest.txt", m.Files)
	}
	req, err := srv.WaitRequest(ctx(t), discordtest.Matches("POST /channels/*/messages"))
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Content string `json:"content"`
	}
	if err := req.Decode(&body); err != nil || body.Content != "Quoted: @everyone look" || req.Header.Get("Authorization") != testToken {
		t.Errorf("recorded body %+v (%v) with Authorization %q; want the content and %q", body, err, req.Header.Get("Authorization"), testToken)
	}
}

// TestMessageLimits posts messages that break Discord's limits; the fake
// must refuse them as Discord would, and take the ones that fit.
func TestMessageLimits(t *testing.T) {
	t.Parallel()
	// Some limits are in Discord's API description too: the fake reports
	// breaking them, and reports keeps that from failing the test.
	srv := discordtest.New(&reports{TB: t})
	s := newSession(t, srv) // REST only: no gateway needed
	no := false
	embeds := func(n, descLen int) []*discordgo.MessageEmbed {
		var out []*discordgo.MessageEmbed
		for range n {
			out = append(out, &discordgo.MessageEmbed{Title: "t", Description: strings.Repeat("d", descLen)})
		}
		return out
	}
	row := func(n int, customID string) discordgo.ActionsRow {
		var r discordgo.ActionsRow
		for range n {
			r.Components = append(r.Components, discordgo.Button{CustomID: customID, Label: "b"})
		}
		return r
	}
	tests := []struct {
		name     string
		channel  string
		msg      discordgo.MessageSend
		wantCode int
	}{
		{"fits", discordtest.ChannelID, discordgo.MessageSend{Content: strings.Repeat("x", 2000), Embeds: embeds(10, 590)}, 0},
		{"content too long", discordtest.ChannelID, discordgo.MessageSend{Content: strings.Repeat("é", 2001)}, 50035},
		{"eleven embeds", discordtest.ChannelID, discordgo.MessageSend{Embeds: embeds(11, 1)}, 50035},
		{"over 6000 across embeds", discordtest.ChannelID, discordgo.MessageSend{Embeds: embeds(2, 3000)}, 50035},
		{"field without value", discordtest.ChannelID, discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "n"}}}}}, 50035},
		{"empty", discordtest.ChannelID, discordgo.MessageSend{}, 50006},
		{"six buttons in a row", discordtest.ChannelID, discordgo.MessageSend{Components: []discordgo.MessageComponent{row(6, "b")}}, 50035},
		{"button without custom_id", discordtest.ChannelID, discordgo.MessageSend{Components: []discordgo.MessageComponent{row(1, "")}}, 50035},
		{"reply to an unknown message", discordtest.ChannelID, discordgo.MessageSend{Content: "x", Reference: &discordgo.MessageReference{MessageID: "1"}}, 50035},
		{"reply to an unknown message, allowed", discordtest.ChannelID, discordgo.MessageSend{Content: "x", Reference: &discordgo.MessageReference{MessageID: "1", FailIfNotExists: &no}}, 0},
		{"unknown channel", "1", discordgo.MessageSend{Content: "x"}, 10003},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ChannelMessageSendComplex(tt.channel, &tt.msg)
			if code, _ := restCode(err); code != tt.wantCode || (tt.wantCode == 0 && err != nil) {
				t.Errorf("send error = %v; want code %d", err, tt.wantCode)
			}
		})
	}
}

func TestRateLimitIsWaitedOut(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv)
	const retryAfter = 200 * time.Millisecond
	srv.RateLimit("POST /channels/*/messages", 1, retryAfter)

	if _, err := s.ChannelMessageSend(discordtest.ChannelID, "hello"); err != nil {
		t.Fatalf("send: %v", err)
	}
	var seen []discordtest.Request
	for _, r := range srv.Requests() {
		if discordtest.Matches("POST /channels/*/messages")(r) {
			seen = append(seen, r)
		}
	}
	if len(seen) != 2 || seen[0].Status != http.StatusTooManyRequests || seen[1].Status != http.StatusOK {
		t.Fatalf("got %d requests; want a 429 then a 200", len(seen))
	}
	if gap := seen[1].At.Sub(seen[0].At); gap < retryAfter {
		t.Errorf("retried after %v; want at least %v", gap, retryAfter)
	}
}

func TestFail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		n            int
		err          discordtest.APIError
		wantErr      bool
		wantStatus   int // of the REST error returned; 0 for none
		wantCode     int
		wantRequests int
	}{
		{"500 is returned", 1, discordtest.APIError{Status: 500}, true, 500, 0, 1},
		{"502 is retried", 2, discordtest.APIError{Status: 502}, false, 0, 0, 3},
		{"502 retries give up", 4, discordtest.APIError{Status: 502}, true, 0, 0, 4},
		{"missing permissions", 1, discordtest.APIError{Status: 403, Code: 50013, Message: "Missing Permissions"}, true, 403, 50013, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := discordtest.New(t)
			s := newSession(t, srv)
			srv.Fail("POST /channels/"+discordtest.ChannelID+"/messages", tt.n, tt.err)
			_, err := s.ChannelMessageSend(discordtest.ChannelID, "hello")
			code, status := restCode(err)
			if (err != nil) != tt.wantErr || status != tt.wantStatus || code != tt.wantCode {
				t.Errorf("error = %v; want error %t with status %d and code %d", err, tt.wantErr, tt.wantStatus, tt.wantCode)
			}
			if n := len(srv.Requests()); n != tt.wantRequests {
				t.Errorf("got %d requests; want %d", n, tt.wantRequests)
			}
		})
	}
}

func TestCommandsBulkOverwrite(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv)
	news := &discordgo.ApplicationCommand{Name: "news", Description: "What's new about a topic", Options: []*discordgo.ApplicationCommandOption{
		{Name: "topic", Description: "A person, place or thing", Type: discordgo.ApplicationCommandOptionString, Required: true, Autocomplete: true},
	}}
	digest := &discordgo.ApplicationCommand{Name: "digest", Description: "Today's digest"}

	first, err := s.ApplicationCommandBulkOverwrite(discordtest.AppID, discordtest.GuildID, []*discordgo.ApplicationCommand{news, digest})
	if err != nil || len(first) != 2 || first[0].ID == "" || first[0].ApplicationID != discordtest.AppID || first[0].GuildID != discordtest.GuildID {
		t.Fatalf("overwrite = %+v, %v; want 2 commands with IDs", first, err)
	}
	again, err := s.ApplicationCommandBulkOverwrite(discordtest.AppID, discordtest.GuildID, []*discordgo.ApplicationCommand{news})
	if err != nil || len(again) != 1 || again[0].ID != first[0].ID {
		t.Errorf("second overwrite = %+v, %v; want news alone with its ID %s kept", again, err, first[0].ID)
	}
	listed, err := s.ApplicationCommands(discordtest.AppID, discordtest.GuildID)
	if err != nil || len(listed) != 1 || listed[0].Name != "news" || !listed[0].Options[0].Autocomplete {
		t.Errorf("listed = %+v, %v; want news with its autocomplete option", listed, err)
	}
	if global, err := s.ApplicationCommands(discordtest.AppID, ""); err != nil || len(global) != 0 {
		t.Errorf("global commands = %+v, %v; want none", global, err)
	}
	if got := srv.Commands(discordtest.GuildID); len(got) != 1 || got[0].ID != first[0].ID {
		t.Errorf("Commands = %+v; want news", got)
	}

	tests := []struct {
		name     string
		guild    string
		cmd      *discordgo.ApplicationCommand
		wantCode int
	}{
		{"uppercase name", discordtest.GuildID, &discordgo.ApplicationCommand{Name: "News", Description: "d"}, 50035},
		{"no description", discordtest.GuildID, &discordgo.ApplicationCommand{Name: "news"}, 50035},
		{"another guild", "1", digest, 50001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ApplicationCommandBulkOverwrite(discordtest.AppID, tt.guild, []*discordgo.ApplicationCommand{tt.cmd})
			if !hasCode(err, tt.wantCode) {
				t.Errorf("overwrite error = %v; want code %d", err, tt.wantCode)
			}
		})
	}
}

func TestRoutesAndAuth(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(&reports{TB: t}) // the wrong method breaks Discord's API description on purpose
	s := newSession(t, srv)
	unprefixed, err := discordgo.New("test-token")
	if err != nil {
		t.Fatal(err)
	}
	unprefixed.Client = srv.Client()

	tests := []struct {
		name       string
		s          *discordgo.Session
		method     string
		path       string
		wantStatus int
	}{
		{"bot user", s, "GET", "users/@me", http.StatusOK},
		{"channel", s, "GET", "channels/" + discordtest.ChannelID, http.StatusOK},
		{"gateway for sharding", s, "GET", "gateway/bot", http.StatusOK},
		{"unknown channel", s, "GET", "channels/1", http.StatusNotFound},
		{"unknown route", s, "GET", "guilds/1/bans", http.StatusNotFound},
		{"wrong method", s, "DELETE", "users/@me", http.StatusMethodNotAllowed},
		{"token without Bot prefix", unprefixed, "GET", "users/@me", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.s.Request(tt.method, discordgo.EndpointAPI+tt.path, nil)
			_, status := restCode(err)
			if tt.wantStatus == http.StatusOK && err != nil || tt.wantStatus != http.StatusOK && status != tt.wantStatus {
				t.Errorf("%s %s: %v; want status %d", tt.method, tt.path, err, tt.wantStatus)
			}
			matches := discordtest.Matches(tt.method + " /" + tt.path)
			if _, err := srv.WaitRequest(ctx(t), func(r discordtest.Request) bool { return matches(r) && r.Status == tt.wantStatus }); err != nil {
				t.Errorf("%s %s answered %d not recorded: %v", tt.method, tt.path, tt.wantStatus, err)
			}
		})
	}
	if me, err := s.User("@me"); err != nil || me.ID != discordtest.AppID || !me.Bot {
		t.Errorf("User(@me) = %+v, %v; want the bot", me, err)
	}
}

func TestClientStaysOffTheNetwork(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	resp, err := srv.Client().Get("https://example.com/")
	if err == nil {
		resp.Body.Close()
		t.Fatal("got a response from example.com; want the request refused")
	}
	if !strings.Contains(err.Error(), "only discord.com is faked") {
		t.Errorf("error = %v; want the fake's refusal", err)
	}
}
