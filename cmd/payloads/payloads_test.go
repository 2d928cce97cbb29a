package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"newsbot/bot"
	"newsbot/cmd/internal/eval"
	"newsbot/commands"
	"newsbot/index"
	"newsbot/index/ingest"
)

var update = flag.Bool("update", false, "rewrite the golden payloads")

// The messages the bot sends for the fixed questions and digest, as Discord
// gets them, are those in testdata/payloads.json: a change in what users see
// shows in review as a change of that file (go test ./cmd/payloads -update).
func TestPayloadsGolden(t *testing.T) {
	var got bytes.Buffer
	if err := run(context.Background(), "", &got); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/payloads.json"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("the payloads differ from %s; look at them (render/README.md) and run go test ./cmd/payloads -update if they read better", golden)
	}
	checkShown(t, got.Bytes())
}

// corpus is the real news in ../shared/corpus, never copied into the
// repository: the test that needs it skips when it is absent.
const corpus = "../../../shared/corpus"

// The bot's answers to the questions measured by newsbot eval, and its
// digests of busy Reuters days, show no file path and ping nobody.
func TestCorpusPayloads(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("../shared/corpus is not here")
	}
	if testing.Short() {
		t.Skip("indexing a month of Reuters stories takes a while; skipped with -short")
	}
	ctx := context.Background()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	files, err := ingest.ListFiles([]string{filepath.Join(corpus, "reuters", "1987-03")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(ctx, ingest.ReadFiles(ctx, files), nil); err != nil {
		t.Fatal(err)
	}
	var asked []bot.Asked
	for _, q := range eval.Questions {
		asked = append(asked, bot.Asked{Name: q.Text, Request: commands.Request{Question: q.Text, Now: eval.QuestionsNow}})
	}
	for _, person := range eval.People {
		asked = append(asked, bot.Asked{Name: person, Request: commands.Request{Question: person}})
	}
	day := time.Date(1987, 3, 2, 0, 0, 0, 0, time.UTC)
	shown, err := bot.Preview(ctx, ix, bot.Showcase{
		Asked:         asked,
		Digest:        commands.DigestRequest{From: day, To: day.AddDate(0, 0, 5)},
		DigestHeading: "Reuters, 2-6 March 1987",
	})
	if err != nil {
		t.Fatal(err)
	}
	payloads, err := json.Marshal(shown)
	if err != nil {
		t.Fatal(err)
	}
	checkShown(t, payloads)
}

// checkShown fails the test when a payload shows a file name or pings
// everyone.
func checkShown(t *testing.T, payloads []byte) {
	t.Helper()
	for _, forbidden := range []string{".txt", "@everyone", "@here"} {
		if i := bytes.Index(payloads, []byte(forbidden)); i >= 0 {
			t.Errorf("a payload holds %q: …%s…", forbidden, payloads[max(0, i-200):min(len(payloads), i+50)])
		}
	}
}
