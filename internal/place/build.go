package place

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// build parses the embedded tables and makes the indices.
func build(placesData, aliasesData string) (*Gazetteer, error) {
	n := strings.Count(placesData, "\n")
	g := &Gazetteer{
		places: make([]baogao.Place, 0, n),
		parent: make([]int32, 0, n),
		byCode: make(map[string]int32, n),
	}
	err := eachLine(placesData, 6, func(f []string) error {
		p := baogao.Place{Code: f[0], Parent: f[1], Level: baogao.Level(f[2]), Name: f[3], Short: f[4], Slug: f[5], Region: baogao.RegionOf(f[0])}
		if !validCode(p.Code) {
			return fmt.Errorf("bad code %q", p.Code)
		}
		if _, dup := g.byCode[p.Code]; dup {
			return fmt.Errorf("duplicate code %s", p.Code)
		}
		if n := len(g.places); n > 0 && g.places[n-1].Code > p.Code {
			return fmt.Errorf("code %s out of order", p.Code)
		}
		parent := int32(-1)
		if p.Parent != "" {
			i, ok := g.byCode[p.Parent]
			if !ok {
				return fmt.Errorf("%s: parent %s unknown or after it", p.Code, p.Parent)
			}
			parent = i
		}
		switch p.Level {
		case baogao.LevelProvince, baogao.LevelPrefecture, baogao.LevelCounty:
		default:
			return fmt.Errorf("%s: bad level %q", p.Code, p.Level)
		}
		i := int32(len(g.places))
		g.places = append(g.places, p)
		g.parent = append(g.parent, parent)
		g.byCode[p.Code] = i
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	g.children = make([][]int32, len(g.places))
	for i, p := range g.parent {
		if p >= 0 {
			g.children[p] = append(g.children[p], int32(i))
		}
	}

	d := newDictBuilder(len(g.places))
	paths := make([]string, len(g.places))
	g.byPath = make(map[string]int32, len(g.places))
	for i, p := range g.places {
		d.add(p.Name, FullName, int32(i))
		if p.Short != p.Name {
			d.add(p.Short, ShortName, int32(i))
		}
		paths[i] = p.Name
		if pi := g.parent[i]; pi >= 0 { // parents come first
			paths[i] = paths[pi] + p.Name
			g.byPath[paths[i]] = int32(i)
		}
	}
	err = eachLine(aliasesData, 5, func(f []string) error {
		name, within, code := f[0], f[1], f[2]
		i, ok := g.byCode[code]
		if !ok {
			return fmt.Errorf("%s: code %s unknown", name, code)
		}
		if _, ok := g.byCode[within]; !ok && within != "" {
			return fmt.Errorf("%s: code %s unknown", name, within)
		}
		if y, err := strconv.Atoi(f[3]); f[3] != "" && (err != nil || y < 1949 || y > 2100) {
			return fmt.Errorf("%s: bad year %q", name, f[3])
		}
		if utf8.RuneCountInString(name) < 2 {
			return fmt.Errorf("%q: an alias needs two characters or more", name)
		}
		d.add(name, Alias, i)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("aliases: %w", err)
	}
	g.dict, g.byName = d.build()
	return g, nil
}

// eachLine calls fn with the tab-separated fields of each line that is
// neither empty nor a # comment.
func eachLine(data string, fields int, fn func([]string) error) error {
	f := make([]string, fields)
	for n := 1; data != ""; n++ {
		var line string
		line, data, _ = strings.Cut(data, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		k := 0
		for ; k < fields-1; k++ {
			var ok bool
			f[k], line, ok = strings.Cut(line, "\t")
			if !ok {
				break
			}
		}
		if k != fields-1 || strings.Contains(line, "\t") {
			return fmt.Errorf("line %d: want %d tab-separated fields", n, fields)
		}
		f[k] = line
		if err := fn(f); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return nil
}

func validCode(code string) bool {
	if len(code) != 6 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}
