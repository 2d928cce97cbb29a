package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"newsbot/bot/state"
	"newsbot/index"
)

// controlSocket is where a serving process takes requests from the command
// line that only the owner of the index can carry out (a backup): a Unix
// socket in the data directory, so that only who may read the data may ask.
func controlSocket(dataDir string) string { return filepath.Join(dataDir, "control.sock") }

// serveControl answers, until ctx ends, the command line's requests to this
// serving process on its control socket.
func serveControl(ctx context.Context, dataDir string, ix *index.Index, k state.Keeper, now func() time.Time, log *slog.Logger) error {
	path := controlSocket(dataDir)
	os.Remove(path) // left by a process that was killed: the index's lock says none runs now
	listener, err := net.Listen("unix", path)
	if err != nil {
		return fmt.Errorf("the control socket %s: %w", path, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /backup", func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Dir string }
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || !filepath.IsAbs(req.Dir) {
			http.Error(w, "want {\"dir\": an absolute path}", http.StatusBadRequest)
			return
		}
		log.Info("backup asked for", "dir", req.Dir)
		m, err := writeBackup(ix, k, req.Dir, now())
		if err != nil {
			log.Error("backup failed", "dir", req.Dir, "err", err)
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		log.Info("backup written", "dir", req.Dir, "articles", m.Articles)
		json.NewEncoder(w).Encode(m)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	go func() {
		if err := srv.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("control socket", "err", err)
		}
	}()
	return nil
}

// serving reports whether a process serves from dataDir and takes
// requests on its control socket.
func serving(dataDir string) bool {
	conn, err := net.DialTimeout("unix", controlSocket(dataDir), time.Second)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}

// requestBackup asks the process serving from dataDir to write a backup
// into target.
func requestBackup(ctx context.Context, dataDir, target string) (manifest, error) {
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", controlSocket(dataDir))
	}}}
	body, _ := json.Marshal(map[string]string{"dir": target})
	req, err := http.NewRequestWithContext(ctx, "POST", "http://newsbot/backup", strings.NewReader(string(body)))
	if err != nil {
		return manifest{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return manifest{}, fmt.Errorf("backup through the running newsbot: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		text, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return manifest{}, fmt.Errorf("backup through the running newsbot: %s", strings.TrimSpace(string(text)))
	}
	var m manifest
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		return manifest{}, fmt.Errorf("backup through the running newsbot: %w", err)
	}
	return m, nil
}
