package demo

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

// generate returns the documents of opts over the embedded gazetteer.
func generate(t testing.TB, opts Options) []*Doc {
	t.Helper()
	g := place.Default()
	var docs []*Doc
	if err := Generate(opts, g, g.All(), func(d *Doc) error {
		docs = append(docs, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return docs
}

// hashDocs hashes everything generated: texts, metadata and Truth.
func hashDocs(t testing.TB, docs []*Doc) string {
	h := sha256.New()
	for _, d := range docs {
		b, err := json.Marshal(struct {
			Meta    baogao.Meta
			Outline []baogao.Heading
			Truth   baogao.Extraction
		}{d.Document.Meta, d.Document.Outline, d.Truth})
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
		h.Write([]byte(d.Text))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	opts := Options{Docs: 200, YearFrom: 2018, YearTo: 2024, Seed: 42}
	a := hashDocs(t, generate(t, opts))
	b := hashDocs(t, generate(t, opts))
	if a != b {
		t.Fatalf("same options, different archives: %s vs %s", a, b)
	}
	opts.Seed = 43
	if c := hashDocs(t, generate(t, opts)); c == a {
		t.Fatal("another seed gave the same archive")
	}
}

// A smaller archive is the start of a larger one with the same seed, and a
// document does not depend on what else is generated.
func TestPrefix(t *testing.T) {
	small := generate(t, Options{Docs: 50, Seed: 7})
	large := generate(t, Options{Docs: 400, Seed: 7})
	for i, d := range small {
		if d.Text != large[i].Text {
			t.Fatalf("document %d differs between 50 and 400 documents", i)
		}
	}
}

func TestCounts(t *testing.T) {
	for _, n := range []int{0, 1, 10, 333, 3000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			docs := generate(t, Options{Docs: n, Seed: 1})
			if len(docs) != n {
				t.Fatalf("got %d documents, want %d", len(docs), n)
			}
			seen := map[string]bool{}
			for _, d := range docs {
				m := d.Document.Meta
				key := fmt.Sprint(m.PlaceCode, m.Kind, m.Year)
				if seen[key] {
					t.Fatalf("two documents for %s", key)
				}
				seen[key] = true
			}
		})
	}
}

// Near capacity the second pass fills every slot of a small gazetteer.
func TestCapacity(t *testing.T) {
	g := place.Default()
	var places []baogao.Place
	for _, p := range g.All() {
		if strings.HasPrefix(p.Code, "3708") || p.Code == "370000" {
			places = append(places, p)
		}
	}
	years := 3
	max := len(places) * years * 4
	n := 0
	err := Generate(Options{Docs: max, YearFrom: 2021, YearTo: 2023, Seed: 3}, g, places, func(*Doc) error {
		n++
		return nil
	})
	if err != nil || n != max {
		t.Fatalf("got %d documents and %v, want %d", n, err, max)
	}
	err = Generate(Options{Docs: max + 1, YearFrom: 2021, YearTo: 2023}, g, places, func(*Doc) error { return nil })
	if baogao.ErrorCode(err) != baogao.EINVALID {
		t.Fatalf("over capacity: got %v, want EINVALID", err)
	}
}

func TestInvalidOptions(t *testing.T) {
	g := place.Default()
	for name, opts := range map[string]Options{
		"negative":   {Docs: -1},
		"inverted":   {Docs: 1, YearFrom: 2024, YearTo: 2020},
		"too early":  {Docs: 1, YearFrom: 1990, YearTo: 2000},
		"too late":   {Docs: 1, YearFrom: 2030, YearTo: 2040},
		"over limit": {Docs: 10_000_000},
	} {
		err := Generate(opts, g, g.All(), func(*Doc) error { return nil })
		if baogao.ErrorCode(err) != baogao.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
	if err := Generate(Options{Docs: 1}, g, nil, func(*Doc) error { return nil }); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("no places: got %v, want EINVALID", err)
	}
	if err := Generate(Options{Docs: 1}, nil, g.All(), func(*Doc) error { return nil }); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("no gazetteer: got %v, want EINVALID", err)
	}
}

func TestFnErrorStops(t *testing.T) {
	g := place.Default()
	stop := errors.New("stop")
	calls := 0
	err := Generate(Options{Docs: 100, Seed: 1}, g, g.All(), func(*Doc) error {
		calls++
		if calls == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 5 {
		t.Fatalf("got %v after %d calls, want stop after 5", err, calls)
	}
}

// An archive of a few hundred documents, shared by the tests that inspect
// documents.
var sample = func() func(t *testing.T) []*Doc {
	var docs []*Doc
	return func(t *testing.T) []*Doc {
		if docs == nil {
			docs = generate(t, Options{Docs: 1500, YearFrom: 2016, YearTo: 2024, Seed: 11})
		}
		return docs
	}
}()

func TestMarkedAsDemo(t *testing.T) {
	for _, d := range sample(t) {
		if !strings.HasSuffix(d.Document.Meta.Title, TitleSuffix) {
			t.Fatalf("title %q is not marked", d.Document.Meta.Title)
		}
		first, _, _ := strings.Cut(d.Document.Body, "\n")
		if first != Notice || !strings.Contains(first, Mark) {
			t.Fatalf("first line %q is not the notice", first)
		}
		if !strings.HasPrefix(d.Text, d.Document.Meta.Title+"\n\n") || !strings.HasSuffix(d.Text, d.Document.Body) ||
			len(d.Text) != len(d.Document.Meta.Title)+2+len(d.Document.Body) {
			t.Fatalf("%s: Text is not title, blank line, body", d.Document.Meta.Title)
		}
	}
}

// Bodies are paragraphs separated by single newlines, as the recogniser
// writes clean text: no blank or padded lines.
func TestBodyLines(t *testing.T) {
	for _, d := range sample(t) {
		for i, l := range strings.Split(strings.TrimSuffix(d.Document.Body, "\n"), "\n") {
			if l == "" || strings.TrimSpace(l) != l {
				t.Fatalf("%s: line %d is %q", d.Document.Meta.Title, i+1, l)
			}
		}
	}
}

func TestMeta(t *testing.T) {
	g := place.Default()
	for _, d := range sample(t) {
		m := d.Document.Meta
		p, err := g.Place(m.PlaceCode)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case m.Place != g.FullName(m.PlaceCode):
			t.Errorf("%s: place %q, want %q", m.Title, m.Place, g.FullName(m.PlaceCode))
		case m.Level != p.Level || m.Region != p.Region || !m.Region.Valid() || m.Region == baogao.RegionOther:
			t.Errorf("%s: level %s region %s, place is %s %s", m.Title, m.Level, m.Region, p.Level, p.Region)
		case m.Script != "simplified" || m.Issuer == "" || !m.Kind.Valid():
			t.Errorf("%s: script %q issuer %q kind %q", m.Title, m.Script, m.Issuer, m.Kind)
		case m.Year < 2016 || m.Year > 2024:
			t.Errorf("%s: year %d out of range", m.Title, m.Year)
		}
		if len(m.Date) != 10 || m.Date[4] != '-' {
			t.Errorf("%s: date %q", m.Title, m.Date)
		}
		dy, _ := strconv.Atoi(m.Date[:4])
		if dy < m.Year-1 || dy > m.Year+1 {
			t.Errorf("%s: date %s far from year %d", m.Title, m.Date, m.Year)
		}
		if m.Kind == baogao.KindWorkReport && (m.Session == "" || m.Speaker == "" || !strings.Contains(m.Session, "人民代表大会")) {
			t.Errorf("%s: session %q speaker %q", m.Title, m.Session, m.Speaker)
		}
	}
}

// Titles name the place and the year (a five-year plan its period).
func TestTitles(t *testing.T) {
	forms := map[string]bool{}
	for _, d := range sample(t) {
		m := d.Document.Meta
		title := m.Title
		p, _ := place.Default().Place(m.PlaceCode)
		if !strings.Contains(title, p.Name) {
			t.Errorf("title %q does not name %s", title, p.Name)
		}
		year := strconv.Itoa(m.Year)
		if !strings.Contains(title, year) && !strings.Contains(title, "个五年规划") && !strings.Contains(title, "五”规划") {
			t.Errorf("title %q does not carry the year %s", title, year)
		}
		// The form of the title, with the place and years taken out.
		f := strings.ReplaceAll(title, p.Name, "P")
		for _, y := range []int{m.Year - 1, m.Year, m.Year + 4} {
			f = strings.ReplaceAll(f, strconv.Itoa(y), "Y")
		}
		if i := strings.Index(f, "Y年"); i >= 0 && strings.Contains(f, "月") {
			f = f[:i] + "date"
		}
		forms[string(m.Kind)+" "+f] = true
	}
	if len(forms) < 15 {
		t.Errorf("only %d forms of titles: %v", len(forms), forms)
	}
}

func TestKindsYearsLevels(t *testing.T) {
	kinds := map[baogao.Kind]int{}
	levels := map[baogao.Level]int{}
	years := map[int]int{}
	for _, d := range sample(t) {
		kinds[d.Document.Meta.Kind]++
		levels[d.Document.Meta.Level]++
		years[d.Document.Meta.Year]++
	}
	n := len(sample(t))
	if kinds[baogao.KindWorkReport] < n/3 || kinds[baogao.KindStatsBulletin] < n/5 ||
		kinds[baogao.KindPlan] < n/30 || kinds[baogao.KindOther] < n/50 {
		t.Errorf("kinds not mixed: %v", kinds)
	}
	if levels[baogao.LevelCounty] < n/2 || levels[baogao.LevelPrefecture] < n/20 || levels[baogao.LevelProvince] == 0 {
		t.Errorf("levels not weighted to counties: %v", levels)
	}
	for y := 2016; y <= 2024; y++ {
		if years[y] == 0 {
			t.Errorf("no document of %d: %v", y, years)
		}
	}
}

func TestLengths(t *testing.T) {
	var reports, bulletins []int
	for _, d := range sample(t) {
		n := utf8.RuneCountInString(d.Document.Body)
		switch d.Document.Meta.Kind {
		case baogao.KindWorkReport:
			reports = append(reports, n)
		case baogao.KindStatsBulletin:
			bulletins = append(bulletins, n)
		}
	}
	check := func(name string, ns []int, lo, hi int) {
		sort.Ints(ns)
		p5, p95 := ns[len(ns)*5/100], ns[len(ns)*95/100]
		t.Logf("%s: %d documents, min %d, 5%% %d, median %d, 95%% %d, max %d characters",
			name, len(ns), ns[0], p5, ns[len(ns)/2], p95, ns[len(ns)-1])
		if p5 < lo || p95 > hi {
			t.Errorf("%s: 5%%–95%% of lengths %d–%d, want within %d–%d", name, p5, p95, lo, hi)
		}
	}
	check("reports", reports, 8000, 25000)
	check("bulletins", bulletins, 3000, 8000)
}

// The text at each span of Truth is its Text, and each record is sound.
func TestTruthSpans(t *testing.T) {
	for _, d := range sample(t) {
		body := []rune(d.Document.Body)
		at := func(s baogao.Span, text, what string) {
			if s[0] < 0 || s[1] > len(body) || s[0] >= s[1] {
				t.Fatalf("%s: %s span %v out of body of %d runes", d.Document.Meta.Title, what, s, len(body))
			}
			if got := string(body[s[0]:s[1]]); got != text || text == "" {
				t.Fatalf("%s: %s span %v holds %q, Text is %q", d.Document.Meta.Title, what, s, got, text)
			}
		}
		y := d.Document.Meta.Year
		for _, x := range d.Truth.Targets {
			at(x.Span, x.Text, "target")
			if x.Year == nil || *x.Year != y || !strings.Contains(x.Text, x.Label) || x.Words == nil {
				t.Fatalf("%s: target %+v", d.Document.Meta.Title, x)
			}
			for _, w := range x.Words {
				if !strings.Contains(x.Text, w) {
					t.Fatalf("%s: word %q not in %q", d.Document.Meta.Title, w, x.Text)
				}
			}
			if (x.Qualifier == baogao.QualRange) != (x.ValueHigh != nil) {
				t.Fatalf("%s: range target %+v", d.Document.Meta.Title, x)
			}
		}
		for _, x := range d.Truth.Outcomes {
			at(x.Span, x.Text, "outcome")
			if x.Year == nil || *x.Year > y || *x.Year < y-1 || !strings.Contains(x.Text, x.Label) {
				t.Fatalf("%s: outcome %+v", d.Document.Meta.Title, x)
			}
		}
		for _, x := range d.Truth.Goals {
			at(x.Span, x.Text, "goal")
			if !strings.Contains(x.Text, x.Subject) || x.Value <= 0 {
				t.Fatalf("%s: goal %+v", d.Document.Meta.Title, x)
			}
		}
		for _, x := range d.Truth.Projects {
			at(x.Span, x.Text, "project")
			if !strings.Contains(x.Text, x.Name) || (x.Investment == nil) != (x.Unit == "") {
				t.Fatalf("%s: project %+v", d.Document.Meta.Title, x)
			}
		}
		for _, h := range d.Document.Outline {
			if h.Offset < 0 || h.Offset+utf8.RuneCountInString(h.Title) > len(body) ||
				string(body[h.Offset:h.Offset+utf8.RuneCountInString(h.Title)]) != h.Title {
				t.Fatalf("%s: heading %+v not at its offset", d.Document.Meta.Title, h)
			}
		}
	}
}

// Each number of Truth is written in the text as Truth says: the value
// appears in the clause.
func TestTruthValuesInText(t *testing.T) {
	for _, d := range sample(t) {
		for _, x := range d.Truth.Targets {
			if x.Unit == "%" && !strings.Contains(x.Text, strconv.FormatFloat(math.Abs(x.Value), 'f', -1, 64)) {
				t.Fatalf("%s: target value %v not in %q", d.Document.Meta.Title, x.Value, x.Text)
			}
		}
		for _, x := range d.Truth.Outcomes {
			if x.Unit == "%" && !strings.Contains(x.Text, strconv.FormatFloat(math.Abs(x.Value), 'f', -1, 64)) {
				t.Fatalf("%s: outcome value %v not in %q", d.Document.Meta.Title, x.Value, x.Text)
			}
		}
	}
}

// plausible are the ranges values of each indicator stay in.
var plausible = map[string][2]float64{
	"gdp_growth": {-12, 20}, "gdp": {5, 200000}, "industry_va_growth": {-20, 30},
	"services_va_growth": {-15, 25}, "fai_growth": {-30, 40}, "retail_growth": {-25, 30},
	"budget_revenue_growth": {-35, 40}, "budget_revenue": {0.1, 25000}, "trade_growth": {-60, 80},
	"export_growth": {-60, 80}, "fdi": {0.001, 800}, "income_growth": {-3, 15},
	"urban_income_growth": {-3, 15}, "rural_income_growth": {-3, 16}, "cpi": {-3, 7},
	"urban_jobs": {300, 2_500_000}, "unemployment_rate": {3, 7}, "registered_unemployment_rate": {1, 6},
	"grain_output": {0.01, 10000}, "energy_intensity_growth": {-12, 10}, "rd_intensity": {0.1, 8},
	"urbanization_rate": {15, 100}, "new_above_scale_firms": {1, 20000},
}

func TestValuesPlausible(t *testing.T) {
	codes := map[string]int{}
	for _, d := range sample(t) {
		check := func(code, unit string, v float64, text string) {
			r, ok := plausible[code]
			if !ok {
				t.Fatalf("unknown indicator %q", code)
			}
			ind, _ := baogao.IndicatorByCode(code)
			if unit != ind.Unit {
				t.Fatalf("%s: unit %q, want %q", code, unit, ind.Unit)
			}
			if v < r[0] || v > r[1] {
				t.Errorf("%s (%s): %s = %v out of %v in %q", d.Document.Meta.Title, d.Document.Meta.Level, code, v, r, text)
			}
			codes[code]++
		}
		for _, x := range d.Truth.Targets {
			check(x.Indicator, x.Unit, x.Value, x.Text)
		}
		for _, x := range d.Truth.Outcomes {
			if x.Bound == "" {
				check(x.Indicator, x.Unit, x.Value, x.Text)
			}
		}
	}
	for _, ind := range baogao.Indicators {
		if codes[ind.Code] == 0 {
			t.Errorf("indicator %s never written", ind.Code)
		}
	}
}

// The model: provinces are larger than their prefectures, prefectures than
// their counties; targets are met about seven times in ten; amounts grow.
func TestModel(t *testing.T) {
	g := place.Default()
	gen, err := newGenerator(Options{Docs: 1, YearFrom: 2018, YearTo: 2024, Seed: 5}, g, g.All())
	if err != nil {
		t.Fatal(err)
	}
	met, total := 0, 0
	bigger := 0
	pairs := 0
	for i := range gen.places {
		if i%7 != 0 {
			continue
		}
		p := &gen.places[i]
		m := gen.model(p)
		if p.Parent != "" {
			pairs++
			if gen.size(p.Parent) > m.size {
				bigger++
			}
		}
		for y := 2018; y <= 2024; y++ {
			d := m.at(y)
			if d.actual[iGDP] <= m.at(y - 1).actual[iGDP]*0.9 {
				t.Errorf("%s: GDP falls from %v to %v in %d", p.Name, m.at(y - 1).actual[iGDP], d.actual[iGDP], y)
			}
			for _, ind := range []int{iGDPGrowth, iIndustry, iFAI, iRetail, iBudgetGrowth, iUrbanIncome, iRuralIncome, iCPI, iJobs} {
				tg := d.target[ind]
				lower := ind == iCPI
				ok := d.actual[ind] >= tg.value
				if lower {
					ok = d.actual[ind] <= tg.value
				}
				if ok {
					met++
				}
				total++
			}
		}
	}
	share := float64(met) / float64(total)
	t.Logf("targets met: %.2f of %d; parents larger than children: %d of %d", share, total, bigger, pairs)
	if share < 0.55 || share > 0.85 {
		t.Errorf("targets met %.2f of the time, want about 0.7", share)
	}
	if float64(bigger) < 0.97*float64(pairs) {
		t.Errorf("only %d of %d parents are larger than their children", bigger, pairs)
	}
	median := func(l baogao.Level) float64 {
		var xs []float64
		for i := range gen.places {
			if p := &gen.places[i]; p.Level == l && i%5 == 0 {
				xs = append(xs, gen.size(p.Code))
			}
		}
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	c, pr, pv := median(baogao.LevelCounty), median(baogao.LevelPrefecture), median(baogao.LevelProvince)
	t.Logf("median GDP 2020: county %.0f, prefecture %.0f, province %.0f 亿元", c, pr, pv)
	if !(c < pr && pr < pv) || c < 50 || c > 800 {
		t.Errorf("median sizes county %v prefecture %v province %v", c, pr, pv)
	}
}

// The same place-year tells the same story in its report, its bulletin and
// the next year's report: targets agree, outcomes agree within revisions.
func TestConsistentAcrossDocuments(t *testing.T) {
	docs := generate(t, Options{Docs: 600, YearFrom: 2019, YearTo: 2023, Seed: 9})
	type key struct {
		place, ind string
		year       int
	}
	targets := map[key][]float64{}
	outcomes := map[key][]float64{}
	for _, d := range docs {
		for _, x := range d.Truth.Targets {
			k := key{d.Document.Meta.PlaceCode, x.Indicator, *x.Year}
			targets[k] = append(targets[k], x.Value)
		}
		for _, x := range d.Truth.Outcomes {
			if x.Bound == "" && x.Unit == "%" {
				k := key{d.Document.Meta.PlaceCode, x.Indicator, *x.Year}
				outcomes[k] = append(outcomes[k], x.Value)
			}
		}
	}
	shared := 0
	for k, vs := range targets {
		if k.ind == "budget_revenue" {
			continue // a budget report states its own amount
		}
		for _, v := range vs[1:] {
			shared++
			if v != vs[0] {
				t.Errorf("%v: targets %v disagree", k, vs)
			}
		}
	}
	for k, vs := range outcomes {
		for _, v := range vs[1:] {
			shared++
			if math.Abs(v-vs[0]) > 0.45 {
				t.Errorf("%v: outcomes %v disagree", k, vs)
			}
		}
	}
	if shared < 100 {
		t.Errorf("only %d figures stated twice", shared)
	}
}

// Terms users search for appear at different frequencies: some in most
// reports, some in few.
func TestVocabularyFrequencies(t *testing.T) {
	count := map[string]int{}
	terms := []string{"乡村振兴", "营商环境", "高质量发展", "县域经济高质量发展", "专精特新", "冷链物流",
		"新能源汽车", "5G", "GDP", "低空经济"}
	reports := 0
	for _, d := range sample(t) {
		if d.Document.Meta.Kind != baogao.KindWorkReport {
			continue
		}
		reports++
		for _, term := range terms {
			if strings.Contains(d.Text, term) {
				count[term]++
			}
		}
	}
	share := func(term string) float64 { return float64(count[term]) / float64(reports) }
	for _, term := range terms {
		t.Logf("%s: in %.0f%% of reports", term, 100*share(term))
	}
	if share("乡村振兴") < 0.5 || share("高质量发展") < 0.7 || share("营商环境") < 0.5 {
		t.Errorf("common terms too rare")
	}
	for _, term := range []string{"专精特新", "5G", "县域经济高质量发展"} {
		if s := share(term); s < 0.05 || s > 0.8 {
			t.Errorf("%s in %.2f of reports, want many but not all", term, s)
		}
	}
	for _, term := range []string{"冷链物流", "新能源汽车", "GDP"} {
		if s := share(term); s == 0 || s > 0.4 {
			t.Errorf("%s in %.2f of reports, want some but few", term, s)
		}
	}
}

// Documents differ enough not to be taken for near-duplicates of each other.
func TestDistinct(t *testing.T) {
	docs := sample(t)
	shingles := func(s string) map[string]bool {
		r := []rune(s)
		out := map[string]bool{}
		for i := 0; i+6 <= len(r); i += 3 {
			out[string(r[i:i+6])] = true
		}
		return out
	}
	worst := 0.0
	for i := 0; i+1 < len(docs) && i < 400; i += 2 {
		a, b := docs[i], docs[i+1]
		if a.Document.Meta.Kind != b.Document.Meta.Kind {
			continue
		}
		sa, sb := shingles(a.Document.Body), shingles(b.Document.Body)
		inter := 0
		for s := range sa {
			if sb[s] {
				inter++
			}
		}
		j := float64(inter) / float64(len(sa)+len(sb)-inter)
		worst = math.Max(worst, j)
	}
	t.Logf("largest Jaccard similarity of neighbouring documents: %.2f", worst)
	if worst > 0.5 {
		t.Errorf("documents too alike: Jaccard %.2f", worst)
	}
}

// Templates that write numbers never name an indicator, a goal or a
// project amount: such numbers must be written by code that records them.
func TestFillerHasNoIndicators(t *testing.T) {
	banned := []string{"生产总值", "GDP", "工业增加值", "服务业增加值", "第三产业增加值", "三产增加值",
		"固定资产投资", "社会消费品零售总额", "一般公共预算收入", "财政收入", "进出口", "出口",
		"实际利用外资", "实际使用外资", "可支配收入", "纯收入", "居民消费价格", "新增就业", "城镇新增", "新增城镇", "失业率",
		"粮食", "能耗", "研发经费", "R&D", "城镇化率", "四上", "规上企业", "规上工业", "新增规模以上",
		"新入库", "入统", "产值达到", "产值突破", "产值超过", "交易额", "营业收入达到", "总投资", "公共财政"}
	tab := loadTables()
	var all []tmpl
	for _, l := range tab.lists {
		all = append(all, l...)
	}
	for _, tl := range tab.topics {
		for _, l := range tl {
			all = append(all, l...)
		}
	}
	for _, ts := range sectionNoteTemplates {
		all = append(all, ts...)
	}
	for _, tm := range all {
		if !tm.hasNumber() {
			continue
		}
		for _, b := range banned {
			if strings.Contains(tm.src, b) {
				t.Errorf("template with a number names %q: %s", b, tm.src)
			}
		}
	}
	for _, items := range statItems {
		for _, it := range items {
			for _, b := range banned {
				if strings.Contains(it.name, b) {
					t.Errorf("statistic %q names %q", it.name, b)
				}
			}
		}
	}
}

func TestIndicatorTables(t *testing.T) {
	if len(baogao.Indicators) != nIndicators {
		t.Fatalf("%d indicators in baogao, %d here", len(baogao.Indicators), nIndicators)
	}
	for i, ind := range baogao.Indicators {
		if indicatorCodes[i] != ind.Code || indicatorUnits[i] != ind.Unit {
			t.Errorf("indicator %d: %s %s here, %s %s in baogao", i, indicatorCodes[i], indicatorUnits[i], ind.Code, ind.Unit)
		}
	}
}

// A hand-made gazetteer works as well as the embedded one.
func TestSmallGazetteer(t *testing.T) {
	g := smallGazetteer{}
	for _, n := range []int{1, 10, 40} {
		count := 0
		err := Generate(Options{Docs: n, Seed: 2}, g, g.places(), func(d *Doc) error {
			count++
			if d.Document.Meta.Place != g.FullName(d.Document.Meta.PlaceCode) {
				t.Errorf("place %q", d.Document.Meta.Place)
			}
			return nil
		})
		if err != nil || count != n {
			t.Fatalf("%d documents: got %d, %v", n, count, err)
		}
	}
}

type smallGazetteer struct{}

var smallPlaces = []baogao.Place{
	{Code: "370000", Name: "山东省", Short: "山东", Level: baogao.LevelProvince, Region: baogao.RegionHuadong},
	{Code: "370800", Name: "济宁市", Short: "济宁", Level: baogao.LevelPrefecture, Parent: "370000", Region: baogao.RegionHuadong},
	{Code: "370811", Name: "任城区", Short: "任城", Level: baogao.LevelCounty, Parent: "370800", Region: baogao.RegionHuadong},
	{Code: "370828", Name: "金乡县", Short: "金乡", Level: baogao.LevelCounty, Parent: "370800", Region: baogao.RegionHuadong},
	{Code: "710000", Name: "台湾省", Short: "台湾", Level: baogao.LevelProvince, Region: baogao.RegionOther},
}

func (smallGazetteer) places() []baogao.Place { return smallPlaces }

func (smallGazetteer) All() []baogao.Place { return smallPlaces }

func (smallGazetteer) Place(code string) (baogao.Place, error) {
	for _, p := range smallPlaces {
		if p.Code == code {
			return p, nil
		}
	}
	return baogao.Place{}, baogao.Errorf(baogao.ENOTFOUND, "no place %s", code)
}

func (g smallGazetteer) Path(code string) []baogao.Place {
	p, err := g.Place(code)
	if err != nil {
		return nil
	}
	path := []baogao.Place{p}
	for p.Parent != "" {
		p, _ = g.Place(p.Parent)
		path = append([]baogao.Place{p}, path...)
	}
	return path
}

func (g smallGazetteer) FullName(code string) string {
	var b strings.Builder
	for _, p := range g.Path(code) {
		b.WriteString(p.Name)
	}
	return b.String()
}

func (g smallGazetteer) Lookup(name string) []baogao.Place {
	var out []baogao.Place
	for _, p := range smallPlaces {
		if p.Code == name || p.Name == name || p.Short == name {
			out = append(out, p)
		}
	}
	return out
}

func (smallGazetteer) Children(code string) []baogao.Place {
	var out []baogao.Place
	for _, p := range smallPlaces {
		if p.Parent == code {
			out = append(out, p)
		}
	}
	return out
}

// BenchmarkGenerate measures the generator alone: documents and megabytes
// (of Text) per second.
func BenchmarkGenerate(b *testing.B) {
	g := place.Default()
	places := g.All()
	b.ReportAllocs()
	docs, bytes := 0, 0
	for b.Loop() {
		err := Generate(Options{Docs: 2000, YearFrom: 2015, YearTo: 2024, Seed: int64(docs)}, g, places, func(d *Doc) error {
			docs++
			bytes += len(d.Text)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(docs)/s, "docs/s")
	b.ReportMetric(float64(bytes)/s/1e6, "MB/s")
	b.ReportMetric(0, "ns/op")
}
