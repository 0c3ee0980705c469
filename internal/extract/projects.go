package extract

import (
	"strings"
	"unicode/utf8"

	baogao "github.com/baogao/baogao"
)

// Projects are named in lists closed by 等…项目, with the action before the
// list or after it: "加快推进睿安新材料二期、悦达新材料等项目建设",
// "推进总投资55亿元的诚宇新能源、21亿元的同利5G新材料等项目落地",
// "温福高铁、沪杭高铁等项目开工建设". An amount before a name ("总投资55亿元的")
// is the project's investment.

// projectVerbs open a list of projects, longest first.
var projectVerbs = sortByLength([]string{"加快推进", "全力推进", "推进", "加快", "推动", "建成投产", "建成运营", "建成投用", "建成",
	"开工建设", "新开工", "开工", "启动", "实施", "谋划实施", "谋划", "引进", "签约", "做大做优", "做大做强", "培育", "竣工",
	"落地", "投产", "争取", "完成"})

// projectEnds follow 项目 and complete the action.
var projectEnds = sortByLength([]string{"建设", "落地", "建成投产", "建成投用", "建成运营", "开工建设", "开工", "投产", "竣工", "签约",
	"加快推进", "前期工作", "建成", "投用", "落户"})

// readProjects finds the named projects in sentence r[a:b].
func readProjects(t *text, a, b int) []baogao.Project {
	r := t.r
	var out []baogao.Project
	for i := a; i < b; i++ {
		if r[i] != '等' {
			continue
		}
		// 等 [N个][…]项目
		j := i + 1
		for j < b && j < i+12 && !isClauseBreak(r[j]) && !hasPrefixAt(r[:b], j, "项目") {
			j++
		}
		if j >= b || !hasPrefixAt(r[:b], j, "项目") {
			continue
		}
		end := j + 2
		tail := ""
		for _, w := range projectEnds {
			if hasPrefixAt(r[:b], end, w) {
				tail = w
				end += utf8.RuneCountInString(w)
				break
			}
		}
		// the list runs back from 等 to the verb that opens it, or to the
		// start of the clause
		start := i
		for start > a && !isClauseBreak(r[start-1]) {
			start--
		}
		verb := ""
		for k := start; k < i; k++ {
			for _, v := range projectVerbs {
				if hasPrefixAt(r[:i], k, v) {
					verb, start = v, k+utf8.RuneCountInString(v)
					k = start - 1
					break
				}
			}
		}
		if verb == "" && tail == "" {
			continue
		}
		action := verb
		if tail != "" {
			if action != "" {
				action += "…" + tail
			} else {
				action = tail
			}
		}
		text, span := t.quote(start-utf8.RuneCountInString(verb), end)
		for _, name := range strings.Split(string(r[start:i]), "、") {
			p, ok := project(name)
			if !ok {
				continue
			}
			p.Action, p.Text, p.Span = action, text, span
			out = append(out, p)
		}
		i = end - 1
	}
	return out
}

// project reads one item of a list: "总投资55亿元的诚宇新能源" or "晟泰医药".
func project(item string) (baogao.Project, bool) {
	var p baogao.Project
	r := []rune(item)
	if k := strings.LastIndex(item, "的"); k >= 0 {
		head := []rune(item[:k])
		if qs := scanQuantities(head, 0, len(head)); len(qs) == 1 && qs[0].unit == "元" {
			v := round(qs[0].value / 1e8)
			p.Investment, p.Unit = &v, "亿元"
			r = []rune(item[k+len("的"):])
		}
	}
	name := string(r)
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 20 || strings.ContainsAny(name, "0123456789") && n < 4 {
		return p, false
	}
	p.Name = name
	return p, true
}
