// The subject contract spoken by Go's github.com/sevlyar/go-daemon
// (Debian's golang-github-sevlyar-go-daemon-dev), built offline by
// mk/matrix.mk into build/subject-go-daemon.
//
// go-daemon's Context.Reborn() re-executes the program with setsid and a
// marker in the environment; the parent locks the PID file and the child
// writes its PID. Declared: what Context has (WorkDir, Umask) and send
// (Context.Search, then a signal). Its LogFileName is one file for both
// stdout and stderr, which the contract's separate options cannot say, so
// neither is declared; no stdin, shield or readiness. `default` for --on
// leaves the Go runtime's own disposition: go-daemon installs no handler
// unless the program calls SetSigHandler and ServeSignals.
//
// An error of this adapter's own exits 125 (README, "Adapters").
package main

import (
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	daemon "github.com/sevlyar/go-daemon"
)

const me = "subject-go-daemon"

var supported = []string{"chdir", "umask", "on", "send"}
var signals = map[string]syscall.Signal{"INT": syscall.SIGINT, "TERM": syscall.SIGTERM, "ABRT": syscall.SIGABRT}

func broken(ready, why string) {
	line := fmt.Sprintf("%s: adapter error: %s\n", me, why)
	fmt.Fprint(os.Stderr, line)
	if ready != "" {
		os.WriteFile(ready+".broken", []byte(line), 0644)
	}
	os.Exit(125)
}

type args struct {
	capabilities                bool
	pidfile, ready, chdir, send string
	umask                       int
	hasUmask                    bool
	on                          map[string]string
}

func parse(argv []string) args {
	a := args{on: map[string]string{}}
	for i := 0; i < len(argv); i++ {
		opt := argv[i]
		if opt == "--capabilities" {
			a.capabilities = true
			continue
		}
		if i+1 >= len(argv) {
			broken("", opt+": missing value")
		}
		val := argv[i+1]
		i++
		switch opt {
		case "--pidfile":
			a.pidfile = val
		case "--ready":
			a.ready = val
		case "--chdir":
			a.chdir = val
		case "--umask":
			m, err := strconv.ParseUint(val, 8, 32)
			if err != nil || m > 0777 {
				broken("", "--umask "+val+": expected octal 0..0777")
			}
			a.umask, a.hasUmask = int(m), true
		case "--send":
			a.send = strings.TrimPrefix(val, "SIG")
		case "--on":
			parts := strings.SplitN(val, "=", 2)
			if len(parts) != 2 || signals[parts[0]] == 0 ||
				(parts[1] != "default" && parts[1] != "ignore" && parts[1] != "log") {
				broken("", "--on "+val+": expected INT, TERM or ABRT = default, ignore or log")
			}
			a.on[parts[0]] = parts[1]
		default:
			broken("", opt+": unknown option")
		}
	}
	return a
}

func sendSignal(ctx *daemon.Context, name string) int {
	sig, ok := signals[name]
	if !ok {
		n, err := strconv.Atoi(name)
		if err != nil {
			broken("", "--send "+name+": unknown signal")
		}
		sig = syscall.Signal(n)
	}
	p, err := ctx.Search()
	if err == nil {
		err = p.Signal(sig)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", me, err)
		return 1
	}
	return 0
}

// The daemon's part: --on handlers, the ready lines and file, then wait.
func payload(a args) {
	logged := make(chan os.Signal, 8)
	for name, action := range a.on {
		switch action {
		case "log":
			signal.Notify(logged, signals[name])
		case "ignore":
			signal.Ignore(signals[name])
		}
	}
	pid := os.Getpid()
	fmt.Fprintf(os.Stdout, "ready %d\n", pid)
	fmt.Fprintf(os.Stderr, "ready %d\n", pid)
	tmp := fmt.Sprintf("%s.tmp.%d", a.ready, pid)
	if err := os.WriteFile(tmp, []byte(fmt.Sprintf("%d\n", pid)), 0644); err != nil {
		broken(a.ready, err.Error())
	}
	if err := os.Rename(tmp, a.ready); err != nil {
		broken(a.ready, err.Error())
	}
	go func() {
		for s := range logged {
			fmt.Fprintf(os.Stdout, "signal %d\n", int(s.(syscall.Signal)))
		}
	}()
	// Not `select {}`: with no signal notified, the Go runtime would call
	// that a deadlock and exit 2, which would be this adapter's crash.
	for {
		time.Sleep(time.Hour)
	}
}

func main() {
	a := parse(os.Args[1:])
	if a.capabilities {
		fmt.Println(strings.Join(append([]string{"pidfile", "ready"}, supported...), "\n"))
		return
	}
	if a.pidfile == "" {
		broken("", "--pidfile is required")
	}
	ctx := &daemon.Context{PidFileName: a.pidfile, PidFilePerm: 0644}
	if a.send != "" {
		os.Exit(sendSignal(ctx, a.send))
	}
	if a.ready == "" {
		broken("", "--ready is required")
	}
	if a.chdir != "" {
		ctx.WorkDir = a.chdir
	}
	if a.hasUmask {
		ctx.Umask = a.umask
	}
	child, err := ctx.Reborn()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", me, err)
		os.Exit(1)
	}
	if child != nil {
		return // the launcher
	}
	defer ctx.Release()
	payload(a)
}
