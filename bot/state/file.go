package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// The names beside the state file: its backup, and the prefix of the temporary
// files a save writes before renaming them into place.
const (
	backupSuffix = ".bak"
	tempInfix    = ".tmp-"
)

// DamagedError is a state file that exists but cannot be used. Its message names
// the file and says how to recover without losing the settings silently.
type DamagedError struct {
	Path string
	// Backup is the good backup to restore, or "" when there is none.
	Backup string

	problem  string // what is wrong, like "is damaged (… at byte 812)"
	noBackup string // why there is no backup to restore, when Backup is ""
	err      error
}

// Error says what is wrong with the file and how to recover.
func (e *DamagedError) Error() string {
	msg := fmt.Sprintf("state file %s %s; ", e.Path, e.problem)
	if e.Backup != "" {
		return msg + fmt.Sprintf("newsbot kept the last good copy as %s — restore it with: cp %s %s, "+
			"or move the damaged file away to start with no digest settings and no feeds",
			e.Backup, shellQuote(e.Backup), shellQuote(e.Path))
	}
	return msg + fmt.Sprintf("%s, so its settings are lost unless you can repair it by hand; "+
		"move it away (mv %s %s) to start with no digest settings and no feeds",
		e.noBackup, shellQuote(e.Path), shellQuote(e.Path+".damaged"))
}

// Unwrap is the JSON or version error behind the damage.
func (e *DamagedError) Unwrap() error { return e.err }

// load reads the state file at path; a missing file is an empty state.
func load(path string) (State, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return empty(), nil
	}
	if err != nil {
		return State{}, fmt.Errorf("read state: %w", err)
	}
	st, err := decode(data)
	if err != nil {
		return State{}, damaged(path, err)
	}
	return st, nil
}

// versionError is a well-formed file of a format this code does not know.
type versionError struct{ got int }

func (e versionError) Error() string {
	return fmt.Sprintf("format version %d, and this newsbot reads only version %d: was it written by another version of newsbot?", e.got, Version)
}

// decode parses a state file, refusing anything but a JSON object of the
// current Version.
func decode(data []byte) (State, error) {
	var st State
	if err := json.Unmarshal(data, &st); err != nil {
		return State{}, err
	}
	if st.Version != Version {
		return State{}, versionError{st.Version}
	}
	return st.clone(), nil // every map made, so that a change can add to it
}

// damaged describes the file at path that decode refused with err, and checks
// whether its backup could replace it.
func damaged(path string, err error) *DamagedError {
	e := &DamagedError{Path: path, problem: "is damaged (" + describe(err) + ")", err: err}
	var v versionError
	if errors.As(err, &v) {
		e.problem = "cannot be used (" + v.Error() + ")"
	}
	backup := path + backupSuffix
	data, rerr := os.ReadFile(backup)
	switch {
	case errors.Is(rerr, fs.ErrNotExist):
		e.noBackup = "there is no backup " + backup
	case rerr != nil:
		e.noBackup = fmt.Sprintf("its backup cannot be read (%v)", rerr)
	default:
		if _, derr := decode(data); derr != nil {
			e.noBackup = fmt.Sprintf("its backup %s is damaged too (%s)", backup, describe(derr))
		} else {
			e.Backup = backup
		}
	}
	return e
}

// describe is err with the byte offset of a JSON error, which a person
// repairing the file by hand needs.
func describe(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("%v at byte %d", err, syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("%v at byte %d", err, typ.Offset)
	}
	return err.Error()
}

// shellQuote quotes a path for a command line a user will paste.
func shellQuote(s string) string {
	if !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// save replaces the file at path with st, atomically; the package doc says how.
// When it fails, the file at path is as it was; the backup may have become a
// copy of it, which is still the last good version.
func save(path string, st State) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	tmp, err := writeTemp(path, append(data, '\n'))
	if err != nil {
		return err
	}
	if err := keepBackup(path); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

// writeTemp writes data to a new temporary file beside path and flushes it to
// the disk; it returns the file's name.
func writeTemp(path string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+tempInfix+"*")
	if err != nil {
		return "", err
	}
	if err := writeSynced(f, data); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// writeSynced writes data to f, flushes it to the disk and closes f.
func writeSynced(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// keepBackup makes the file at path, about to be replaced, its backup. The
// backup is staged under a temporary name and renamed into place, so that it
// too is always whole. With no file at path yet there is nothing to keep.
func keepBackup(path string) error {
	stage := path + tempInfix + "bak"
	if err := os.Remove(stage); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Link(path, stage); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		// Some file systems (FAT, some network shares) have no hard links.
		if err := copyFile(path, stage); err != nil {
			return fmt.Errorf("back up: %w", err)
		}
	}
	return os.Rename(stage, path+backupSuffix)
}

// copyFile copies the file src to the new file dst and flushes it to the disk.
func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := writeSynced(f, data); err != nil {
		os.Remove(dst)
		return err
	}
	return nil
}

// syncDir flushes dir's entries to the disk, so that a rename in it survives a
// power cut.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // a directory cannot be opened for syncing there
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return d.Close()
}

// removeStrays removes the temporary files of saves that a crash interrupted.
// Only the one writer the package doc assumes may do this: another process's
// save in progress would lose its file.
func removeStrays(path string) error {
	dir, prefix := filepath.Dir(path), filepath.Base(path)+tempInfix
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
