package termtable

import (
	"strings"
	"testing"
)

func TestWidth(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0}, {"abc", 3}, {"金乡县", 6}, {"7%左右", 6}, {"，", 2}, {"ＧＤＰ", 6}, {"—", 1},
	} {
		if got := Width(c.in); got != c.want {
			t.Errorf("Width(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestColumnsLineUp(t *testing.T) {
	var b strings.Builder
	w := NewWriter(&b, 2)
	w.Write([]byte("PLACE\tYEAR\tTARGET\n北京市朝阳区\t2019\t7.5\n"))
	w.Write([]byte("河北省邯郸市")) // a line in two writes
	w.Write([]byte("丛台区\t2020\t8\n"))
	w.Write([]byte("x\t2021\t6.5\n"))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines:\n%s", len(lines), b.String())
	}
	// The second column starts at the same terminal column on every line.
	want := -1
	for _, l := range lines {
		i := strings.Index(l, "20")
		if strings.HasPrefix(l, "PLACE") {
			i = strings.Index(l, "YEAR")
		}
		col := Width(l[:i])
		if want == -1 {
			want = col
		}
		if col != want {
			t.Errorf("line %q: second column at %d, want %d", l, col, want)
		}
	}
	if want != Width("河北省邯郸市丛台区")+2 {
		t.Errorf("second column at %d, want the widest cell plus the gap", want)
	}
}

func TestFlushWritesUnendedLine(t *testing.T) {
	var b strings.Builder
	w := NewWriter(&b, 1)
	w.Write([]byte("a\tb\nrest"))
	w.Flush()
	if b.String() != "a b\nrest" {
		t.Errorf("got %q", b.String())
	}
}

func TestNoTrailingSpaces(t *testing.T) {
	var b strings.Builder
	w := NewWriter(&b, 2)
	w.Write([]byte("杨庄变电站\t建成\t\nx\ty\tz\n"))
	w.Flush()
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.HasSuffix(l, " ") {
			t.Errorf("trailing spaces: %q", l)
		}
	}
}
