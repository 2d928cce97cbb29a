package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"newsbot/index"
	"newsbot/index/news"
	"newsbot/index/stream/natstest"
)

// Three newsbot processes on one NATS: 2,000 files indexed through the
// first; the second catches up; the third is killed with SIGKILL while it
// catches up, and started again. All three indexes end with the same
// articles, each once.
func TestClusterProcessesKilledWhileApplying(t *testing.T) {
	if testing.Short() {
		t.Skip("builds newsbot and writes thousands of files")
	}
	exe := buildNewsbot(t)
	env := append(os.Environ(), "NEWSBOT_NATS_URL="+natstest.Start(t))
	const files = 2000
	src := writeHarbourFiles(t, files)
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(exe, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("newsbot %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	first, second, third := t.TempDir(), t.TempDir(), t.TempDir()
	if out := run("index", "--data", first, src); !strings.HasPrefix(out, fmt.Sprintf("added %d,", files)) {
		t.Fatalf("index through the first: %s", out)
	}
	run("ask", "--data", second, "harbour")

	killed := exec.Command(exe, "ask", "--data", third, "harbour")
	killed.Env = env
	if err := killed.Start(); err != nil {
		t.Fatal(err)
	}
	applied := waitApplying(t, third)
	killed.Process.Signal(syscall.SIGKILL)
	killed.Wait()
	if !applied {
		t.Log("the third process had applied nothing, or everything, when it was killed")
	}
	if ix, err := index.Open(third); err == nil {
		seq, _ := ix.Applied()
		n, _ := ix.Count()
		t.Logf("killed having applied the stream up to %d, with %d articles", seq, n)
		ix.Close()
	}
	run("ask", "--data", third, "harbour")

	want := articleIDs(t, first)
	if len(want) != files {
		t.Fatalf("the first index holds %d articles; want %d", len(want), files)
	}
	for name, dir := range map[string]string{"second": second, "third": third} {
		if got := articleIDs(t, dir); !slices.Equal(got, want) {
			t.Errorf("the %s index holds %d articles; want the first's %d, the same ones", name, len(got), len(want))
		}
	}
}

// waitApplying waits, for up to 20 s, until the index in dir has applied
// part of the stream, and reports whether it saw it do so.
func waitApplying(t *testing.T, dir string) bool {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		// The index file grows as batches are applied; the process holds
		// the index, so its size is all that can be read from outside.
		if size, _ := dirSize(filepath.Join(dir, "index")); size > 1<<20 {
			return true
		}
	}
	return false
}

func dirSize(dir string) (int64, error) {
	var total int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			total += info.Size()
		}
		return nil
	})
	return total, err
}

// articleIDs are the IDs of every article in the index in dir, sorted.
func articleIDs(t *testing.T, dir string) []string {
	t.Helper()
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), news.Query{Size: 100000, Light: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range res.Matches {
		ids = append(ids, m.Article.ID)
	}
	slices.Sort(ids)
	return ids
}
