package commands

import (
	"os"
	"testing"
)

var tempRoot string

// TestMain gives the package's shared sample index a directory that outlives
// any one test and is removed at the end.
func TestMain(m *testing.M) {
	var err error
	tempRoot, err = os.MkdirTemp("", "newsbot-commands-")
	if err != nil {
		panic(err)
	}
	code := m.Run()
	if ix, err := samples(); err == nil && ix != nil {
		ix.Close()
	}
	os.RemoveAll(tempRoot)
	os.Exit(code)
}

func tempDir() (string, error) { return os.MkdirTemp(tempRoot, "index-") }
