package state

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func mustWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// saved is the file a Store writes for st.
func saved(t *testing.T, st State) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.json")
	mustUpdate(t, mustOpen(t, path), func(s *State) { *s = st })
	return mustRead(t, path)
}

func TestOpenDamagedFile(t *testing.T) {
	good := saved(t, sample())
	tests := []struct {
		name   string
		file   string
		backup string   // "" for none
		says   []string // what the error must say, besides the file's name
	}{
		{"truncated", good[:len(good)/2], good,
			[]string{"is damaged (unexpected end of JSON input at byte", "last good copy as", "state.json.bak — restore it with: cp ", "move the damaged file away"}},
		{"garbage", "\x00\x17binary junk", good,
			[]string{"is damaged (invalid character", "at byte 1)", "restore it with: cp "}},
		{"empty", "", good, []string{"is damaged (unexpected end of JSON input", "restore it with"}},
		{"null", "null", good, []string{"cannot be used (format version 0", "restore it with"}},
		{"wrong type", `{"version": "1"}`, good, []string{"cannot unmarshal", "at byte", "restore it with"}},
		{"unknown version", `{"version": 2, "digests": {}, "feeds": {}}`, good,
			[]string{"cannot be used (format version 2, and this newsbot reads only version 1: was it written by another version of newsbot?)", "restore it with"}},
		{"no backup", good[:10], "",
			[]string{"is damaged", "there is no backup", "state.json.bak", "mv ", "state.json.damaged", "no digest settings"}},
		{"damaged backup", good[:10], "{", []string{"its backup", "state.json.bak is damaged too", "mv "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			mustWrite(t, path, tt.file)
			if tt.backup != "" {
				mustWrite(t, path+".bak", tt.backup)
			}
			_, err := Open(path)
			var de *DamagedError
			if !errors.As(err, &de) {
				t.Fatalf("Open: got %v; want a *DamagedError", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "state file "+path+" ") {
				t.Errorf("got %q; want it to start by naming the file", msg)
			}
			for _, s := range tt.says {
				if !strings.Contains(msg, s) {
					t.Errorf("got %q; want it to say %q", msg, s)
				}
			}
			if usable := tt.backup == good; (de.Backup != "") != usable {
				t.Errorf("Backup: got %q; want usable %v", de.Backup, usable)
			}
			if de.Backup != "" { // following the advice works
				mustWrite(t, path, mustRead(t, de.Backup))
				if got := current(mustOpen(t, path)); !reflect.DeepEqual(got, sample()) {
					t.Errorf("restored: got %+v; want the sample", got)
				}
			}
		})
	}
}

func TestDamagedErrorQuotesPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "state.json")
	mustWrite(t, path, "{")
	mustWrite(t, path+".bak", saved(t, sample()))
	_, err := Open(path)
	if want := "cp '" + path + ".bak' '" + path + "'"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v; want it to say %q", err, want)
	}
}

func TestBackupIsThePreviousVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := mustOpen(t, path)
	mustUpdate(t, s, func(st *State) { *st = sample() })
	if _, err := os.Stat(path + ".bak"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after the first save: .bak exists (stat: %v); want none", err)
	}
	var versions []string
	for _, day := range []string{"2025-04-17", "2025-04-18", "2025-04-19"} {
		versions = append(versions, mustRead(t, path))
		mustUpdate(t, s, func(st *State) { st.Digests["900000000000000002"].LastPosted = day })
		if got, want := mustRead(t, path+".bak"), versions[len(versions)-1]; got != want {
			t.Errorf("after posting %s, .bak: got\n%s\nwant\n%s", day, got, want)
		}
		if got := current(mustOpen(t, path)).Digests["900000000000000002"].LastPosted; got != day {
			t.Errorf("state.json: got last posted %s; want %s", got, day)
		}
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Errorf("got %d files; want state.json and state.json.bak only", len(entries))
	}
}

// TestCrashBeforeRename stops a save at each step before the rename, as a
// crash would, and opens the file again.
func TestCrashBeforeRename(t *testing.T) {
	steps := []struct {
		name  string
		crash func(t *testing.T, path string)
	}{
		{"temp file half written", func(t *testing.T, path string) {
			mustWrite(t, path+tempInfix+"123456", `{"version": 1, "dige`)
		}},
		{"temp file written", func(t *testing.T, path string) {
			if _, err := writeTemp(path, []byte(`{"version": 1, "digests": {}, "feeds": {}}`)); err != nil {
				t.Fatal(err)
			}
		}},
		{"backup staged", func(t *testing.T, path string) {
			if _, err := writeTemp(path, []byte(`{"version": 1}`)); err != nil {
				t.Fatal(err)
			}
			if err := os.Link(path, path+tempInfix+"bak"); err != nil {
				t.Fatal(err)
			}
		}},
		{"backup kept", func(t *testing.T, path string) {
			if _, err := writeTemp(path, []byte(`{"version": 1}`)); err != nil {
				t.Fatal(err)
			}
			if err := keepBackup(path); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "state.json")
			s := mustOpen(t, path)
			mustUpdate(t, s, func(st *State) { *st = sample() })
			mustUpdate(t, s, func(st *State) { st.Digests["900000000000000002"].LastPosted = "2025-04-17" })
			want := current(s)

			step.crash(t, path)
			if got := current(mustOpen(t, path)); !reflect.DeepEqual(got, want) {
				t.Errorf("after the crash: got %+v; want the state before it", got)
			}
			for name := range readAll(t, dir) {
				if name != "state.json" && name != "state.json.bak" {
					t.Errorf("Open left %s", name)
				}
			}
			if _, err := decode([]byte(mustRead(t, path+".bak"))); err != nil {
				t.Errorf("the backup: %v", err)
			}
		})
	}
}

func TestSaveOverStrayBackupStage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := mustOpen(t, path)
	mustUpdate(t, s, func(st *State) { *st = sample() })
	mustWrite(t, path+tempInfix+"bak", "left by a crash")
	before := mustRead(t, path)
	mustUpdate(t, s, func(st *State) { st.Feeds = nil })
	if got := mustRead(t, path+".bak"); got != before {
		t.Errorf(".bak: got %q; want the previous state.json", got)
	}
}

func TestCopyFile(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	mustWrite(t, src, "state")
	if err := copyFile(src, dst); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, dst); got != "state" {
		t.Errorf("got %q; want %q", got, "state")
	}
	if err := copyFile(src, dst); err == nil {
		t.Error("copyFile replaced an existing file; want an error")
	}
}
