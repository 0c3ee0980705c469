package export

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/baogao/baogao"
)

// Publisher is the name the archive is cited by.
const Publisher = "baogao 报告文库"

// Codebook describes an export: what it holds and where from, its columns,
// what the codes in them mean, the rules it was made by, and how to cite
// it. Where it travels: a second sheet in XLSX, key-value metadata in
// Parquet, and a file beside a CSV or JSON (FILE.codebook.md, Markdown).
type Codebook struct {
	Title    string    // what the table is: 预期目标 targets
	Source   string    // where it was exported from: the site's address or the database
	Version  string    // the software's version
	Data     string    // the archive's version (a number that changes whenever it does) and its time
	Exported time.Time // when
	Filter   string    // the filters, as given ("indicator=gdp_growth year=2019-2024"); "" = the whole archive
	Rows     int       // how many rows; 0 when not known when the codebook is written
	// Rules are further rules the rows were made by (the linking rule of
	// met and missed), one paragraph each.
	Rules    []string
	Citation Citation
}

// Citation is a suggested citation of an export.
type Citation struct {
	GBT    string // GB/T 7714-2015, a data set [DS/OL]
	APA    string // APA 7, a data set
	BibTeX string
}

// Text returns the citation as lines of text: GB/T 7714, then APA.
func (c Citation) Text() string { return c.GBT + "\n" + c.APA }

// Cite makes the suggested citation of a table exported from the source
// (an address, or a database when the export was made on the command
// line) at a time.
func Cite(title, source, version string, exported time.Time) Citation {
	day := exported.UTC().Format("2006-01-02")
	v := ""
	if version != "" {
		v = ", version " + version
	}
	var c Citation
	// GB/T 7714-2015: 主要责任者. 题名[DS/OL]. (更新日期)[引用日期]. 获取路径.
	c.GBT = fmt.Sprintf("%s. %s[DS/OL]. (%s)[%s]. %s.", Publisher, title, day, day, source)
	c.APA = fmt.Sprintf("%s. (%d). %s [Data set]%s. Retrieved %s, from %s", Publisher, exported.UTC().Year(), title, v, day, source)
	c.BibTeX = fmt.Sprintf("@misc{baogao%s,\n  author = {{%s}},\n  title = {{%s}},\n  year = {%d},\n  howpublished = {%s},\n  note = {Data set%s; retrieved %s}\n}",
		exported.UTC().Format("20060102"), Publisher, title, exported.UTC().Year(), source, v, day)
	return c
}

// Term is one code a column may hold and what it means.
type Term struct {
	Code    string `json:"code"`
	Name    string `json:"name"`    // the Chinese name
	Meaning string `json:"meaning"` // in English, with the unit and direction where they matter
}

// Vocabulary is the codes of one column.
type Vocabulary struct {
	Column string `json:"column"`
	Terms  []Term `json:"terms"`
}

// Vocabularies returns the codes of the columns that hold codes, in the
// columns' order: indicator, qualifier, vintage, bound, status, kind,
// level, region.
func Vocabularies(cols []Column) []Vocabulary {
	var out []Vocabulary
	for _, c := range cols {
		if terms := vocabulary(c.Name); terms != nil {
			out = append(out, Vocabulary{Column: c.Name, Terms: terms})
		}
	}
	return out
}

// vocabularyOf names the vocabulary of columns named otherwise.
var vocabularyOf = map[string]string{
	"document_kind": "kind", "outcome_source": "kind", "target_qualifier": "qualifier",
	"outcome_vintage": "vintage", "outcome_bound": "bound",
}

func vocabulary(column string) []Term {
	if v, ok := vocabularyOf[column]; ok {
		column = v
	}
	switch column {
	case "indicator":
		var ts []Term
		for _, ind := range baogao.Indicators {
			m := ind.Title + "; unit " + ind.Unit
			if ind.LowerIsBetter {
				m += "; lower is better (met when at or below the target)"
			}
			ts = append(ts, Term{ind.Code, ind.Name, m})
		}
		return append(ts, Term{baogao.IndicatorOther, "其他", "a figure that fits no indicator; see label and unit"})
	case "qualifier":
		return []Term{
			{string(baogao.QualExact), "（无限定词）", "exactly the value: no qualifier, or a lone 力争 target"},
			{string(baogao.QualAbout), "左右", "about the value"},
			{string(baogao.QualAtLeast), "以上、不低于、超过", "the value or more"},
			{string(baogao.QualAtMost), "以内、以下、不超过、控制在…以内", "the value or less"},
			{string(baogao.QualRange), "区间", "from value to value_high (6%-6.5%)"},
		}
	case "vintage":
		return []Term{
			{string(baogao.VintageEstimated), "预计", "an estimate, given before the year's figures were final"},
			{string(baogao.VintagePreliminary), "初步核算", "a preliminary figure"},
			{string(baogao.VintageFinal), "最终核实", "the final, verified figure"},
			{"", "（未说明）", "not stated (empty)"},
		}
	case "bound":
		return []Term{
			{"at_least", "突破、…以上", "the text states only a lower bound: shown, but not a value"},
			{"at_most", "…以下、不到", "the text states only an upper bound: shown, but not a value"},
			{"", "（无）", "the value is a value"},
		}
	case "status":
		return []Term{
			{"met", "完成", "the outcome meets the target under the linking rule"},
			{"missed", "未完成", "the outcome falls short of the target under the linking rule"},
			{"no_data", "无数据", "no outcome for the place, year and indicator in the archive"},
		}
	case "kind":
		var ts []Term
		for _, k := range baogao.Kinds {
			ts = append(ts, Term{string(k), k.Name(), "URL segment /" + k.Segment() + "/"})
		}
		return ts
	case "level":
		return []Term{
			{string(baogao.LevelProvince), "省级", "province"},
			{string(baogao.LevelPrefecture), "地级", "prefecture"},
			{string(baogao.LevelCounty), "县级", "county, district or county-level city"},
		}
	case "region":
		var ts []Term
		for _, r := range baogao.Regions {
			ts = append(ts, Term{string(r), r.Name(), "macro-region"})
		}
		return ts
	}
	return nil
}

// conventions are the rules every export follows, one paragraph each.
var conventions = []string{
	"空值表示没有这个值。Empty cells (null in JSON and Parquet) mean no value.",
	"数值为规范单位（见 unit 列）；增长率等为百分数，下降为负数。Values are in the canonical unit of the unit column; growth rates in per cent, a decline negative.",
	"CSV 与 XLSX 中，列表（words）以“|”连接；JSON 与 Parquet 中为数组。In CSV and XLSX a list (words) is joined with \"|\"; in JSON and Parquet it is an array.",
	"CSV 与 XLSX 中，以 = + - @、制表符或回车（或其全角形式，前面可有撇号）开头的文字前加一个撇号 '，使电子表格不把它当作公式；去掉第一个撇号即得原文。数值不受影响。In CSV and XLSX a text beginning with = + - @, a tab or a carriage return (or their full-width forms, after any apostrophes) gets one more leading apostrophe ' so that no spreadsheet runs it as a formula; remove the first apostrophe to get the text. Numbers are never changed.",
	"CSV 为 UTF-8（带 BOM）或 GB18030，逗号分隔，CRLF 换行（RFC 4180）。CSV is UTF-8 with a byte-order mark, or GB18030, comma-separated with CRLF line ends (RFC 4180).",
}

// Line is one line of the codebook as a sheet: a heading, or cells.
type Line struct {
	Heading bool
	Cells   []string
}

// Lines returns the codebook of a table with the columns as lines of a
// sheet of four columns.
func (cb *Codebook) Lines(cols []Column) []Line {
	var ls []Line
	head := func(cells ...string) { ls = append(ls, Line{true, cells}) }
	line := func(cells ...string) { ls = append(ls, Line{false, cells}) }
	head("baogao 导出说明 codebook")
	for _, kv := range cb.about() {
		line(kv[0], kv[1])
	}
	line()
	head("列 columns")
	head("column", "type", "unit", "description")
	for _, c := range cols {
		line(c.Name, c.Type.String(), c.Unit, c.Description)
	}
	for _, v := range Vocabularies(cols) {
		line()
		head("代码 codes: " + v.Column)
		head("code", "name", "", "meaning")
		for _, t := range v.Terms {
			line(t.Code, t.Name, "", t.Meaning)
		}
	}
	line()
	head("规则 rules")
	for _, r := range cb.rules() {
		line("", "", "", r)
	}
	line()
	head("引用 citation")
	line("GB/T 7714", "", "", cb.Citation.GBT)
	line("APA", "", "", cb.Citation.APA)
	return ls
}

// about is the codebook's first block: name and value.
func (cb *Codebook) about() [][2]string {
	filter := cb.Filter
	if filter == "" {
		filter = "（无：全部）none: the whole archive"
	}
	kv := [][2]string{
		{"title", cb.Title},
		{"source", cb.Source},
		{"version", cb.Version},
		{"data", cb.Data},
		{"exported", cb.Exported.UTC().Format(time.RFC3339)},
		{"filter", filter},
	}
	if cb.Rows > 0 {
		kv = append(kv, [2]string{"rows", fmt.Sprint(cb.Rows)})
	}
	return kv
}

func (cb *Codebook) rules() []string {
	return append(append([]string(nil), cb.Rules...), conventions...)
}

// codebookJSON is the codebook as JSON, in Parquet metadata and beside
// files as FILE.codebook.json.
type codebookJSON struct {
	Title        string            `json:"title"`
	Source       string            `json:"source"`
	Version      string            `json:"version"`
	Data         string            `json:"data"`
	Exported     time.Time         `json:"exported"`
	Filter       string            `json:"filter"`
	Rows         int               `json:"rows,omitempty"`
	Columns      []columnJSON      `json:"columns"`
	Vocabularies []Vocabulary      `json:"vocabularies"`
	Rules        []string          `json:"rules"`
	Citation     map[string]string `json:"citation"`
}

type columnJSON struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Unit        string `json:"unit,omitempty"`
	Description string `json:"description"`
}

// JSON returns the codebook of a table with the columns as JSON.
func (cb *Codebook) JSON(cols []Column) ([]byte, error) {
	j := codebookJSON{Title: cb.Title, Source: cb.Source, Version: cb.Version, Data: cb.Data,
		Exported: cb.Exported.UTC(), Filter: cb.Filter, Rows: cb.Rows, Vocabularies: Vocabularies(cols),
		Rules: cb.rules(), Citation: map[string]string{"gbt7714": cb.Citation.GBT, "apa": cb.Citation.APA, "bibtex": cb.Citation.BibTeX}}
	for _, c := range cols {
		j.Columns = append(j.Columns, columnJSON{c.Name, c.Type.String(), c.Unit, c.Description})
	}
	return json.MarshalIndent(j, "", "  ")
}

// Markdown returns the codebook of a table with the columns as Markdown,
// the file written beside a CSV or JSON export.
func (cb *Codebook) Markdown(cols []Column) string {
	var b strings.Builder
	cell := func(s string) string {
		return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
	}
	fmt.Fprintf(&b, "# %s — codebook\n\n", cb.Title)
	for _, kv := range cb.about() {
		fmt.Fprintf(&b, "- **%s**: %s\n", kv[0], kv[1])
	}
	b.WriteString("\n## 列 Columns\n\n| column | type | unit | description |\n|---|---|---|---|\n")
	for _, c := range cols {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Name, c.Type, cell(c.Unit), cell(c.Description))
	}
	for _, v := range Vocabularies(cols) {
		fmt.Fprintf(&b, "\n## 代码 Codes of `%s`\n\n| code | name | meaning |\n|---|---|---|\n", v.Column)
		for _, t := range v.Terms {
			code := "`" + t.Code + "`"
			if t.Code == "" {
				code = "(empty)"
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", code, cell(t.Name), cell(t.Meaning))
		}
	}
	b.WriteString("\n## 规则 Rules\n\n")
	for _, r := range cb.rules() {
		fmt.Fprintf(&b, "- %s\n", r)
	}
	fmt.Fprintf(&b, "\n## 引用 Citation\n\n%s\n\n%s\n\n```bibtex\n%s\n```\n", cb.Citation.GBT, cb.Citation.APA, cb.Citation.BibTeX)
	return b.String()
}

// titles are the tables' titles, Chinese then English.
var titles = map[string]string{
	"documents":  "文件 documents",
	"targets":    "预期目标 targets",
	"outcomes":   "实际完成值 outcomes",
	"links":      "目标完成情况 targets against outcomes",
	"comparison": "目标比较 comparison",
	"bundle":     "文件汇编 bundle of documents",
}

// NewCodebook starts the codebook of an export of the named table (one of
// documents, targets, outcomes, links, comparison, bundle) with its title
// and citation; the caller adds Rules and Rows where it knows them.
func NewCodebook(table, source, version, data string, exported time.Time, filter string) *Codebook {
	title := titles[table]
	if title == "" {
		title = table
	}
	return &Codebook{Title: title, Source: source, Version: version, Data: data, Exported: exported, Filter: filter,
		Citation: Cite(title, source, version, exported)}
}
