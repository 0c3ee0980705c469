// Package migration reads a store's embedded migrations, keeps the list of
// those shipped, and compares a database's schema with the shape a build
// expects — the parts both stores (SQLite, PostgreSQL) share.
//
// Migrations are history: once on main, a migration's text never changes
// (ShippedProblems checks each against a checksum list kept beside it);
// a change of schema is a new migration.
package migration

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one embedded migration.
type Migration struct {
	Version  int
	Name     string // file name, e.g. 0003_archive_version.sql
	Checksum string // SHA-256 of the text, hex
	SQL      string
}

// Read returns the migrations *.sql of dir in fsys, in the order of their
// numbers; each file's name starts with its number.
func Read(fsys fs.FS, dir string) ([]Migration, error) {
	names, err := fs.Glob(fsys, dir+"/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Migration
	seen := map[int]string{}
	for _, name := range names {
		base := path.Base(name)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", base)
		}
		if other, ok := seen[v]; ok {
			return nil, fmt.Errorf("migrations %s and %s have the same number", other, base)
		}
		seen[v] = base
		text, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(text)
		out = append(out, Migration{Version: v, Name: base, Checksum: hex.EncodeToString(sum[:]), SQL: string(text)})
	}
	return out, nil
}

// Sums formats migrations as a checksum list, one "checksum  name" line
// each (the format of sha256sum, so `sha256sum -c` checks it from the
// migrations folder).
func Sums(list []Migration) []byte {
	var b bytes.Buffer
	for _, m := range list {
		fmt.Fprintf(&b, "%s  %s\n", m.Checksum, m.Name)
	}
	return b.Bytes()
}

// ShippedProblems compares migrations with the checksum list of those
// shipped (Sums' format) and returns what is wrong, one line each: a
// shipped migration whose text changed, renamed or removed, and a
// migration that is not in the list. An empty result means they agree.
func ShippedProblems(list []Migration, shipped []byte) []string {
	byName := map[string]Migration{}
	for _, m := range list {
		byName[m.Name] = m
	}
	var out []string
	listed := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(shipped))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			out = append(out, fmt.Sprintf("malformed checksum line %q", line))
			continue
		}
		listed[name] = true
		m, ok := byName[name]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("shipped migration %s is missing (renamed or removed): a shipped migration never changes", name))
		case m.Checksum != sum:
			out = append(out, fmt.Sprintf("shipped migration %s was edited (checksum %s, shipped %s): undo the edit and add a new migration instead", name, m.Checksum, sum))
		}
	}
	for _, m := range list {
		if !listed[m.Name] {
			out = append(out, fmt.Sprintf("migration %s is not in the list of shipped migrations: add it with -update when it lands", m.Name))
		}
	}
	return out
}

// A Shape is a database's schema as sorted lines: "table T", "column
// T.C", "index I", "trigger T.N" (and whatever else a store lists), for
// comparing a database with the one its build's migrations make.
type Shape []string

// ParseShape reads a shape, one line each; blank lines and lines
// starting with # are skipped.
func ParseShape(text []byte) Shape {
	var out Shape
	for _, line := range strings.Split(string(text), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	sort.Strings(out)
	return out
}

// String formats the shape, one line each.
func (s Shape) String() string {
	var b strings.Builder
	for _, l := range s {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// Missing returns the lines of want that have is lacks.
func Missing(want, have Shape) []string {
	in := map[string]bool{}
	for _, l := range have {
		in[l] = true
	}
	var out []string
	for _, l := range want {
		if !in[l] {
			out = append(out, l)
		}
	}
	return out
}

// Describe says in one line what a database lacks: the first few of
// missing, and how many more.
func Describe(missing []string) string {
	const shown = 3
	if len(missing) <= shown {
		return strings.Join(missing, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(missing[:shown], ", "), len(missing)-shown)
}
