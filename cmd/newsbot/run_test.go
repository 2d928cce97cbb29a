package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image/png"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"newsbot/index"
)

const samples = "../../testdata/articles"

// runNewsbot runs the program with args and the given environment, and returns
// what it printed.
func runNewsbot(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, func(k string) string { return env[k] }, &out, &errOut)
	return out.String(), errOut.String(), err
}

// mustIndexSamples builds an index of the sample articles in a fresh data
// directory and returns the directory.
func mustIndexSamples(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	if _, stderr, err := runNewsbot(t, nil, "index", "--data", data, samples); err != nil {
		t.Fatalf("index: %v\n%s", err, stderr)
	}
	return data
}

func TestIndexCommand(t *testing.T) {
	data := t.TempDir()
	out, _, err := runNewsbot(t, nil, "index", "--data", data, samples, "../../index/news/testdata/parse")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"rejected ../../index/news/testdata/parse/empty.txt: empty file\n",
		`rejected ../../index/news/testdata/parse/bad-date.txt: malformed date "2025-13-45": want YYYY-MM-DD` + "\n",
		"added 28, updated 0, unchanged 0, duplicates 0, rejected 8 (36 read in ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runNewsbot(t, map[string]string{"NEWSBOT_DATA": data}, "index", samples)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "added 0, updated 0, unchanged 21, duplicates 0, rejected 0 (21 read in ") {
		t.Errorf("second run, data dir from NEWSBOT_DATA: %q; want 21 unchanged", out)
	}
}

// A question's dates and its "latest" show in the reading, and in the line
// that says how it was read.
func TestAskReading(t *testing.T) {
	data := mustIndexSamples(t)
	out, _, err := runNewsbot(t, nil, "ask", "what's the latest on Witkoff in April?", "--json", "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Reading map[string]any `json:"reading"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"subject": "Witkoff", "since": "2025-04-01", "until": "2025-05-01", "dropped": []any{}, "order": "newest"}
	if !reflect.DeepEqual(got.Reading, want) {
		t.Errorf("reading %v; want %v", got.Reading, want)
	}
	text, _, err := runNewsbot(t, nil, "ask", "what's the latest on Witkoff in April?", "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Reading this as: Witkoff, April 2025, newest first\n") {
		t.Errorf("the answer does not say how it read the question:\n%s", text)
	}
}

// --now dates an archive's questions: yesterday is the day before it.
func TestAskNow(t *testing.T) {
	data := mustIndexSamples(t)
	out, _, err := runNewsbot(t, nil, "ask", "what happened yesterday?", "--now", "2025-04-27", "--json", "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Reading struct{ Since, Until string } `json:"reading"`
		Sources []struct{ Date string }       `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Reading.Since != "2025-04-26" || got.Reading.Until != "2025-04-27" || len(got.Sources) == 0 {
		t.Errorf("reading %+v with %d sources; want 26 April 2025's news", got.Reading, len(got.Sources))
	}
	if _, _, err := runNewsbot(t, nil, "ask", "Witkoff", "--now", "tomorrow", "--data", data); err == nil || !strings.Contains(err.Error(), "--now") {
		t.Errorf("--now tomorrow: err %v; want one naming --now", err)
	}
}

func TestAskJSONContract(t *testing.T) {
	data := mustIndexSamples(t)
	out, _, err := runNewsbot(t, nil, "ask", "Steve Witkoff's", "--json", "--data", data, "--limit", "3")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Question string `json:"question"`
		Subject  string `json:"subject"`
		Found    int    `json:"found"`
		Summary  []struct {
			Text    string `json:"text"`
			Sources []int  `json:"sources"`
			Day     string `json:"day"`
		} `json:"summary"`
		Sources []map[string]any `json:"sources"`
		Reading struct {
			Subject      string
			Since, Until string
			Dropped      []string
			Order        string
		} `json:"reading"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("output is not the JSON contract: %v\n%s", err, out)
	}
	if got.Question != "Steve Witkoff's" || got.Subject != "Steve Witkoff" || got.Found != 7 {
		t.Errorf("question %q, subject %q, found %d; want Steve Witkoff's, Steve Witkoff, 7", got.Question, got.Subject, got.Found)
	}
	if r := got.Reading; r.Subject != "Steve Witkoff" || r.Since != "" || r.Until != "" || r.Dropped == nil || r.Order != "relevance" {
		t.Errorf("reading %+v; want Steve Witkoff, no dates, none dropped, by relevance", r)
	}
	if len(got.Summary) < 2 || len(got.Sources) != 3 {
		t.Fatalf("%d summary sentences and %d sources; want 2-5 and 3", len(got.Summary), len(got.Sources))
	}
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	for i, s := range got.Sources {
		keys := []string{"n", "id", "title", "date", "url", "path", "excerpt"}
		if len(s) != len(keys) {
			t.Errorf("source %d has keys %v; want exactly %v", i+1, s, keys)
		}
		for _, k := range keys {
			if _, ok := s[k]; !ok {
				t.Errorf("source %d lacks %q", i+1, k)
			}
		}
		if n, _ := s["n"].(float64); int(n) != i+1 {
			t.Errorf("source %d has n = %v", i+1, s["n"])
		}
		if d, _ := s["date"].(string); !date.MatchString(d) {
			t.Errorf("source %d date %q is not YYYY-MM-DD", i+1, d)
		}
		path, _ := s["path"].(string)
		body, err := os.ReadFile(path)
		if err != nil || !filepath.IsAbs(path) {
			t.Errorf("source %d path %q is not a readable absolute path: %v", i+1, path, err)
		}
		if x, _ := s["excerpt"].(string); x != "" && !strings.Contains(x, "Witkoff**") && !strings.Contains(x, "Witkoff's**") {
			t.Errorf("source %d excerpt %q does not end a bold run at Witkoff", i+1, x)
		}
		for _, st := range got.Summary {
			if st.Sources[0] == i+1 && !strings.Contains(strings.Join(strings.Fields(string(body)), " "), st.Text) {
				t.Errorf("summary sentence %q is not in its source file %s", st.Text, path)
			}
		}
	}
}

func TestAskNothingFound(t *testing.T) {
	data := mustIndexSamples(t)
	out, _, err := runNewsbot(t, nil, "ask", "--data", data, "what's new about Zorblax?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, `Nothing in the index is about “Zorblax”.`) || strings.Contains(out, "Sources") {
		t.Errorf("got %q; want a plain nothing-found answer", out)
	}
	out, _, err = runNewsbot(t, nil, "ask", "--json", "--data", data, "Zorblax")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"found": 0`) || !strings.Contains(out, `"summary": []`) || !strings.Contains(out, `"sources": []`) {
		t.Errorf("JSON for nothing found: %s", out)
	}
}

// A question that names nothing to look for is a usage error, with a person
// of the index's last week of news to ask about instead.
func TestAskNothingToLookFor(t *testing.T) {
	data := mustIndexSamples(t)
	_, _, err := runNewsbot(t, nil, "ask", "--data", data, "hello?")
	var usage usageError
	if !errors.As(err, &usage) || !regexp.MustCompile(`^ask: ask about a person or a topic, for example: newsbot ask "[A-Z][a-z]+ [A-Z][a-z]+"$`).MatchString(err.Error()) {
		t.Errorf("err = %v; want a usage error with a person to ask about", err)
	}
}

func TestAskBuildsSampleIndexOnFirstUse(t *testing.T) {
	data := t.TempDir()
	t.Chdir("../..")
	out, stderr, err := runNewsbot(t, nil, "ask", "--data", filepath.Join(data, "fresh"), "Witkoff")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "building one from the sample articles in testdata/articles") || !strings.Contains(stderr, "added 21") {
		t.Errorf("stderr %q does not say the index was built", stderr)
	}
	if !strings.HasPrefix(out, "Witkoff: 7 articles") || !strings.Contains(out, "[1] ") {
		t.Errorf("answer:\n%s", out)
	}
	_, stderr, err = runNewsbot(t, nil, "ask", "--data", filepath.Join(data, "fresh"), "Witkoff")
	if err != nil || stderr != "" {
		t.Errorf("second ask: err %v, stderr %q; want a quiet answer", err, stderr)
	}
}

func TestSummarizeCommand(t *testing.T) {
	out, _, err := runNewsbot(t, nil, "summarize", "--sentences", "2", filepath.Join(samples, "2025-04-17-rubio-witkoff-paris-trip.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 {
		t.Errorf("got %d lines; want 2:\n%s", len(lines), out)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		says string
	}{
		{nil, "no command given"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"ask"}, "give a question"},
		{[]string{"ask", "--limit", "0", "Witkoff"}, "--limit 0"},
		{[]string{"ask", "--since", "yesterday", "Witkoff"}, `since "yesterday"`},
		{[]string{"ask", "--bogus", "Witkoff"}, "flag provided but not defined: -bogus"},
		{[]string{"digest", "--bogus"}, "-stories int\n    \thow many stories"},
		{[]string{"index"}, "give the article files"},
		{[]string{"prune"}, "say how old an article may be, like --older-than 365d"},
		{[]string{"prune", "--older-than", "a year"}, `prune --older-than "a year": want a number of days like 365d, or hours like 720h`},
		{[]string{"prune", "--older-than", "12h"}, "of at least a day"},
		{[]string{"prune", "--older-than", "-3d"}, "want a number of days like 365d"},
		{[]string{"prune", "--older-than", "30d", "now"}, `prune: unexpected "now"`},

		{[]string{"summarize"}, "give one article file"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, _, err := runNewsbot(t, nil, tt.args...)
			var usage usageError
			if !errors.As(err, &usage) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("err = %v; want a usage error saying %q", err, tt.says)
			}
		})
	}
}

func TestCommandHelp(t *testing.T) {
	for _, cmd := range []string{"index", "ask", "summarize", "digest", "trend", "eval", "bench", "prune", "serve"} {
		_, _, err := runNewsbot(t, nil, cmd, "--help")
		var help helpRequest
		if !errors.As(err, &help) || !strings.HasPrefix(string(help), "Flags of newsbot "+cmd+":\n  -") {
			t.Errorf("%s --help: %v; want the list of its flags", cmd, err)
		}
	}
}

func TestIndexInUse(t *testing.T) {
	data := t.TempDir()
	ix, err := index.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	_, _, err = runNewsbot(t, nil, "ask", "--data", data, "Witkoff")
	if err == nil || !strings.Contains(err.Error(), "in use by another newsbot process") {
		t.Errorf("err = %v; want it to say another process holds the index", err)
	}
}

func TestMissingPath(t *testing.T) {
	_, _, err := runNewsbot(t, nil, "index", "--data", t.TempDir(), "no/such/dir")
	if err == nil || !strings.Contains(err.Error(), "no/such/dir") {
		t.Errorf("err = %v; want it to name the missing path", err)
	}
}

func TestAskEmptyIndex(t *testing.T) {
	data := t.TempDir()
	// the one file is rejected: the index is made, and stays empty
	if _, _, err := runNewsbot(t, nil, "index", "--data", data, "../../index/news/testdata/parse/empty.txt"); err == nil || !strings.Contains(err.Error(), "was rejected") {
		t.Fatalf("indexing only a rejected file: error %v; want the rejection", err)
	}
	_, _, err := runNewsbot(t, nil, "ask", "--data", data, "Witkoff")
	if err == nil || !strings.Contains(err.Error(), "is empty: add articles with: newsbot index") {
		t.Errorf("err = %v; want it to say the index is empty and how to fill it", err)
	}
}

func TestDigestCommand(t *testing.T) {
	data := mustIndexSamples(t)
	out, _, err := runNewsbot(t, nil, "digest", "--data", data, "--date", "2025-04-17")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "News of Thursday 17 April 2025: 1 story from 1 article\n") || !strings.Contains(out, "1. Rubio and Witkoff to visit Paris") {
		t.Errorf("digest of 2025-04-17:\n%s", out)
	}
	out, stderr, err := runNewsbot(t, nil, "digest", "--data", data, "--date", "2025-06-01")
	if err != nil || out != "No news on Sunday 1 June 2025.\n" {
		t.Errorf("a day without news: %q, %v", out, err)
	}
	// After the newest article, it says which day has news.
	hint := regexp.MustCompile(`try --date (\d{4}-\d{2}-\d{2})\.`).FindStringSubmatch(stderr)
	if hint == nil {
		t.Fatalf("no hint of a day with news: %q", stderr)
	}
	if out, _, err := runNewsbot(t, nil, "digest", "--data", data, "--date", hint[1]); err != nil || !strings.HasPrefix(out, "News of ") {
		t.Errorf("the day the hint gives, %s, has no news: %q, %v", hint[1], out, err)
	}
	out, _, err = runNewsbot(t, nil, "digest", "--data", data, "--date", "2025-06-01", "--json")
	if err != nil || !strings.Contains(out, `"stories": []`) {
		t.Errorf("JSON of a day without news: %q, %v", out, err)
	}
	if _, _, err := runNewsbot(t, nil, "digest", "--date", "17/04/2025"); err == nil || !strings.Contains(err.Error(), "want YYYY-MM-DD") {
		t.Errorf("bad date: %v", err)
	}
}

func TestIndexFeeds(t *testing.T) {
	feeds := "../../index/feeds/testdata/feeds"
	srv := httptest.NewServer(http.FileServer(http.Dir(feeds)))
	defer srv.Close()
	data := t.TempDir()
	args := []string{"index", "--data", data, filepath.Join(feeds, "rss2.xml"), srv.URL + "/atom.xml", srv.URL + "/not-a-feed.html", srv.URL + "/missing.xml"}
	out, _, err := runNewsbot(t, nil, args...)
	wantErr := "2 of the 4 sources given were rejected (" + srv.URL + "/not-a-feed.html, " + srv.URL + "/missing.xml); the rest is indexed"
	if err == nil || err.Error() != wantErr {
		t.Fatalf("error %v; want %q", err, wantErr)
	}
	for _, want := range []string{
		"rejected " + srv.URL + "/not-a-feed.html: feed " + srv.URL + "/not-a-feed.html: not a feed: the server sent an HTML page",
		"rejected " + srv.URL + "/missing.xml: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	first := regexp.MustCompile(`added (\d+), `).FindStringSubmatch(out)
	if first == nil || first[1] == "0" {
		t.Fatalf("no feed items added:\n%s", out)
	}
	again, _, err := runNewsbot(t, nil, args...)
	if err == nil || err.Error() != wantErr {
		t.Fatalf("second run: error %v; want %q", err, wantErr)
	}
	if !strings.HasPrefix(lastLine(again), "added 0, updated 0, unchanged "+first[1]+", duplicates 0, rejected 3 ") {
		t.Errorf("second run: %q; want the %s items unchanged", lastLine(again), first[1])
	}
	if _, _, err := runNewsbot(t, nil, "index", "--data", data, filepath.Join(feeds, "rss2.xml"), srv.URL+"/atom.xml"); err != nil {
		t.Errorf("every source read: error %v; want none", err)
	}
}

// A feed without items gets a line; an article file named by itself and
// rejected makes index fail, after indexing the rest, as a rejected feed does.
func TestIndexEmptyFeedAndRejectedFile(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.xml")
	if err := os.WriteFile(empty, []byte(`<rss version="2.0"><channel><title>Quiet</title></channel></rss>`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runNewsbot(t, nil, "index", "--data", t.TempDir(), empty, samples)
	if err != nil {
		t.Fatalf("an empty feed: error %v; want none, only a line", err)
	}
	if want := "empty feed " + empty + ": it holds no items"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	bad := "../../index/news/testdata/parse/empty.txt"
	out, _, err = runNewsbot(t, nil, "index", "--data", t.TempDir(), bad, samples)
	if want := "1 of the 2 sources given was rejected (" + bad + "); the rest is indexed"; err == nil || err.Error() != want {
		t.Errorf("error %v; want %q", err, want)
	}
	if !strings.HasPrefix(lastLine(out), "added 21, ") {
		t.Errorf("the rest not indexed: %q", lastLine(out))
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestBenchFigures checks the benchmark's arithmetic and its JSON contract on
// the sample articles; the timings themselves are not asserted.
func TestBenchFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("runs newsbot as a process several times")
	}
	// The processes bench starts read the environment: none of its settings.
	for _, key := range []string{"NEWSBOT_ALIASES", "NEWSBOT_DATA", "NEWSBOT_LOG_LEVEL"} {
		t.Setenv(key, "")
	}
	// The processes bench starts must be newsbot, not this test binary.
	exe := filepath.Join(t.TempDir(), "newsbot")
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("build newsbot: %v\n%s", err, out)
	}
	var stdout, stderr bytes.Buffer
	e := env{getenv: func(string) string { return "" }, stdout: &stdout, stderr: &stderr, now: time.Now,
		self: func() (string, error) { return exe, nil }}
	if err := e.bench(context.Background(), []string{"--corpus", samples, "--json"}); err != nil {
		t.Fatalf("bench: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	var r map[string]float64
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not the JSON contract: %v\n%s", err, out)
	}
	for _, key := range []string{"articles", "ingest_per_s", "bleve_ingest_per_s", "ask_p50_ms", "ask_p99_ms", "bleve_query_p50_ms",
		"autocomplete_p99_ms", "concurrent_p99_ms", "dated_p99_ms", "latest_p99_ms", "open_ms", "peak_rss_mb", "peak_anon_mb", "index_mb"} {
		if v, ok := r[key]; !ok || v <= 0 {
			t.Errorf("%s = %v; want a positive figure", key, v)
		}
	}
	if r["articles"] != 21 {
		t.Errorf("articles = %v; want the 21 samples", r["articles"])
	}
	if r["ask_p99_ms"] < r["ask_p50_ms"] || r["concurrent_p99_ms"] < r["concurrent_p50_ms"] {
		t.Errorf("a p99 below its p50: %v", r)
	}
	if ratio := r["ingest_per_s"] / r["bleve_ingest_per_s"]; math.Abs(ratio-r["ingest_ratio"]) > 1e-6 {
		t.Errorf("ingest_ratio %v; want %v", r["ingest_ratio"], ratio)
	}
}

func TestTrendCommand(t *testing.T) {
	data := mustIndexSamples(t)
	out := filepath.Join(t.TempDir(), "w.png")
	stdout, _, err := runNewsbot(t, nil, "trend", "--data", data, "--until", "2025-04-30", "--days", "45", "--out", out, "Witkoff,", "Rubio")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stdout, "Witkoff: 7 articles in the last 45 days\nRubio: 5 articles in the last 45 days") {
		t.Errorf("readings:\n%s", stdout)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() != 520 || img.Bounds().Dy() != 300 {
		t.Errorf("%s is not a 520x300 PNG: %v", out, err)
	}
	if _, _, err := runNewsbot(t, nil, "trend", "--data", data, "Witkoff"); err == nil || !strings.Contains(err.Error(), "--out") {
		t.Errorf("no --out: %v", err)
	}
}

func TestIndexForgetsGoneFiles(t *testing.T) {
	// The index holds real paths; the temporary directory may be a link.
	articles, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	files, err := filepath.Glob(filepath.Join(samples, "*.txt"))
	if err != nil || len(files) < 2 {
		t.Fatalf("samples: %v", err)
	}
	for _, f := range files[:2] {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(articles, filepath.Base(f)), text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, stderr, err := runNewsbot(t, nil, "index", "--data", data, articles); err != nil {
		t.Fatalf("index: %v\n%s", err, stderr)
	}
	removed := filepath.Join(articles, filepath.Base(files[0]))
	os.Remove(removed)
	out, stderr, err := runNewsbot(t, nil, "index", "--data", data, articles)
	if err != nil {
		t.Fatalf("index: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "gone "+removed+": no longer indexed\n") || !strings.Contains(out, "rejected 0, gone 1 (1 read in ") {
		t.Errorf("index after a file was deleted:\n%s", out)
	}
	ix, err := index.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Count(); n != 1 {
		t.Errorf("the index holds %d articles; want 1", n)
	}
}
