// Command baogao imports, keeps, serves and analyses Chinese local-government
// documents. Run "baogao help" for the commands.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/baogao/baogao"
)

// command is one subcommand: its flags, and what it does with its arguments.
type command struct {
	name    string
	args    string // argument synopsis for usage
	summary string
	// setup registers the command's flags on fs and returns its run function.
	setup func(fs *flag.FlagSet, env *env) func(ctx context.Context, args []string) error
}

// env is what every command may use: streams and the environment.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	stdoutTTY      bool
	stderrTTY      bool
}

var commands = []command{
	serveCommand,
	importCommand,
	crawlCommand,
	extractCommand,
	demoCommand,
	reextractCommand,
	searchCommand,
	targetsCommand,
	outcomesCommand,
	linksCommand,
	exportCommand,
	reindexCommand,
	copyCommand,
	backupCommand,
	deleteCommand,
	userCommand,
	commentsCommand,
	versionCommand,
}

func main() {
	ctx, stop := signalContext()
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		stdoutTTY: isTerminal(os.Stdout), stderrTTY: isTerminal(os.Stderr)}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// signalContext is done at the first SIGINT or SIGTERM, which asks the
// command to stop: it commits what it has done and exits within a second
// or two. A second signal kills it at once (the signals go back to the
// runtime's default).
func signalContext() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

// run runs the command line and returns the exit status.
// Help asked for goes to stdout with status 0; usage after a mistake (no
// command, an unknown one, a bad flag) goes to stderr with status 2.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return 2
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			return run(ctx, e, []string{args[1], "--help"})
		}
		usage(e.stdout)
		return 0
	}
	name := args[0]
	if name == "--version" || name == "-version" {
		name = "version"
	}
	for _, c := range commands {
		if c.name != name {
			continue
		}
		fs := flag.NewFlagSet("baogao "+c.name, flag.ContinueOnError)
		var help bytes.Buffer
		fs.SetOutput(&help)
		runFn := c.setup(fs, e)
		fs.Usage = func() {
			fmt.Fprintf(fs.Output(), "usage: baogao %s [flags] %s\n\n%s\n\nflags:\n", c.name, c.args, c.summary)
			fs.PrintDefaults()
		}
		pos, err := parseInterleaved(fs, args[1:])
		if errors.Is(err, flag.ErrHelp) {
			help.WriteTo(e.stdout)
			return 0
		}
		if err != nil { // one line: the flag package's message, without the usage it printed
			fmt.Fprintf(e.stderr, "baogao %s: %s (run \"baogao %s --help\")\n", c.name, oneLine(err), c.name)
			return 2
		}
		if err := runFn(ctx, pos); err != nil {
			if ctx.Err() != nil && errors.Is(err, context.Canceled) {
				fmt.Fprintf(e.stderr, "baogao %s: interrupted; what was done is kept\n", c.name)
				return 1
			}
			fmt.Fprintf(e.stderr, "baogao %s: %s\n", c.name, oneLine(err))
			if baogao.ErrorCode(err) == baogao.EINVALID {
				return 2
			}
			return 1
		}
		return 0
	}
	fmt.Fprintf(e.stderr, "baogao: unknown command %q (run \"baogao help\")\n", name)
	return 2
}

// parseInterleaved parses flags that may stand before or after the
// arguments ("baogao import dir --json"); "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		rest := args
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		// fs.Parse drops a "--" it stops at: everything after it is an argument.
		if len(rest) > len(args) && rest[len(rest)-len(args)-1] == "--" {
			return append(pos, args...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// oneLine flattens an error into one line for stderr.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "baogao — archive, search engine and target tracker for Chinese local-government documents")
	fmt.Fprintln(w, "\nusage: baogao <command> [flags] [arguments]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command that reads or writes the archive takes --db (default ./baogao.db,")
	fmt.Fprintln(w, "or $BAOGAO_DB). Run \"baogao <command> --help\" for its flags.")
}

// dbFlag registers --db with its default from BAOGAO_DB.
func dbFlag(fs *flag.FlagSet, e *env) *string {
	def := e.getenv("BAOGAO_DB")
	if def == "" {
		def = "./baogao.db"
	}
	return fs.String("db", def, "archive database: a SQLite file, or a postgres:// URL (env BAOGAO_DB)")
}

// color reports whether stdout may carry terminal styles: a terminal,
// and neither NO_COLOR (https://no-color.org) nor TERM=dumb.
func (e *env) color() bool {
	return e.stdoutTTY && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
}

// progress reports whether a progress bar, which redraws its line, may be
// shown on stderr: a terminal that is not TERM=dumb.
func (e *env) progress() bool {
	return e.stderrTTY && e.getenv("TERM") != "dumb"
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
