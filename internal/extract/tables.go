package extract

import (
	"strings"
	"unicode/utf8"

	baogao "github.com/baogao/baogao"
)

// A table copied from a page or a PDF often reaches us flattened, one cell
// per line: a header ("指标", "2024年目标", "2023年完成"), then each row as the
// indicator's line followed by one line per column. The walk finds no
// figures there (a value line names no indicator), so tables are read on
// their own.

// tableHeads open a flattened table.
var tableHeads = []string{"指标", "指标名称", "主要指标", "项目", "主要经济指标", "经济指标"}

// Column cues of a table's header.
var (
	targetColumn = []string{"目标", "计划", "预期"}
	actualColumn = []string{"完成", "实际", "实绩", "执行", "预计"}
)

// Sizes of a flattened table, in runes and cells.
const (
	maxCell    = 16 // a header or value cell
	maxRowName = 30 // an indicator's line
	maxColumns = 4
)

// column is one value column of a table.
type column struct {
	role role
	year int
}

// readTables returns the targets and outcomes of the flattened tables of
// t, for a document of year y and kind k.
func readTables(t *text, y int, k baogao.Kind) ([]baogao.Target, []baogao.Outcome) {
	lines := splitLines(t.r) // the paragraphs of the compact text
	var targets []baogao.Target
	var outcomes []baogao.Outcome
	for i := 0; i < len(lines); i++ {
		if !isTableHead(t.r, lines[i]) {
			continue
		}
		cols := tableColumns(t.r, lines[i+1:], y, k)
		if len(cols) == 0 {
			continue
		}
		i += 1 + len(cols)
		for i < len(lines) {
			row := lines[i]
			ms := findMentions(t.r, row[0], row[1])
			if len(ms) == 0 || row[1]-row[0] > maxRowName || i+len(cols) >= len(lines) {
				break
			}
			qs := make([]*quantity, len(cols)) // nil for an empty cell
			ok := true
			for c := range cols {
				q, good := cellValue(t.r, lines[i+1+c], row)
				if !good {
					ok = false
					break
				}
				qs[c] = q
			}
			if !ok {
				break
			}
			m := ms[0]
			g := group{items: []*concept{m.concept}, labels: []string{m.label}, start: m.start, end: m.end}
			for c, col := range cols {
				if col.role == roleNone || qs[c] == nil {
					continue
				}
				for _, it := range expand(g) {
					f := makeFigure(g, it, *qs[c], string(t.r[m.end:row[1]]))
					if f.indicator == "" {
						continue
					}
					switch col.role {
					case roleTarget:
						if tg, ok := makeTarget(t, f, col.year); ok {
							targets = append(targets, tg)
						}
					case roleOutcome:
						if o, ok := makeOutcome(t, f, col.year, sentence{start: row[0], end: row[1]}); ok {
							outcomes = append(outcomes, o)
						}
					}
				}
			}
			i += 1 + len(cols)
		}
		i--
	}
	return targets, outcomes
}

// isTableHead reports whether line ln opens a table: "指标", "指标名称(单位)".
func isTableHead(r []rune, ln [2]int) bool {
	s := string(r[ln[0]:ln[1]])
	if i := strings.IndexAny(s, "(/"); i > 0 {
		s = s[:i]
	}
	for _, h := range tableHeads {
		if s == h {
			return true
		}
	}
	return false
}

// tableColumns reads the header cells after a table's head: each a short
// line naming a target or an actual column, with its year when it names
// one. It returns nil when the lines are not a header.
func tableColumns(r []rune, lines [][2]int, y int, k baogao.Kind) []column {
	var cols []column
	for _, ln := range lines {
		if len(cols) == maxColumns {
			break
		}
		s := string(r[ln[0]:ln[1]])
		if s == "" || utf8.RuneCountInString(s) > maxCell {
			break
		}
		if _, _, named := firstMention(r, ln[0], ln[1]); named {
			break // the first row
		}
		col := column{role: roleNone}
		year := 0
		for _, ref := range yearsIn(r, ln[0], ln[1]) {
			year = ref.year
		}
		switch {
		case hasAny(s, actualColumn...):
			col.role, col.year = roleOutcome, orYear(year, y-lag(k))
		case hasAny(s, targetColumn...):
			col.role, col.year = roleTarget, orYear(year, y)
		case s == "单位" || strings.Contains(s, "单位"):
		default:
			return nil
		}
		if col.role == roleTarget && y > 0 && col.year != y {
			col.role = roleNone // another year's targets
		}
		cols = append(cols, col)
	}
	for _, c := range cols {
		if c.role != roleNone {
			return cols
		}
	}
	return nil
}

// lag is how far a document's figures of achievement stand behind its
// year: a year for a report, none for a bulletin.
func lag(k baogao.Kind) int {
	if k == baogao.KindStatsBulletin {
		return 0
	}
	return 1
}

// cellValue reads a value cell: one figure and nothing else ("6.5",
// "6左右", "120亿元"; nil for an empty cell, "—"). A figure without a unit
// takes the unit its row names ("地区生产总值增长(%)", "一般公共预算收入(亿元)").
// It reports false when the line is not a value cell.
func cellValue(r []rune, cell, row [2]int) (*quantity, bool) {
	s := string(r[cell[0]:cell[1]])
	if s == "-" || s == "--" || s == "/" || s == "" {
		return nil, true
	}
	if cell[1]-cell[0] > maxCell {
		return nil, false
	}
	qs := scanQuantities(r, cell[0], cell[1])
	if len(qs) != 1 || qs[0].start != cell[0] || qs[0].end != cell[1] {
		return nil, false
	}
	q := qs[0]
	if q.unit == "" {
		fam, factor := rowUnit(r, row)
		if fam == "" {
			return nil, false
		}
		q.unit = fam
		q.value *= factor
		q.high *= factor
	}
	return &q, true
}

// rowUnit reads the unit a row names in brackets: "(%)", "(亿元)".
func rowUnit(r []rune, row [2]int) (string, float64) {
	for i := row[0]; i < row[1]; i++ {
		if r[i] != '(' {
			continue
		}
		if fam, factor, n := readUnit(r, i+1, row[1]); n > 0 && i+1+n < row[1] && r[i+1+n] == ')' {
			return fam, factor
		}
	}
	return "", 1
}
