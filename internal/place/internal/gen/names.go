package main

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// suffixes are the generic parts of a place name, tried in this order; a
// suffix is stripped only when at least two characters remain, so 和县
// stays 和县 and 金林区 becomes 金林, not 金.
var suffixes = []string{
	"特别行政区", "自治区", "自治州", "自治县", "自治旗",
	"地区", "特区", "新区", "矿区",
	"省", "市", "县", "区", "盟", "旗",
}

// shortOverrides are the names the rules get wrong.
var shortOverrides = map[string]string{
	"神农架林区": "神农架", // 林区 is its kind, as 县 is a county's; 万柏林区 is 万柏林
}

// ethnicNames are the names of peoples as they stand before 自治… in the
// names of autonomous places, longest first where one ends another.
var ethnicNames = []string{
	"达斡尔族", "哈萨克族", "鄂温克族",
	"土家族", "布依族", "仡佬族", "拉祜族", "布朗族", "哈尼族", "纳西族", "朝鲜族",
	"撒拉族", "景颇族", "傈僳族", "毛南族", "仫佬族", "裕固族", "独龙族", "东乡族",
	"保安族", "普米族", "蒙古族", "柯尔克孜", "哈萨克", "塔吉克", "维吾尔", "鄂伦春",
	"侗族", "水族", "满族", "回族", "黎族", "瑶族", "土族", "白族", "苗族", "彝族",
	"羌族", "佤族", "傣族", "藏族", "畲族", "怒族", "壮族", "各族", "蒙古", "锡伯",
}

// shortName returns the name without its generic suffix and, for an
// autonomous place, without the names of its peoples: 凉山彝族自治州 → 凉山.
// It never returns fewer than two characters.
func shortName(name string) string {
	if s, ok := shortOverrides[name]; ok {
		return s
	}
	for _, suf := range suffixes {
		stem, ok := strings.CutSuffix(name, suf)
		if !ok || utf8.RuneCountInString(stem) < 2 {
			continue
		}
		if strings.HasPrefix(suf, "自治") {
			stem = stripPeoples(stem)
		}
		return stem
	}
	return name
}

func stripPeoples(stem string) string {
	for {
		stripped := false
		for _, e := range ethnicNames {
			rest, ok := strings.CutSuffix(stem, e)
			if ok && utf8.RuneCountInString(rest) >= 2 {
				stem, stripped = rest, true
				break
			}
		}
		if !stripped {
			break
		}
	}
	// 鄂温克族自治旗, 东乡族自治县: the people's name is the place's name.
	if s, ok := strings.CutSuffix(stem, "族"); ok && utf8.RuneCountInString(s) >= 2 {
		for _, e := range ethnicNames {
			if e == stem {
				return s
			}
		}
	}
	return stem
}

// slugOverrides are readings of place names that go-pinyin gets wrong,
// keyed by short name: the reading a place takes in its name is often not
// the most common reading of the character.
var slugOverrides = map[string]string{
	"陕西":  "shaanxi", // the official spelling, which tells it from 山西
	"六安":  "luan",
	"六合":  "luhe",
	"番禺":  "panyu",
	"东阿":  "donge",
	"铅山":  "yanshan",
	"长子":  "zhangzi",
	"乐清":  "yueqing",
	"乐亭":  "laoting",
	"叶县":  "shexian",
	"单县":  "shanxian",
	"尉犁":  "yuli",
	"蔚县":  "yuxian",
	"犍为":  "qianwei",
	"荥经":  "yingjing",
	"涡阳":  "guoyang",
	"枞阳":  "zongyang",
	"大埔":  "dabu",
	"称多":  "chenduo",
	"筠连":  "junlian",
	"洪洞":  "hongtong",
	"浚县":  "xunxian",
	"伽师":  "jiashi",
	"穆棱":  "muling",
	"绥棱":  "suiling",
	"牟平":  "muping",
	"中牟":  "zhongmu",
	"泌阳":  "biyang",
	"泊头":  "botou",
	"黄陂":  "huangpi",
	"曾都":  "zengdu",
	"珲春":  "hunchun",
	"茄子河": "qiezihe",
	"繁峙":  "fanshi",
	"宝坻":  "baodi",
	"龙圩":  "longxu",
	"吴堡":  "wubu",
}

// charOverrides are characters whose reading in place names differs from
// go-pinyin's first reading wherever they stand (成都, 都匀; 长沙, 长春).
var charOverrides = map[rune]string{
	'都': "du",
	'长': "chang",
	'重': "chong",
	'厦': "xia",
	'蚌': "beng",
	'乐': "le",
	'番': "fan",
	'行': "xing",
	'曲': "qu",
	'会': "hui",
	'朝': "chao",
	'调': "diao",
	'沈': "shen",
	'藏': "zang",
	'佛': "fo",
	'勒': "le",
	'什': "shi",
}

var pinyinArgs = pinyin.NewArgs() // Normal style: no tones, ü as v

// slug returns the ASCII pinyin of the short name, lower case.
func slug(name, short string) (string, error) {
	if s, ok := slugOverrides[short]; ok {
		return s, nil
	}
	var b strings.Builder
	for _, r := range short {
		if s, ok := charOverrides[r]; ok {
			b.WriteString(s)
			continue
		}
		py := pinyin.SinglePinyin(r, pinyinArgs)
		if len(py) == 0 || py[0] == "" {
			return "", fmt.Errorf("%s: no pinyin for %q", name, r)
		}
		b.WriteString(py[0])
	}
	s := b.String()
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return "", fmt.Errorf("%s: slug %q is not lower-case ASCII", name, s)
		}
	}
	return s, nil
}
