package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"newsbot/bot/discordtest"
	"newsbot/index"
)

// buildNewsbot compiles the program, for tests that run it as a process.
func buildNewsbot(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "newsbot")
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("build newsbot: %v\n%s", err, out)
	}
	return exe
}

// TestKilledDuringIngest kills "newsbot index" in the middle of a large
// ingest and runs it again: no article is lost and none is added twice.
func TestKilledDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds newsbot and writes thousands of files")
	}
	exe := buildNewsbot(t)
	src, data := t.TempDir(), t.TempDir()
	const files = 6000
	for i := range files {
		text := fmt.Sprintf(" date 2025-04-%02d Story number %d\n\nThe council met on the %dth and talked about item %d at length. ", 1+i%28, i, i%28+1, i)
		text += strings.Repeat(fmt.Sprintf("Officials said item %d would be decided later. ", i), 20)
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(exe, "index", "--data", data, src)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(600 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if state := cmd.ProcessState; state.Success() {
		t.Skip("the ingest finished before it could be killed: the machine is faster than this test assumes")
	}

	out, err := exec.Command(exe, "index", "--data", data, src).CombinedOutput()
	if err != nil {
		t.Fatalf("index after the kill: %v\n%s", err, out)
	}
	t.Logf("after the kill: %s", strings.TrimSpace(string(out)))
	again, err := exec.Command(exe, "index", "--data", data, src).CombinedOutput()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(again), fmt.Sprintf("added 0, updated 0, unchanged %d, duplicates 0, rejected 0", files)) {
		t.Errorf("third run: %s; want every file indexed, once", again)
	}
	ix, err := index.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Count(); n != files {
		t.Errorf("the index holds %d articles; want %d", n, files)
	}
}

// TestServeRefusesDamagedState starts serve with a truncated state file: it
// stops with the way to recover, before contacting Discord, and leaves the
// file as it was.
func TestServeRefusesDamagedState(t *testing.T) {
	fake := discordtest.New(t)
	data := mustIndexSamples(t)
	damaged := []byte(`{"version":1,"digests":{"7000":{"channel_id":"7000","time":"07:`)
	statePath := filepath.Join(data, "state.json")
	if err := os.WriteFile(statePath, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := runNewsbot(t, map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_API_URL": fake.URL(), "NEWSBOT_DATA": data}, "serve")
	if err == nil || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(err.Error(), "state.json") {
		t.Errorf("err = %v; want it to name the damaged state file and how to recover", err)
	}
	if got, _ := os.ReadFile(statePath); string(got) != string(damaged) {
		t.Error("the damaged state file was changed")
	}
	if n := len(fake.Requests()); n != 0 {
		t.Errorf("serve made %d requests before refusing", n)
	}
}

// TestSecretsStayOutOfFailures makes serve fail after it has connected
// (Discord refuses the commands): the token is in neither the error nor the
// log.
func TestSecretsStayOutOfFailures(t *testing.T) {
	fake := discordtest.New(t)
	fake.Fail("PUT /applications/*/guilds/*/commands", 1, discordtest.APIError{Status: 401, Code: 0, Message: "401: Unauthorized"})
	var stdout, stderr lockedBuffer
	env := map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_API_URL": fake.URL(), "DISCORD_GUILD_ID": discordtest.GuildID,
		"NEWSBOT_DATA": mustIndexSamples(t), "NEWSBOT_LOG_LEVEL": "debug"}
	err := run(t.Context(), []string{"serve"}, func(k string) string { return env[k] }, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "register slash commands") {
		t.Fatalf("err = %v; want the refused registration", err)
	}
	for what, text := range map[string]string{"error": err.Error(), "log": stderr.String(), "output": stdout.String()} {
		if strings.Contains(text, testToken) || strings.Contains(text, strings.Split(testToken, ".")[2]) {
			t.Errorf("the token is in the %s:\n%s", what, text)
		}
	}
}
