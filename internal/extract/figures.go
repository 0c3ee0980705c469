package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	baogao "github.com/baogao/baogao"
)

// figure is one value read from a sentence and tied to an indicator,
// before the sentence's context says whether it is a target or an outcome.
type figure struct {
	indicator string // a code of the vocabulary, or "other"
	label     string // the phrase that named it
	value     float64
	high      *float64
	stretch   *float64
	unit      string
	qual      baogao.Qualifier
	words     []string // words that set its force: 左右, 力争 …
	start     int      // compact offset where its statement starts (the mention)
	end       int      // compact offset after its figure
	vstart    int      // compact offset of the figure itself
	prefix    string   // text between the mention and the figure
	periodic  bool     // a quarterly, monthly, cumulative or average figure
	// withAverage: stated beside an average over years ("实现地区生产总值
	// 8000亿元,年均增长7.5%"): a level for the end of a period
	withAverage bool
}

// group is a run of mentions that share the figures after them:
// "社会消费品零售总额、固定资产投资增长4%左右".
type group struct {
	items      []*concept // one per mention (a pair stands for two; see expand)
	labels     []string   // the mentions as written
	start, end int        // compact offsets of the first mention and after the last
	before     string     // the clause before the first mention
}

// connectorOnly reports whether s joins two mentions into one list.
func connectorOnly(s []rune) bool {
	if len(s) == 0 {
		return true
	}
	for _, c := range s {
		if !strings.ContainsRune("、和及与以,", c) {
			return false
		}
	}
	// a comma alone separates statements, not list items
	return strings.ContainsAny(string(s), "、和及与")
}

// resolveWeak gives bare heads their meaning from the mention before them
// in the same sentence, and drops them when there is none.
func resolveWeak(r []rune, ms []mention) []mention {
	out := ms[:0]
	for i, m := range ms {
		if m.concept.weak {
			if i == 0 {
				continue
			}
			prev := ms[i-1].concept.key
			switch {
			case m.concept.key == "output" && (prev == "grain" || prev == "grainArea") && sharesHead(r, ms[i-1], m):
				m.concept = concepts["grain"]
			case m.concept.key == "addedValue" && prev == "firms":
				m.concept = concepts["industry"]
			default:
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// sharesHead reports whether head m completes the phrase prev: it follows
// a list break ("粮食播种面积1530万亩、总产量125亿斤") or ends a list whose
// items it all completes ("粮食、肉蛋奶、蔬菜产量均稳定在百万吨以上").
func sharesHead(r []rune, prev, m mention) bool {
	if m.start > 0 && strings.ContainsRune("、,;", r[m.start-1]) || m.start == prev.end {
		return true
	}
	return m.end < len(r) && r[m.end] == '均'
}

// ordinalsBefore counts the components named before a services mention in
// a list of the three sectors: "一产、二产、三产增加值", "第一、第三产业增加值",
// "一二三产增加值". Those components are placeholders that keep the list of
// values aligned.
func ordinalsBefore(r []rune, start, lo int) int {
	n := 0
	i := start
	// "一二三产": the services mention starts at 三产; count digits glued before it
	if i > lo && (r[i] == '三' || r[i] == '第') {
		for i > lo && (r[i-1] == '一' || r[i-1] == '二') {
			n++
			i--
		}
		if n > 0 {
			return n
		}
	}
	for i > lo {
		j := i
		if r[j-1] != '、' && r[j-1] != '和' {
			break
		}
		j--
		k := j
		for k > lo && strings.ContainsRune("一二第产业", r[k-1]) {
			k--
		}
		if k == j || !strings.ContainsAny(string(r[k:j]), "一二") {
			break
		}
		n++
		i = k
	}
	return n
}

// readSentence reads the figures of the sentence r[start:end]. carry is
// the last group of the sentence before, which a sentence that opens with
// a bare figure continues ("…14879.2亿元。按可比价计算,实际同比增长6.1%。");
// the sentence's own last group is returned to carry on.
func readSentence(r []rune, start, end int, carry *group) ([]figure, *group) {
	qs := scanQuantities(r, start, end)
	if len(qs) == 0 {
		// a sentence without figures passes the subject on only when it
		// names nothing itself
		if carry == nil {
			return nil, nil
		}
		if _, _, ok := firstMention(r, start, end); ok {
			return nil, nil
		}
		return nil, carry
	}
	ms := resolveWeak(r, findMentions(r, start, end))
	var out []figure
	if carry != nil {
		first := end
		if len(ms) > 0 {
			first = ms[0].start
		}
		for _, q := range qs {
			if q.start >= first {
				break
			}
			if !relevantUnit(q) {
				continue
			}
			if pre := string(r[start:q.start]); isFiller(pre) && hasAny(pre, "增长", "下降", "同比", "比上年", "增速", "增幅", "分别", "可比") {
				g := *carry
				g.start, g.end, g.before = start, start, ""
				out = readGroup(r, g, groupRun(r, g, qs, first), nil)
			}
			break
		}
	}
	if len(ms) == 0 {
		return out, nil
	}
	// group the mentions
	var groups []group
	for i := 0; i < len(ms); {
		g := group{start: ms[i].start, before: clauseBefore(r, start, ms[i].start)}
		j := i
		for {
			g.items = append(g.items, ms[j].concept)
			g.labels = append(g.labels, ms[j].label)
			g.end = ms[j].end
			if j+1 < len(ms) && connectorOnly(r[ms[j].end:ms[j+1].start]) && !quantityIn(qs, ms[j].end, ms[j+1].start) {
				j++
				continue
			}
			break
		}
		if n := ordinalsBefore(r, g.start, start); n > 0 && isSectorList(g) {
			for k := 0; k < n; k++ {
				g.items = append([]*concept{concepts["other"]}, g.items...)
				g.labels = append([]string{"产业增加值"}, g.labels...)
			}
		}
		groups = append(groups, g)
		i = j + 1
	}
	runs := make([][]quantity, len(groups))
	for gi, g := range groups {
		limit := end
		if gi+1 < len(groups) {
			limit = groups[gi+1].start
		}
		runs[gi] = groupRun(r, g, qs, limit)
	}
	for gi, g := range groups {
		out = append(out, readGroup(r, g, runs[gi], borrow(r, groups, runs, gi))...)
	}
	last := groups[len(groups)-1]
	return out, &last
}

// borrow finds the items that a list of rates after group gi refers back
// to: in "财政总收入30.9亿元,其中地方财政收入17.3亿元,分别增长13.3%、8.6%"
// the two rates are for the two revenues, each named with its amount.
func borrow(r []rune, groups []group, runs [][]quantity, gi int) []item {
	run := runs[gi]
	pct := 0
	first := -1
	for i, q := range run {
		if q.unit == "%" {
			pct++
			if first < 0 {
				first = i
			}
		}
	}
	own := len(expand(groups[gi]))
	if pct <= own || first < 0 || !strings.Contains(string(r[groups[gi].end:run[first].start]), "分别") {
		return nil
	}
	var lead []item
	for k := gi - 1; k >= 0 && len(lead)+own < pct; k-- {
		if len(runs[k]) == 0 {
			return nil
		}
		for _, q := range runs[k] {
			if q.unit == "%" || q.unit == "pp" {
				return nil
			}
		}
		lead = append(expand(groups[k]), lead...)
	}
	if len(lead)+own != pct {
		return nil
	}
	return lead
}

// item is one indicator of a group, with the phrase that named it.
type item struct {
	c     *concept
	label string
}

// expand lists a group's items, with pairs (城乡居民收入) as two.
func expand(g group) []item {
	var out []item
	for i, c := range g.items {
		if c.pair != nil {
			for _, k := range c.pair {
				out = append(out, item{concepts[k], g.labels[i]})
			}
			continue
		}
		out = append(out, item{c, g.labels[i]})
	}
	return out
}

func isSectorList(g group) bool {
	last := g.labels[len(g.labels)-1]
	return strings.Contains(last, "三产") || strings.Contains(last, "第三产业") || g.items[0].key == "other"
}

func quantityIn(qs []quantity, a, b int) bool {
	for _, q := range qs {
		if q.start >= a && q.start < b {
			return true
		}
	}
	return false
}

// run is the figures that belong to a group: those after it in its own
// clause, and in following clauses that only add to it ("…163亿元,比上年
// 增长13%").
func groupRun(r []rune, g group, qs []quantity, limit int) []quantity {
	var run []quantity
	from := g.end
	aside := false
	for _, q := range qs {
		if q.start < g.end || q.start >= limit || !relevantUnit(q) || modifies(r, q) {
			continue
		}
		gap := r[from:q.start]
		if len(run) == 0 {
			// the first figure may stand after a few words in the same
			// clause ("城镇调查失业率平均值为5.0%"); in a later clause or
			// list item only after connecting words.
			head, rest := splitFirstClause(gap)
			if len([]rune(head)) > 24 || rest != "" && (!isFiller(rest) || !isFiller(head)) {
				break
			}
			if i := strings.Index(head, "、"); i >= 0 && !isFiller(head[i:]) {
				break
			}
			// "利用外资和对外直接投资38亿美元": a sum with something else
			if hasAny(firstRunes(head, 2), "和", "与", "及") {
				break
			}
		} else if !isFiller(string(gap)) {
			// one aside may stand between a level and its growth:
			// "收入完成32.52亿元,为调整预算的103.6%,同口径增长6.0%"
			if aside || !isClauseBreak(r[from]) || q.unit != "%" || !hasAny(string(gap), "为", "占", "相当于") {
				break
			}
			aside = true
			from = q.end
			continue
		}
		run = append(run, q)
		from = q.end
	}
	return run
}

// modifies reports whether figure q qualifies the noun right after it
// ("500万元以上固定资产投资") rather than stating a value.
func modifies(r []rune, q quantity) bool {
	if q.end >= len(r) || q.unit == "%" {
		return false
	}
	_, _, ok := matchAt(r, q.end, len(r))
	return ok
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// relevantUnit reports whether a figure's unit can belong to an indicator.
func relevantUnit(q quantity) bool {
	switch q.unit {
	case "%", "‰", "pp", "元", "美元", "人", "吨", "斤", "家", "户", "个", "":
		return true
	}
	return false
}

// splitFirstClause splits s at its first clause break.
func splitFirstClause(s []rune) (string, string) {
	for i, c := range s {
		if isClauseBreak(c) {
			return string(s[:i]), string(s[i:])
		}
	}
	return string(s), ""
}

// readGroup ties the figures of a group's run to its items. lead are
// items named before the group that a list of rates also covers (see
// borrow).
func readGroup(r []rune, g group, run []quantity, lead []item) []figure {
	if len(run) == 0 {
		return nil
	}
	items := expand(g)
	var pct, amt []int // indexes into run
	for i, q := range run {
		switch q.unit {
		case "%", "‰", "pp":
			pct = append(pct, i)
		default:
			amt = append(amt, i)
		}
	}
	gapBefore := func(i int) string {
		from := g.end
		if i > 0 {
			from = run[i-1].end
		}
		return string(r[from:run[i].start])
	}
	var out []figure
	assign := func(list []int, items []item) {
		if len(list) == 0 {
			return
		}
		respectively := strings.Contains(string(r[g.end:run[list[0]].start]), "分别")
		switch {
		case len(items) == 1:
			for _, f := range single(r, g, items[0], run, list, gapBefore) {
				if f.indicator == baogao.IndicatorOther {
					f.label, f.start = wholeSubject(r, g.start-len([]rune(g.before)), g.start, g.end, f.vstart)
				}
				out = append(out, f)
			}
		case len(list) == len(items):
			// distributed: "分别增长7.5%、8%"; a bound after the last
			// applies to all when the others have none.
			last := run[list[len(list)-1]]
			shared := last.bound != ""
			for _, i := range list[:len(list)-1] {
				if run[i].bound != "" {
					shared = false
				}
			}
			for k, i := range list {
				q := run[i]
				if shared && q.bound == "" {
					q.bound, q.boundWord = last.bound, last.boundWord
				}
				f := makeFigure(g, items[k], q, gapBefore(i))
				f.end = last.end
				out = append(out, f)
			}
		case len(list) == 1 && !respectively:
			// one figure for the whole list: "社会消费品零售总额、固定资产投资增长4%左右"
			for _, it := range items {
				out = append(out, makeFigure(g, it, run[list[0]], gapBefore(list[0])))
			}
		default:
			// figures that cannot be told apart are kept, but for no
			// indicator: "A、B分别增长5%、6%、7%"
			var names []string
			for _, it := range items {
				names = append(names, it.label)
			}
			other := item{concepts["other"], strings.Join(names, "、")}
			for _, i := range list {
				out = append(out, makeFigure(g, other, run[i], gapBefore(i)))
			}
		}
	}
	assign(pct, append(append([]item(nil), lead...), items...))
	assign(amt, items)
	// a bare number states nothing (see makeFigure)
	kept := out[:0]
	for _, f := range out {
		if f.indicator != "" {
			kept = append(kept, f)
		}
	}
	out = kept
	// "实现地区生产总值8000亿元,年均增长7.5%": a figure beside an average
	// over years belongs to the period, not to one year.
	for _, f := range out {
		if f.periodic {
			for i := range out {
				out[i].withAverage = true
			}
			break
		}
	}
	return out
}

// single ties the figures of a one-indicator group: the first of each
// kind counts; a later growth rate after 力争/争取 is its stretch; of two
// levels "从A提高到B" the second counts; a value after a bound ("突破2万亿元、
// 达到23562亿元") replaces it.
func single(r []rune, g group, it item, run []quantity, list []int, gapBefore func(int) string) []figure {
	var out []figure
	for n, i := range list {
		gap := gapBefore(i)
		f := makeFigure(g, it, run[i], gap)
		var prev *figure
		for k := range out {
			if out[k].indicator == f.indicator {
				prev = &out[k]
			}
		}
		if prev == nil || f.indicator == baogao.IndicatorOther {
			out = append(out, f)
			continue
		}
		switch {
		case hasAny(gap, "今年", "去年", "预计"):
			// another year's figure: "在去年…增长6.2%的基础上,今年预期增长6.5%"
			out = append(out, f)
		case strings.Trim(gap, "、和") == "":
			// a series of milestones: "连续跨越7万亿、8万亿、9万亿三个大台阶"
		case hasAny(gap, "力争", "争取", "努力"):
			if prev.stretch == nil {
				v := f.value
				prev.stretch = &v
				prev.words = appendWord(prev.words, firstOf(gap, "力争", "争取", "努力"))
			}
		case (prev.qual == baogao.QualAtLeast || prev.qual == baogao.QualAtMost) && f.qual != prev.qual && f.qual != baogao.QualRange:
			*prev = f
		case n >= 1 && hasAny(gap, "到", "至", "达到") && hasAny(string(r[g.end:run[list[0]].start]), "从", "由"):
			*prev = f
		}
	}
	return out
}

func hasAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasSuffixAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func firstOf(s string, words ...string) string {
	best, at := "", -1
	for _, w := range words {
		if i := strings.Index(s, w); i >= 0 && (at < 0 || i < at) {
			best, at = w, i
		}
	}
	return best
}

func appendWord(ws []string, w string) []string {
	if w == "" {
		return ws
	}
	for _, x := range ws {
		if x == w {
			return ws
		}
	}
	return append(ws, w)
}

// declineWords turn a growth rate negative.
var declineWords = []string{"下降", "降低", "减少", "回落", "下滑", "微降", "负增长", "降幅", "缩小", "收窄", "降至"}

// riseWords name a rise; the last verb before a figure sets its sign.
var riseWords = []string{"增长", "提高", "上涨", "增加", "上升", "涨幅", "增速", "增幅", "提升", "扩大", "微增"}

// signOf returns -1 when the last verb in gap is a decline.
func signOf(gap string) float64 {
	lastDecl, lastRise := -1, -1
	for _, w := range declineWords {
		if i := strings.LastIndex(gap, w); i > lastDecl {
			lastDecl = i
		}
	}
	for _, w := range riseWords {
		if i := strings.LastIndex(gap, w); i > lastRise {
			lastRise = i
		}
	}
	if lastDecl >= 0 && lastDecl >= lastRise {
		return -1
	}
	return 1
}

// prefixBounds are words before a figure that bound it.
var prefixBounds = []struct {
	word string
	q    baogao.Qualifier
}{
	{"不低于", baogao.QualAtLeast}, {"不少于", baogao.QualAtLeast}, {"超过", baogao.QualAtLeast}, {"突破", baogao.QualAtLeast},
	{"高于", baogao.QualAtLeast}, {"大于", baogao.QualAtLeast}, {"多于", baogao.QualAtLeast}, {"超", baogao.QualAtLeast},
	{"逾", baogao.QualAtLeast}, {"跨上", baogao.QualAtLeast}, {"迈上", baogao.QualAtLeast}, {"跃上", baogao.QualAtLeast},
	{"站上", baogao.QualAtLeast}, {"跨越", baogao.QualAtLeast}, {"连跨", baogao.QualAtLeast}, {"跨过", baogao.QualAtLeast},
	{"近", baogao.QualAtMost}, // "近1000亿元": nearly, so not the value
	{"不超过", baogao.QualAtMost}, {"不高于", baogao.QualAtMost}, {"低于", baogao.QualAtMost}, {"少于", baogao.QualAtMost},
	{"控制在", baogao.QualAtMost},
	{"大约", baogao.QualAbout}, {"约", baogao.QualAbout}, // "增长约6.5%"
}

// notAbout end in 约 without meaning "about": "节约3%".
var notAbout = []string{"节约", "制约", "签约", "合约", "公约", "预约", "履约"}

func init() {
	sort.SliceStable(prefixBounds, func(i, j int) bool {
		return utf8.RuneCountInString(prefixBounds[i].word) > utf8.RuneCountInString(prefixBounds[j].word)
	})
}

// forceWords are the words kept in Target.Words.
var forceWords = []string{"力争", "争取", "确保", "控制在", "不低于", "不少于", "不超过", "不高于", "超过", "突破", "低于", "高于", "努力", "预期", "目标"}

// periodWords mark a figure that is not of one whole year: an average or
// a sum over years, a quarter or a month.
var periodWords = []string{"年均", "累计", "季度", "上半年", "月份", "月末", "前三季", "平均每年", "五年", "翻番", "翻一番", "最高", "历年", "今年以来"}

// clauseBefore returns the text of the clause before compact offset i,
// not before lo.
func clauseBefore(r []rune, lo, i int) string {
	a := i
	for a > lo && !isClauseBreak(r[a-1]) {
		a--
	}
	return string(r[a:i])
}

// deltaWords before an amount make it a change, not a level:
// "一般公共预算收入增加近1000亿元", "粮食增产169.8亿斤".
var deltaWords = []string{"增加", "增长", "净增", "增产", "减少", "提高", "增收", "增量", "减产", "多"}

func isDelta(head string) bool {
	for _, w := range deltaWords {
		if i := strings.LastIndex(head, w); i >= 0 {
			rest := head[i+len(w):]
			if !hasAny(rest, "到", "至", "为") {
				return true
			}
		}
	}
	return false
}

// makeFigure ties quantity q to item it; gap is the text before q since
// the mention or the figure before.
func makeFigure(g group, it item, q quantity, gap string) figure {
	c := it.c
	f := figure{label: it.label, start: g.start, end: q.end, vstart: q.start, prefix: gap, qual: baogao.QualExact}
	head := gap
	if i := strings.LastIndexAny(head, ",;:"); i >= 0 {
		head = head[i+1:]
	}
	if hasAny(gap, periodWords...) || hasAny(g.before, periodWords...) {
		f.periodic = true
	}
	value := q.value
	switch q.unit {
	case "pp":
		f.indicator, f.unit = baogao.IndicatorOther, "个百分点"
		value *= signOf(gap)
		f.value = value
		return f
	case "%", "‰":
		share := q.unit == "‰" || hasAny(gap, "比重", "占比", "比例", "比率", "占全", "占地区", "占GDP", "贡献率", "率达", "覆盖率", "名义") && c.key != "rd" ||
			c.rate == "" && hasAny(head, "降至", "降低至", "下降至", "降低到", "下降到", "提高至", "提高到", "提升至", "提升到")
		sign := signOf(gap)
		switch {
		case share:
			f.indicator = baogao.IndicatorOther
		case c.rate != "":
			f.indicator = c.rate
			if c.signed {
				value *= sign
			}
		case c.growth != "":
			f.indicator = c.growth
			value *= sign
		default:
			f.indicator = baogao.IndicatorOther
			value *= sign
		}
		f.unit = q.unit
		f.value = round(value)
		if q.isRange {
			h := round(q.high * sign)
			if sign < 0 {
				f.value, h = h, f.value
			}
			f.high = &h
		}
	default:
		if c.level != "" && !isDelta(head) {
			v, ok := canonical(value, q.unit, c.unit)
			if !ok && q.unit == "" && c.unit == "人" {
				v, ok = round(value), true
			}
			if ok {
				f.indicator, f.unit, f.value = c.level, c.unit, v
				if q.isRange {
					h, _ := canonical(q.high, q.unit, c.unit)
					f.high = &h
				}
				break
			}
		}
		if q.unit == "" {
			// a bare number (a version, a rank) states no amount: no
			// indicator at all, and readGroup drops it
			f.indicator = ""
			return f
		}
		var scale float64
		f.indicator = baogao.IndicatorOther
		f.value, f.unit, scale = otherAmount(q)
		if q.isRange {
			h := round(q.high / scale)
			f.high = &h
		}
	}
	// qualifier: the words after the figure first, then those before it
	switch {
	case q.isRange && f.high != nil:
		f.qual = baogao.QualRange
	case q.bound != "":
		f.qual = q.bound
		f.words = appendWord(f.words, q.boundWord)
	default:
		for _, b := range prefixBounds { // longest first: 不超过 before 超过
			bare := strings.TrimSuffix(strings.TrimSuffix(head, "达到"), "为")
			if b.word == "约" && hasSuffixAny(bare, notAbout...) {
				continue
			}
			if strings.HasSuffix(bare, b.word) || strings.Contains(head, b.word) && b.word == "控制在" {
				f.qual = b.q
				break
			}
		}
	}
	if f.value < 0 {
		// a bound applies to the signed value: 下降3%以上 is at most −3
		switch f.qual {
		case baogao.QualAtLeast:
			f.qual = baogao.QualAtMost
		case baogao.QualAtMost:
			f.qual = baogao.QualAtLeast
		}
	}
	for _, w := range forceWords {
		if strings.Contains(head, w) {
			f.words = appendWord(f.words, w)
		}
	}
	return f
}

// otherAmount states a figure that fits no indicator in a readable unit:
// money in 亿元 or 元, people in 人.
func otherAmount(q quantity) (float64, string, float64) {
	switch q.unit {
	case "元", "美元":
		if q.value >= 1e6 {
			return round(q.value / 1e8), "亿" + q.unit, 1e8
		}
	case "":
		return round(q.value), "", 1
	}
	return round(q.value), q.unit, 1
}

// An item outside the vocabulary is labelled with its whole subject, not a
// clipped noun that names another indicator: "万元生产总值用水量" (not
// "万元生产总值"), "民间投资占比", "服务业增加值占地区生产总值比重".

// subjectEnds end a subject: the verb or copula before its figure.
var subjectEnds = sortByLength([]string{"达到", "达", "为", "是", "增长", "下降", "降低", "降至", "减少", "提高", "提升", "上升", "增加", "稳定在",
	"保持在", "保持", "控制在", "超过", "突破", "实现", "完成", "分别", "约", "年均", "累计", "不低于", "不超过", "高于", "低于", "同比",
	"比上年", "较上年", "比去年", "由", "从", "缩小", "扩大", "跃升", "回落", "按可比", "按不变", "同口径", "可比口径", "逆势", "逆市"})

// subjectStarts end a subject on its left: a scope, a verb or a time
// ("全市", "力争", "今年").
var subjectStarts = sortByLength([]string{"全市", "全县", "全省", "全区", "全州", "全旗", "全镇", "全乡", "其中", "今年", "去年", "全年", "年",
	"推动", "力争", "确保", "实现", "使", "推进", "促进", "争取", "预计", "努力", "保持", "的", "和", "及", "与", "是", "为", "将", "要"})

// maxSubject is the longest a subject may grow to the left of its mention,
// in runes.
const maxSubject = 12

// wholeSubject returns the subject of a figure at vstart whose mention is
// r[ms:me], and the compact offset where it starts: the mention with the
// nouns around it, from lo (the clause's start) on.
func wholeSubject(r []rune, lo, ms, me, vstart int) (string, int) {
	end := me
	for end < vstart && !isClauseBreak(r[end]) && !isDigit(r[end]) {
		stop := false
		for _, w := range subjectEnds {
			if hasPrefixAt(r[:vstart], end, w) {
				stop = true
				break
			}
		}
		if stop {
			break
		}
		end++
	}
	start := ms
	for start > lo && start > ms-maxSubject && !isClauseBreak(r[start-1]) && !isDigit(r[start-1]) {
		stop := false
		for _, w := range subjectStarts {
			if n := len([]rune(w)); start-n >= lo && string(r[start-n:start]) == w {
				stop = true
				break
			}
		}
		if stop {
			break
		}
		start--
	}
	return string(r[start:end]), start
}
