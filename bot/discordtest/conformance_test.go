package discordtest_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

// TestRequestsFollowTheAPIDescription sends requests that Discord's API
// description allows and forbids: the fake must refuse the second kind as
// Discord would, and report each to the test, since it is a bug in the bot.
func TestRequestsFollowTheAPIDescription(t *testing.T) {
	if err := discordtest.DescriptionError(); err != nil {
		t.Skip(err)
	}
	t.Parallel()
	rep := &reports{TB: t}
	srv := discordtest.New(rep)
	s := newSession(t, srv)
	messages := discordgo.EndpointChannelMessages(discordtest.ChannelID)
	commands := discordgo.EndpointApplicationGuildCommands(discordtest.AppID, discordtest.GuildID)
	command := func(permissions string) []any {
		return []any{map[string]any{"name": "digest", "description": "The daily digest", "default_member_permissions": permissions}}
	}
	tests := []struct {
		name       string
		method     string
		url        string
		body       any
		upload     bool   // sends body as the payload_json of a multipart upload
		wantStatus int    // 200 for success
		wantError  string // in the body of the refusal
		reported   bool
	}{
		{"message", "POST", messages, map[string]any{"content": "Witkoff", "embeds": []any{map[string]any{"title": "Talks"}}}, false, http.StatusOK, "", false},
		{"embed title a number", "POST", messages, map[string]any{"embeds": []any{map[string]any{"title": 42}}}, false, http.StatusBadRequest, `"embeds":{"0":{"title":{"_errors"`, true},
		{"upload", "POST", messages, map[string]any{"content": "Witkoff"}, true, http.StatusOK, "", false},
		{"upload with an embed title a number", "POST", messages, map[string]any{"embeds": []any{map[string]any{"title": 42}}}, true, http.StatusBadRequest, `"embeds":{"0":{"title":{"_errors"`, true},
		{"permissions as a string, as the docs say", "PUT", commands, command("32"), false, http.StatusOK, "", false},
		{"permissions not a number", "PUT", commands, command("Manage Server"), false, http.StatusBadRequest, `"default_member_permissions":{"_errors"`, true},
		{"undocumented method", "DELETE", discordgo.EndpointUser("@me"), nil, false, http.StatusMethodNotAllowed, "", true},
		{"undocumented route", "GET", discordgo.EndpointAPI + "newsbot/stories", nil, false, http.StatusNotFound, "", true},
		{"documented route the fake lacks", "GET", discordgo.EndpointGuildBans(discordtest.GuildID), nil, false, http.StatusNotFound, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.upload {
				err = upload(s, tt.url, tt.body)
			} else {
				_, err = s.Request(tt.method, tt.url, tt.body)
			}
			if status := statusOf(err); status != tt.wantStatus || !strings.Contains(bodyOf(err), tt.wantError) {
				t.Errorf("%s %s: %v; want status %d with %s", tt.method, tt.url, err, tt.wantStatus, tt.wantError)
			}
			if got := rep.take(); (len(got) > 0) != tt.reported {
				t.Errorf("reports = %q; want reported %t", got, tt.reported)
			}
		})
	}
	if n := len(srv.Messages()); n != 2 {
		t.Errorf("got %d messages; want the 2 that follow the description", n)
	}
}

// upload posts body as the payload_json of a multipart body with a file,
// as discordgo does for messages with attachments.
func upload(s *discordgo.Session, url string, body any) error {
	files := []*discordgo.File{{Name: "digest.txt", ContentType: "text/plain", Reader: strings.NewReader("all the news")}}
	contentType, b, err := discordgo.MultipartBodyWithJSON(body, files)
	if err != nil {
		return err
	}
	_, err = s.RequestRaw("POST", url, contentType, b, url, 0)
	return err
}

// statusOf is the status a REST call was answered with: 200 unless it failed.
func statusOf(err error) int {
	if err == nil {
		return http.StatusOK
	}
	_, status := restCode(err)
	return status
}

// bodyOf is the body of the error answer a REST call got, if any.
func bodyOf(err error) string {
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		return ""
	}
	return string(re.ResponseBody)
}
