// Command fakediscord checks a running "newsbot serve" from outside the test
// suite: it starts the fake Discord of package discordtest on a fixed port,
// waits for the bot to connect, sends it /news and a mention, prints the
// answers, and exits 0 when both came back safe.
//
//	go run ./cmd/fakediscord &
//	DISCORD_API_URL=http://127.0.0.1:8999 DISCORD_TOKEN=<any token-shaped text> go run ./cmd/newsbot serve
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

// exampleToken has the shape of a token of the fake's application; the fake
// accepts any.
const exampleToken = "OTAwMDAwMDAwMDAwMDAwMDAx.GxYzAb.fakediscordfakediscordfakedisc"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "fakediscord: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakediscord", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8999", "address to serve the fake Discord on")
	topic := fs.String("news", "Witkoff", "topic to ask with /news")
	mention := fs.String("mention", "what's new about Macron?", "question to ask by mentioning the bot")
	timeout := fs.Duration("timeout", 2*time.Minute, "how long to wait for the bot")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fake, err := discordtest.Start(*listen, func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) })
	if err != nil {
		return err
	}
	defer fake.Close()
	fmt.Fprintf(stdout, "fake Discord listening. Start the bot with:\n  DISCORD_API_URL=%s DISCORD_GUILD_ID=%s DISCORD_TOKEN=%s go run ./cmd/newsbot serve\n",
		fake.URL(), discordtest.GuildID, exampleToken)

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	if _, err := fake.WaitRequest(ctx, discordtest.Matches("PUT /applications/*/guilds/*/commands")); err != nil {
		return fmt.Errorf("the bot did not register its commands in guild %s: %w", discordtest.GuildID, err)
	}
	if err := fake.WaitHeartbeat(ctx); err != nil {
		return fmt.Errorf("the bot did not heartbeat: %w", err)
	}
	fmt.Fprintln(stdout, "bot connected and registered its commands")

	sent := fake.SendInteraction(discordtest.InteractionSpec{Name: "news", Options: []discordtest.CommandOption{
		{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: *topic},
	}})
	if _, err := fake.WaitRequest(ctx, func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.Contains(r.Path, sent.Token) && r.Status == 200
	}); err != nil {
		return fmt.Errorf("/news was not answered: %w", err)
	}
	question := fake.SendMessage(discordtest.MessageSpec{
		Content:  "<@" + discordtest.AppID + "> " + *mention,
		Mentions: []discordtest.User{discordtest.BotUser()},
	})
	if _, err := fake.WaitRequest(ctx, func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.Contains(string(r.Body), question.ID)
	}); err != nil {
		return fmt.Errorf("the mention was not answered: %w", err)
	}
	return report(stdout, fake.Messages(), sent.ID, question.ID)
}

// report prints the bot's answers to the interaction and the message, and
// fails unless both exist and allow no mentions.
func report(w io.Writer, messages []discordtest.Message, interactionID, messageID string) error {
	var answers []discordtest.Message
	for _, m := range messages {
		if m.InteractionID == interactionID || (m.Reference != nil && m.Reference.MessageID == messageID) {
			answers = append(answers, m)
		}
	}
	if len(answers) < 2 {
		return fmt.Errorf("got %d answers; want the /news answer and the reply", len(answers))
	}
	for _, m := range answers[len(answers)-2:] {
		fmt.Fprintf(w, "\n--- %s\n", describe(m))
		for _, e := range m.Embeds {
			fmt.Fprintf(w, "%s\n%s\n", e.Title, e.Description)
			for _, f := range e.Fields {
				fmt.Fprintf(w, "%s\n  %s\n", f.Name, strings.ReplaceAll(f.Value, "\n", "\n  "))
			}
		}
		if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 {
			return fmt.Errorf("%s allows mentions", describe(m))
		}
	}
	fmt.Fprintln(w, "\nOK: both answered, neither can ping anyone")
	return nil
}

func describe(m discordtest.Message) string {
	if m.InteractionID != "" {
		return "answer to /news"
	}
	return "reply to the mention"
}
