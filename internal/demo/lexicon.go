package demo

import (
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/baogao/baogao"
)

// listID names a list of templates or words.
type listID int

const (
	lIndustries listID = iota
	lProducts
	lPolicies
	lParkForms
	lProjectKinds
	lGovHeads
	lGovSents
	lVerbsWorks
	lVerbsSystems
	lVerbsAbilities
	lVerbsFields
	lPastWorks
	lPastSystems
	lPastAbilities
	lPastFields
	lTaskLeads
	lSubHeads
	lReviewIntro
	lReviewYear
	lThanks
	lLessons
	lProblems
	lSituation
	lRequirement
	lTargetIntro
	lTargetSoft
	lTargetOutro
	lClosing
	lOpening
	lBulletinIntro
	lBulletinNotes
	lPlanIntro
	lPlanVision
	lRuleOfLaw
	lBudgetSents
	lHotTerms
	lGenericPast
	lGenericFuture
	lPlanGuides
	numLists
)

// listSources are the constants each list is parsed from, and the Zipf
// exponent it is drawn with (words steeper than templates).
var listSources = [numLists]struct {
	src string
	s   float64
}{
	lIndustries:     {industries, 1},
	lProducts:       {products, 0.9},
	lPolicies:       {policies, 1.1},
	lParkForms:      {parkForms, 0.8},
	lProjectKinds:   {projectKinds, 1},
	lGovHeads:       {governmentHeads, 0.5},
	lGovSents:       {governmentSents, 0.3},
	lVerbsWorks:     {verbsWorks, 0.7},
	lVerbsSystems:   {verbsSystems, 0.7},
	lVerbsAbilities: {verbsAbilities, 0.7},
	lVerbsFields:    {verbsFields, 0.7},
	lPastWorks:      {pastWorks, 0.7},
	lPastSystems:    {pastSystems, 0.7},
	lPastAbilities:  {pastAbilities, 0.7},
	lPastFields:     {pastFields, 0.7},
	lTaskLeads:      {taskLeads, 0.6},
	lSubHeads:       {subHeads, 0.4},
	lReviewIntro:    {reviewIntros, 0.4},
	lReviewYear:     {reviewYears, 0.4},
	lThanks:         {thanks, 0.4},
	lLessons:        {lessons, 0.4},
	lProblems:       {problems, 0.4},
	lSituation:      {situations, 0.4},
	lRequirement:    {requirements, 0.4},
	lTargetIntro:    {targetIntros, 0.5},
	lTargetSoft:     {targetSoft, 0.6},
	lTargetOutro:    {targetOutros, 0.5},
	lClosing:        {closings, 0.4},
	lOpening:        {openings, 0.6},
	lBulletinIntro:  {bulletinIntros, 0.4},
	lBulletinNotes:  {bulletinNotes, 0.4},
	lPlanIntro:      {planIntros, 0.4},
	lPlanVision:     {planVisions, 0.4},
	lRuleOfLaw:      {ruleOfLaw, 0.3},
	lBudgetSents:    {budgetSents, 0.3},
	lHotTerms:       {hotTerms, 1.1},
	lGenericPast:    {genericPast, 0.3},
	lGenericFuture:  {genericFuture, 0.3},
	lPlanGuides:     {planGuides, 0.3},
}

// topicID names a list of a topic.
type topicList int

const (
	tRevHead topicList = iota
	tRevGain
	tTaskHead
	tTaskAim
	tWorks
	tSystems
	tAbilities
	tFields
	tFacts
	tPlans
	numTopicLists
)

func (t topicText) list(l topicList) string {
	return [numTopicLists]string{t.revHead, t.revGain, t.taskHead, t.taskAim, t.works,
		t.systems, t.abilities, t.fields, t.facts, t.plans}[l]
}

// tables are the parsed lists; built once, read-only.
type tables struct {
	count      int // templates numbered
	lists      [numLists][]tmpl
	topics     [][numTopicLists][]tmpl
	morphemes  zipf[string]
	firms      zipf[string]
	surnames   zipf[string]
	givenNames zipf[string]
	townSuf    []string
	roadSuf    []string
}

var loadTables = sync.OnceValue(func() *tables {
	t := &tables{}
	number := func(ts []tmpl) []tmpl {
		for i := range ts {
			ts[i].id = t.count
			t.count++
		}
		return ts
	}
	for i, ls := range listSources {
		t.lists[i] = number(templates(ls.src))
	}
	for _, tt := range topicTexts {
		var tl [numTopicLists][]tmpl
		for l := range numTopicLists {
			tl[l] = number(templates(tt.list(l)))
		}
		t.topics = append(t.topics, tl)
	}
	t.morphemes = newZipf(strings.Fields(morphemes), 0.8)
	t.firms = newZipf(lines(firms), 0.9)
	t.surnames = newZipf(strings.Fields(surnames), 1)
	t.givenNames = newZipf(strings.Fields(givenNames), 0.5)
	t.townSuf = strings.Fields(townSuffixes)
	t.roadSuf = strings.Fields(roadSuffixes)
	return t
})

// lexicon holds the pools of one year: every list with the lines usable
// that year.
type lexicon struct {
	pools  [numLists]zipf[tmpl]
	words  [numLists]zipf[string] // for lists of plain words
	topics [][numTopicLists]zipf[tmpl]
}

func (gen *generator) lexicon(year int) *lexicon {
	i := year - MinYear + 1
	if lx := gen.lex[i]; lx != nil {
		return lx
	}
	lx := &lexicon{}
	for id, ls := range listSources {
		lx.pools[id] = tmplPool(gen.tab.lists[id], year, ls.s)
		switch listID(id) {
		case lIndustries, lProducts, lPolicies, lHotTerms:
			lx.words[id] = strPool(gen.tab.lists[id], year, ls.s)
		}
	}
	for _, tl := range gen.tab.topics {
		var p [numTopicLists]zipf[tmpl]
		for l := range numTopicLists {
			p[l] = tmplPool(tl[l], year, 0.5)
		}
		lx.topics = append(lx.topics, p)
	}
	gen.lex[i] = lx
	return lx
}

// placeCtx is how a place is named and what it is known for; the same for
// every document of the place.
type placeCtx struct {
	name      string // the name used in titles: 金乡县, or 福州市鼓楼区 when ambiguous
	short     string // 金乡
	province  string // 山东省; "" for a province
	unit      string // 县, 市, 区, 省, 州, 旗, 盟, 地区
	unitLong  string // the unit in 县人民政府, 县政协: 自治区 for an autonomous region
	self      string // 全县
	committee string // 县委
	leaders   string // 市委、市政府
	upper     string // the unit above: 市, 省; 国 for a province
	gov       string // 金乡县人民政府
	head      string // 县长
	congress  string // 金乡县
	stats     string // 金乡县统计局
	products  []string
	leading   []string
	parks     []string
	companies []string
	towns     []string
	roads     []string
}

func (gen *generator) placeCtx(p *baogao.Place, r *rand.Rand) placeCtx {
	c := placeCtx{name: p.Name, short: p.Short}
	if c.short == "" {
		c.short = p.Name
	}
	var parent *baogao.Place
	if i, ok := gen.index[p.Parent]; ok {
		parent = &gen.places[i]
	}
	if gen.names[p.Name] > 1 && parent != nil && p.Level == baogao.LevelCounty {
		c.name = parent.Name + p.Name
	}
	if p.Level != baogao.LevelProvince {
		if path := gen.g.Path(p.Code); len(path) > 0 && path[0].Level == baogao.LevelProvince {
			c.province = path[0].Name
		}
	}
	c.unit, c.head = unitOf(p)
	c.unitLong = c.unit
	if p.Level == baogao.LevelProvince && c.unit == "区" {
		c.unitLong = "自治区"
	}
	c.self = "全" + c.unit
	c.committee = c.unit + "委"
	c.gov = c.name + "人民政府"
	switch {
	case c.unit == "地区":
		c.committee = "地委"
		c.gov = c.name + "行政公署"
	case c.unit == "盟":
		c.gov = c.name + "行政公署"
	case p.Level == baogao.LevelProvince && c.unit == "区":
		c.committee = "自治区党委"
	}
	c.congress = c.name
	c.stats = c.name + "统计局"
	switch p.Level {
	case baogao.LevelProvince:
		c.leaders = "党中央、国务院"
		c.upper = "国"
	default:
		pu := "省"
		if parent != nil {
			pu, _ = unitOf(parent)
		}
		c.upper = pu
		if pu == "地区" {
			c.upper = "区"
		}
		switch pu {
		case "区":
			c.leaders = "自治区党委、政府"
		case "地区":
			c.leaders = "地委、行署"
		default:
			c.leaders = pu + "委、" + pu + "政府"
		}
	}
	if p.Level != baogao.LevelCounty {
		c.stats += "、国家统计局" + c.short + "调查队"
	}

	lx := gen.lexicon(2015) // products and leading industries of no particular era
	pick := func(n int, z *zipf[string]) []string {
		out := make([]string, 0, n)
		for len(out) < n {
			w := z.pick(r)
			if !contains(out, w) || len(z.items) <= n {
				out = append(out, w)
			}
		}
		return out
	}
	c.products = pick(2+r.IntN(3), &lx.words[lProducts])
	c.leading = pick(3, &lx.words[lIndustries])
	for range 3 + r.IntN(3) {
		c.towns = append(c.towns, gen.morph(r, 2)+gen.tab.townSuf[r.IntN(len(gen.tab.townSuf))])
	}
	for range 4 + r.IntN(3) {
		c.roads = append(c.roads, gen.morph(r, 2)+gen.tab.roadSuf[r.IntN(len(gen.tab.roadSuf))])
	}
	for range 8 + r.IntN(6) {
		c.companies = append(c.companies, gen.firm(r))
	}
	return c
}

// unitOf returns the one-word unit of a place (县, 市, 区 …) and the title of
// its head of government.
func unitOf(p *baogao.Place) (unit, head string) {
	n := p.Name
	switch p.Level {
	case baogao.LevelProvince:
		switch {
		case hasSuffix(n, "自治区"):
			return "区", "自治区主席"
		case hasSuffix(n, "市"):
			return "市", "市长"
		}
		return "省", "省长"
	case baogao.LevelPrefecture:
		switch {
		case hasSuffix(n, "自治州"):
			return "州", "州长"
		case hasSuffix(n, "地区"):
			return "地区", "行署专员"
		case hasSuffix(n, "盟"):
			return "盟", "盟长"
		}
		return "市", "市长"
	}
	switch {
	case hasSuffix(n, "旗"):
		return "旗", "旗长"
	case hasSuffix(n, "区"):
		return "区", "区长"
	case hasSuffix(n, "市"):
		return "市", "市长"
	}
	return "县", "县长"
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// morph returns n morphemes drawn Zipf-like, without a repeat.
func (gen *generator) morph(r *rand.Rand, n int) string {
	a := gen.tab.morphemes.pick(r)
	if n == 1 {
		return a
	}
	b := gen.tab.morphemes.pick(r)
	for b == a {
		b = gen.tab.morphemes.pick(r)
	}
	return a + b
}

// firm returns an invented company name: 鑫瑞新材料.
func (gen *generator) firm(r *rand.Rand) string {
	return gen.morph(r, 2) + gen.tab.firms.pick(r)
}

// personName returns an invented name of two or three characters.
func (gen *generator) personName(r *rand.Rand) string {
	return gen.tab.surnames.pick(r) + gen.tab.givenNames.pick(r)
}
