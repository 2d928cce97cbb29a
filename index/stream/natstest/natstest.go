// Package natstest runs a real NATS server with JetStream for tests, in
// process, on a loopback port: the stream of articles is tested against the
// engine itself, never a mock.
package natstest

import (
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Start runs a NATS server with JetStream, its storage in a temporary
// folder, until the test ends, and returns its URL.
func Start(t testing.TB) string {
	t.Helper()
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("NATS did not start")
	}
	t.Cleanup(ns.Shutdown)
	return ns.ClientURL()
}

// Server is a NATS server with JetStream that a test can stop and start
// again, on the same port and with the same storage, as an operator
// restarting it would.
type Server struct {
	t    testing.TB
	opts server.Options
	ns   *server.Server
}

// StartServer runs a Server until the test ends.
func StartServer(t testing.TB) *Server {
	t.Helper()
	s := &Server{t: t, opts: server.Options{Host: "127.0.0.1", Port: freePort(t), JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true}}
	s.Start()
	t.Cleanup(func() { s.ns.Shutdown() })
	return s
}

// URL is where clients connect, whether the server runs or not.
func (s *Server) URL() string { return fmt.Sprintf("nats://%s:%d", s.opts.Host, s.opts.Port) }

// Start runs the server, again after Stop.
func (s *Server) Start() {
	s.t.Helper()
	opts := s.opts
	ns, err := server.NewServer(&opts)
	if err != nil {
		s.t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		s.t.Fatal("NATS did not start")
	}
	s.ns = ns
}

// Stop shuts the server down, dropping every client's connection.
func (s *Server) Stop() {
	s.ns.Shutdown()
	s.ns.WaitForShutdown()
}

// Cluster is a cluster of NATS servers with JetStream, for tests of what
// survives the loss of one.
type Cluster struct {
	Servers []*server.Server
}

// URL lists every server, as NEWSBOT_NATS_URL does.
func (c *Cluster) URL() string {
	var urls []string
	for _, s := range c.Servers {
		urls = append(urls, s.ClientURL())
	}
	return strings.Join(urls, ",")
}

// StartCluster runs n NATS servers with JetStream that form one cluster,
// until the test ends, and waits until JetStream has a leader. A port found
// free can be taken by another listener before its server binds it (a CI
// run saw a server never start): the cluster then starts again on others.
func StartCluster(t testing.TB, n int) *Cluster {
	t.Helper()
	for attempt := 1; ; attempt++ {
		c, err := startCluster(t, n)
		if err == nil {
			c.awaitLeader(t)
			return c
		}
		if attempt == 3 {
			t.Fatal(err)
		}
	}
}

// startCluster starts n servers that route to one another, and shuts them
// all down again if one does not start.
func startCluster(t testing.TB, n int) (*Cluster, error) {
	ports := make([]int, n)
	for i := range ports {
		ports[i] = freePort(t)
	}
	var routes []string
	for _, p := range ports {
		routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", p))
	}
	c := &Cluster{}
	for i, p := range ports {
		ns, err := server.NewServer(&server.Options{
			ServerName: fmt.Sprintf("newsbot-test-%d", i), Host: "127.0.0.1", Port: -1,
			JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true,
			Cluster: server.ClusterOpts{Name: "newsbot-test", Host: "127.0.0.1", Port: p},
			Routes:  server.RoutesFromStr(strings.Join(routes, ",")),
		})
		if err != nil {
			t.Fatal(err)
		}
		go ns.Start()
		t.Cleanup(ns.Shutdown)
		c.Servers = append(c.Servers, ns)
	}
	for _, ns := range c.Servers {
		if !ns.ReadyForConnections(10 * time.Second) {
			for _, s := range c.Servers {
				s.Shutdown()
			}
			return nil, errors.New("a NATS server of the cluster did not start")
		}
	}
	return c, nil
}

// awaitLeader waits until the cluster's JetStream has a leader.
func (c *Cluster) awaitLeader(t testing.TB) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if slices.ContainsFunc(c.Servers, (*server.Server).JetStreamIsLeader) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the NATS cluster elected no JetStream leader")
		}
	}
}

// freePort is a loopback port nobody listens on now.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
