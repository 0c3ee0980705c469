package migration

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestShippedProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"m/0001_a.sql": {Data: []byte("CREATE TABLE a (x);")},
		"m/0002_b.sql": {Data: []byte("CREATE TABLE b (x);")},
	}
	list, err := Read(fsys, "m")
	if err != nil || len(list) != 2 || list[1].Version != 2 {
		t.Fatalf("%v %v", list, err)
	}
	sums := Sums(list)
	if p := ShippedProblems(list, sums); len(p) != 0 {
		t.Errorf("the list of itself: %v", p)
	}
	fsys["m/0002_b.sql"] = &fstest.MapFile{Data: []byte("CREATE TABLE b (x, y);")}
	fsys["m/0003_c.sql"] = &fstest.MapFile{Data: []byte("CREATE TABLE c (x);")}
	delete(fsys, "m/0001_a.sql")
	list, _ = Read(fsys, "m")
	got := strings.Join(ShippedProblems(list, sums), "\n")
	for _, want := range []string{"0001_a.sql is missing", "0002_b.sql was edited", "0003_c.sql is not in the list"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	fsys["m/0003_d.sql"] = &fstest.MapFile{Data: []byte("")}
	if _, err := Read(fsys, "m"); err == nil || !strings.Contains(err.Error(), "same number") {
		t.Errorf("two migrations 3: %v", err)
	}
}

func TestMissing(t *testing.T) {
	want := ParseShape([]byte("# comment\ntable a\ncolumn a.x\n\ncolumn a.y\n"))
	have := ParseShape([]byte("table a\ncolumn a.x\ncolumn a.z\n"))
	if m := Missing(want, have); len(m) != 1 || m[0] != "column a.y" {
		t.Errorf("missing %v", m)
	}
	if d := Describe([]string{"a", "b", "c", "d", "e"}); d != "a, b, c and 2 more" {
		t.Errorf("describe %q", d)
	}
}
