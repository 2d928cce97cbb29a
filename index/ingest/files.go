package ingest

import (
	"context"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"newsbot/index/news"
)

// ListFiles expands paths into the article files to read: a file is taken as
// it is; a directory is walked recursively for *.txt files, skipping hidden
// files and directories, a README.txt (which describes the folder), and
// links below it (which could loop). A path that is
// a link to a directory is walked where it leads. The result keeps the order
// of paths, sorted within each directory. A path that does not exist is an
// error: nothing is read then.
func ListFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		if p, err = filepath.EvalSymlinks(p); err != nil {
			return nil, err
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			hidden := path != p && strings.HasPrefix(d.Name(), ".")
			switch {
			case d.IsDir() && hidden:
				return filepath.SkipDir
			case d.Type().IsRegular() && !hidden && strings.EqualFold(filepath.Ext(path), ".txt") && !strings.EqualFold(d.Name(), "readme.txt"):
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
	}
	return files, nil
}

// ReadFiles reads and parses the files on all cores and yields them as
// candidates for Ingest, in no particular order. Stopping the iteration or
// cancelling ctx stops the readers.
func ReadFiles(ctx context.Context, files []string) iter.Seq[news.Candidate] {
	return func(yield func(news.Candidate) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		paths := make(chan string)
		results := make(chan news.Candidate)
		var readers sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			readers.Go(func() {
				for path := range paths {
					a, err := news.ReadFile(path)
					select {
					case results <- news.Candidate{Origin: path, Article: a, Err: err}:
					case <-ctx.Done():
						return
					}
				}
			})
		}
		go func() {
			defer close(paths)
			for _, f := range files {
				select {
				case paths <- f:
				case <-ctx.Done():
					return
				}
			}
		}()
		go func() {
			readers.Wait()
			close(results)
		}()
		for c := range results {
			if !yield(c) {
				return
			}
		}
	}
}
