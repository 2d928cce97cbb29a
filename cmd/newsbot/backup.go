package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"newsbot/bot/state"
	"newsbot/commands"
	"newsbot/index"
)

// A backup is a folder holding a copy of the index (index/), the state as a
// state file (state.json) and, written last, its manifest (backup.json): a
// folder without a manifest is a backup stopped halfway, which restore
// refuses.
const (
	manifestFile = "backup.json"
	stateFile    = "state.json"
)

// manifest says what a whole backup holds.
type manifest struct {
	Made     time.Time `json:"made"`
	Articles int       `json:"articles"`
}

// backup runs "newsbot backup DIR": a whole copy of the index and the state
// into the new folder DIR. When a bot serves from the data directory, the
// copy is made by that process, which owns the index, while it goes on
// answering and taking articles in.
func (e env) backup(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"backup: give one folder to write the backup to, like newsbot backup /var/backups/newsbot-2026-12-04"}
	}
	target, err := filepath.Abs(rest[0])
	if err != nil {
		return err
	}
	if entries, err := os.ReadDir(target); err == nil && len(entries) > 0 {
		return fmt.Errorf("backup: %s is not empty; give a new folder, so that no backup is ever written over another", target)
	}
	dir := e.dataDir(*data)
	var m manifest
	if serving(dir) {
		m, err = requestBackup(ctx, dir, target)
	} else {
		m, err = e.backupHere(dir, target)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s and the state to %s\n", commands.Articles(m.Articles), target)
	return nil
}

// backupHere writes the backup of the data directory dir, which no bot
// serves from, itself.
func (e env) backupHere(dir, target string) (manifest, error) {
	ix, err := index.Open(dir)
	switch {
	case errors.Is(err, index.ErrLocked):
		return manifest{}, fmt.Errorf("backup: %w, which takes no backups (only serve does); try again when it is done", err)
	case err != nil:
		return manifest{}, err
	}
	defer ix.Close()
	store, err := state.Open(filepath.Join(dir, stateFile))
	if err != nil {
		return manifest{}, err
	}
	return writeBackup(ix, store, target, e.now())
}

// writeBackup writes a backup of ix and the state k holds into dir: the
// index's copy and the state first, then, once they are on the disk, the
// manifest that makes the folder a whole backup.
func writeBackup(ix *index.Index, k state.Keeper, dir string, now time.Time) (manifest, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return manifest{}, fmt.Errorf("backup: %w", err)
	}
	if err := ix.CopyTo(dir); err != nil {
		return manifest{}, fmt.Errorf("backup: %w", err)
	}
	if err := state.Export(k, filepath.Join(dir, stateFile)); err != nil {
		return manifest{}, fmt.Errorf("backup: the state: %w", err)
	}
	m := manifest{Made: now.UTC()}
	copied, err := index.Open(dir) // the copy must open on its own
	if err != nil {
		return manifest{}, fmt.Errorf("backup: the copy does not open: %w", err)
	}
	m.Articles, err = copied.Count()
	if cerr := copied.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return manifest{}, fmt.Errorf("backup: the copy: %w", err)
	}
	if err := syncTree(dir); err != nil {
		return manifest{}, fmt.Errorf("backup: %w", err)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return manifest{}, err
	}
	if err := writeFileSynced(filepath.Join(dir, manifestFile), append(data, '\n')); err != nil {
		return manifest{}, fmt.Errorf("backup: %w", err)
	}
	return m, nil
}

// restore runs "newsbot restore DIR": it puts the backup in DIR in place of
// the data directory's index and state, keeping what it replaces beside
// them. The bot must be stopped; a folder that is not a whole backup is
// refused and nothing changes.
func (e env) restore(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"restore: give the folder of one backup, like newsbot restore /var/backups/newsbot-2026-12-04"}
	}
	source := rest[0]
	m, err := readManifest(source)
	if err != nil {
		return err
	}
	dir := e.dataDir(*data)
	if index.Exists(dir) {
		ix, err := index.Open(dir)
		if errors.Is(err, index.ErrLocked) {
			return fmt.Errorf("restore: newsbot is running on %s; stop it first, then restore", dir)
		} else if err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		ix.Close()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil { // a new machine's data directory
		return fmt.Errorf("restore: %w", err)
	}
	staging, err := os.MkdirTemp(dir, "restoring-")
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(staging)
	if err := os.CopyFS(filepath.Join(staging, "index"), os.DirFS(filepath.Join(source, "index"))); err != nil {
		return fmt.Errorf("restore: copy the index: %w", err)
	}
	backedUp, err := state.Open(filepath.Join(source, stateFile)) // a damaged state is refused here
	if err != nil {
		return fmt.Errorf("restore: the backup's state: %w", err)
	}
	if err := state.Export(backedUp, filepath.Join(staging, stateFile)); err != nil {
		return fmt.Errorf("restore: copy the state: %w", err)
	}
	if n, err := countArticles(staging); err != nil || n != m.Articles {
		return fmt.Errorf("restore: the backup's index holds %d articles where its manifest says %d (%v); nothing was changed", n, m.Articles, err)
	}
	if err := syncTree(staging); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	var kept []string
	for _, name := range []string{"index", stateFile} {
		live, old := filepath.Join(dir, name), filepath.Join(dir, name+".replaced")
		if _, err := os.Stat(live); err == nil {
			if err := os.RemoveAll(old); err != nil {
				return fmt.Errorf("restore: %w", err)
			}
			if err := os.Rename(live, old); err != nil {
				return fmt.Errorf("restore: %w", err)
			}
			kept = append(kept, old)
		}
		if err := os.Rename(filepath.Join(staging, name), live); err != nil {
			return fmt.Errorf("restore: %w (what it replaced is in %s)", err, strings.Join(kept, " and "))
		}
	}
	fmt.Fprintf(e.stdout, "restored %s and the state from the backup of %s\n", commands.Articles(m.Articles), m.Made.Format(time.RFC3339))
	if len(kept) > 0 {
		fmt.Fprintf(e.stdout, "what it replaced is in %s\n", strings.Join(kept, " and "))
	}
	return nil
}

// readManifest reads the manifest of the backup in dir, and says plainly
// why a folder is not a whole backup.
func readManifest(dir string) (manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(dir); serr != nil {
			return manifest{}, fmt.Errorf("restore: there is no backup folder %s", dir)
		}
		return manifest{}, fmt.Errorf("restore: %s is not a whole backup: it has no %s, which a backup writes last, so the backup was stopped halfway (or the folder is not a newsbot backup); nothing was changed", dir, manifestFile)
	} else if err != nil {
		return manifest{}, fmt.Errorf("restore: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return manifest{}, fmt.Errorf("restore: %s in %s is damaged (%v); nothing was changed", manifestFile, dir, err)
	}
	return m, nil
}

// writeFileSynced writes a new file and flushes it, and its folder's entry
// for it, to the disk.
func writeFileSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return syncFile(filepath.Dir(path))
}

// syncTree flushes every file and folder under dir to the disk, so that
// what is written after it (a manifest, a rename) never reaches the disk
// before it.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return syncFile(path)
	})
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// countArticles opens the index in dir and counts its articles.
func countArticles(dir string) (int, error) {
	ix, err := index.Open(dir)
	if err != nil {
		return 0, err
	}
	defer ix.Close()
	return ix.Count()
}
