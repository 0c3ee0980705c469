package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/account"
	"github.com/baogao/baogao/internal/termtable"
	"golang.org/x/term"
)

var userCommand = command{
	name:    "user",
	args:    "add|list|disable|enable|passwd|remove [NAME]",
	summary: "manage operator accounts (password from a prompt or BAOGAO_PASSWORD)",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &userCmd{env: e}
		c.db = dbFlag(fs, e)
		fs.StringVar(&c.role, "role", "moderator", "role of a new operator: moderator or admin")
		return c.run
	},
}

type userCmd struct {
	*env
	db   *string
	role string
	// readPassword reads a password without echo; tests replace it.
	readPassword func(prompt string) (string, error)
}

func (c *userCmd) run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return baogao.Errorf(baogao.EINVALID, "usage: baogao user add|list|disable|enable|passwd|remove [NAME]")
	}
	verb, args := args[0], args[1:]
	if verb == "list" {
		if len(args) > 0 {
			return baogao.Errorf(baogao.EINVALID, "unexpected argument %q", args[0])
		}
	} else if len(args) != 1 {
		return baogao.Errorf(baogao.EINVALID, "usage: baogao user %s NAME", verb)
	}
	st, err := openStore(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	audit := func(action, name string) error {
		return st.AddAudit(ctx, baogao.AuditEntry{Actor: "cli", Action: action, Target: "operator " + name})
	}
	switch verb {
	case "list":
		users, err := st.Users(ctx)
		if err != nil {
			return err
		}
		tw := termtable.NewWriter(c.stdout, 2)
		fmt.Fprintln(tw, "NAME\tROLE\tSTATE\tCREATED\tLAST LOGIN")
		for _, u := range users {
			state, last := "active", "-"
			if u.Disabled {
				state = "disabled"
			}
			if !u.LastLogin.IsZero() {
				last = u.LastLogin.Local().Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Name, u.Role, state, u.CreatedAt.Local().Format("2006-01-02"), last)
		}
		return tw.Flush()
	case "add":
		name := args[0]
		if err := account.CheckName(name); err != nil {
			return err
		}
		role := baogao.Role(c.role)
		if !role.Valid() {
			return baogao.Errorf(baogao.EINVALID, "--role must be moderator or admin, not %q", c.role)
		}
		if _, err := st.User(ctx, name); err == nil {
			return baogao.Errorf(baogao.ECONFLICT, "operator %q exists", name)
		}
		hash, err := c.newPassword(name)
		if err != nil {
			return err
		}
		if err := st.AddUser(ctx, &baogao.User{Name: name, Role: role, PasswordHash: hash}); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "added %s (%s)\n", name, role)
		return audit("user.add", name)
	case "passwd":
		u, err := st.User(ctx, args[0])
		if err != nil {
			return err
		}
		if u.PasswordHash, err = c.newPassword(u.Name); err != nil {
			return err
		}
		if err := st.UpdateUser(ctx, u); err != nil {
			return err
		}
		if err := st.DeleteSessions(ctx, u.ID, ""); err != nil { // the old password's sessions end
			return err
		}
		fmt.Fprintf(c.stdout, "changed the password of %s; their sessions ended\n", u.Name)
		return audit("user.passwd", u.Name)
	case "disable", "enable":
		u, err := st.User(ctx, args[0])
		if err != nil {
			return err
		}
		u.Disabled = verb == "disable"
		if err := st.UpdateUser(ctx, u); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "%sd %s\n", verb, u.Name)
		return audit("user."+verb, u.Name)
	case "remove":
		if err := st.RemoveUser(ctx, args[0]); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "removed %s\n", args[0])
		return audit("user.remove", args[0])
	}
	return baogao.Errorf(baogao.EINVALID, "unknown user command %q (add, list, disable, enable, passwd, remove)", verb)
}

// newPassword reads a new password — from BAOGAO_PASSWORD for scripts, else
// twice from the terminal without echo — and returns its hash.
func (c *userCmd) newPassword(name string) (string, error) {
	pw := c.getenv("BAOGAO_PASSWORD")
	if pw == "" {
		read := c.readPassword
		if read == nil {
			read = terminalPassword
		}
		var err error
		if pw, err = read(fmt.Sprintf("password for %s: ", name)); err != nil {
			return "", err
		}
		again, err := read("again: ")
		if err != nil {
			return "", err
		}
		if again != pw {
			return "", baogao.Errorf(baogao.EINVALID, "the passwords differ")
		}
	}
	return account.Hash(pw, account.Default)
}

// terminalPassword prompts on the terminal and reads a line without echo.
func terminalPassword(prompt string) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		// A pipe: one line from standard input.
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", baogao.Errorf(baogao.EINVALID, "no password: set BAOGAO_PASSWORD or run on a terminal")
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	fmt.Fprint(os.Stderr, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", fmt.Errorf("reading the password: %w", err)
	}
	return string(b), nil
}
