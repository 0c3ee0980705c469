package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineKind classifies one line of a page.
type lineKind int

const (
	lineContent lineKind = iota // document text
	lineMeta                    // publication details: 来源, 发布时间 … (read, not kept)
	lineChrome                  // site furniture: menus, toolbars, disclaimers, comment boxes
	lineTail                    // furniture after which the document has ended
)

// line is one cleaned line with its class.
type line struct {
	Text string
	Kind lineKind
}

// pinyinNote matches the pinyin some mirrors insert after characters:
// 經濟(jì) → 經濟. Only syllables with a tone mark qualify, so that "(GDP)"
// or "(a)" are left alone.
var pinyinNote = regexp.MustCompile(`([\p{Han}])[(（]([a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]{0,6})[)）]`)

// strayComma matches a comma that a mirror inserted before other
// punctuation ("目標,。", "省委,、省政府").
var strayComma = regexp.MustCompile(`[,，]+([,，。、;；:：!！?？])`)

// normalizeLine trims a line, removes zero-width characters, pinyin notes
// and stray commas.
func normalizeLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
			return -1
		case '\u00a0', '\t', '\u2002', '\u2003', '\u2009':
			return ' '
		}
		return r
	}, s)
	s = strings.TrimFunc(s, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '\r' })
	if strings.ContainsAny(s, "(（") {
		s = pinyinNote.ReplaceAllString(s, "$1")
	}
	if strings.ContainsAny(s, ",，") {
		s = strayComma.ReplaceAllString(s, "$1")
	}
	return s
}

// tailPhrases end a document: what follows them is comments, related links
// or the site footer.
var tailPhrases = []string{
	"留言与评论", "留言與評論", "发表评论", "發表評論", "网友评论", "網友評論", "我要评论", "我要評論",
	"相关阅读", "相關閱讀", "相关新闻", "相關新聞", "相关文章", "推荐阅读", "更多新闻", "延伸阅读",
	"上一篇", "下一篇", "上一條", "上一条", "下一条", "下一條",
	"本文仅代表作者观点", "本文僅代表作者觀點", "不代表本站立场", "責任編輯", "责任编辑",
	"版权所有", "版權所有", "Copyright", "copyright", "COPYRIGHT", "ICP备", "ICP備",
}

// chromePhrases mark a short line as site furniture wherever it stands.
var chromePhrases = []string{
	"导航菜单", "導航菜單", "网站导航", "網站導航", "网站地图", "網站地圖", "当前位置", "當前位置",
	"您的位置", "您现在的位置", "您現在的位置", "所在位置", "首页 >", "首页>", "首頁>", "首頁 >", "首页»",
	">> 正文", ">>正文", "> 正文", "设为首页", "加入收藏", "联系我们", "聯繫我們", "关于我们",
	"主办单位", "主辦單位", "承办单位", "技术支持", "技術支持", "网站标识码", "公网安备", "公網安備",
	"本文地址", "本文链接", "原文链接", "原文鏈接", "验证码", "驗證碼", "用户名", "用戶名", "密码:", "密码：",
	"分享到", "扫一扫", "掃一掃", "打印本页", "打印本文", "关闭窗口", "關閉窗口", "返回顶部", "返回頂部",
	"【字号", "字号:", "字号：", "字號:", "字號：", "【编辑", "【編輯", "编辑:", "编辑：", "編輯:", "編輯：",
	"免责声明", "免責聲明", "转载请注明", "轉載請注明", "不得转载", "不得轉載", "未经授权", "未經授權",
	"如有侵权", "如有侵權", "侵权请联系", "已阅读", "已閱讀", "继续免费阅读", "繼續免費閱讀",
	"下载本文档", "下載本文檔", "版权说明", "版權說明", "文档详情", "文本预览", "下载文档", "温馨提示",
	"Original URL", "原标题", "原標題", "点击:[", "浏览次数", "瀏覽次數", "阅读次数", "閱讀次數",
	"访问次数", "訪問次數", "访问量", "訪問量", "浏览量", "瀏覽量", "点击率", "點擊率", "点击数",
	"选择阅读字号", "选择区域", "收藏本站", "官方微博", "手机版", "手機版", "登录", "登錄", "注册", "註冊",
	"通版阅读", "展开通版", "收缩通版", "当前版:", "今日特推", "热点推荐", "推荐阅读", "热门文章",
}

// metaPhrases mark a short line as publication details: kept for the
// recogniser (dates, sources), dropped from the body.
var metaPhrases = []string{
	"来源:", "来源：", "來源:", "來源：", "信息来源", "作者:", "作者：", "发布时间", "發佈時間", "發布時間",
	"发布日期", "發佈日期", "發布日期", "发文日期", "發文日期", "成文日期", "时间:", "时间：", "時間:", "時間：",
	"日期:", "日期：", "索引号", "索引號", "发布机构", "發布機構", "发文机关", "文号", "文號", "公开方式",
	"组配分类", "主题分类", "有效性", "废止日期",
}

// toolbarWords are lines that are a single toolbar or menu word.
var toolbarWords = map[string]bool{
	"下载": true, "下載": true, "打印": true, "全屏": true, "收藏": true, "分享": true, "关闭": true,
	"關閉": true, "返回": true, "首页": true, "首頁": true, "加大": true, "还原": true, "還原": true,
	"减小": true, "減小": true, "大": true, "中": true, "小": true, "字号": true, "微信": true, "微博": true,
	"QQ空间": true, "今日": true, "今日:": true, "搜索": true, "搜索:": true, "文章正文": true, "正文": true,
	"文本描述": true, "点赞": true, "评论": true, "纠错": true, "我要纠错": true, "更多": true, "更多>>": true,
	"资料图片": true, "(资料图片)": true, "（资料图片）": true, "【资料图】": true, "[资料图]": true,
	"↓↓↓": true, "要点都在这里了!": true,
}

var (
	dateOnly   = regexp.MustCompile(`^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\S{0,6})?$`)
	imageLine  = regexp.MustCompile(`^(?:!\[[^\]]*\]\([^)]*\)|<image>.*|\[?图片?\]?$)`)
	urlOnly    = regexp.MustCompile(`^(?:https?://|www\.)\S+$`)
	pageMarker = regexp.MustCompile(`^第\s*\d+\s*页\s*(?:共\s*\d+\s*页)?$`)
)

// classify decides what a normalized, non-empty line is.
func classify(s string) lineKind {
	n := utf8.RuneCountInString(s)
	if toolbarWords[s] || onlySymbols(s) || pageMarker.MatchString(s) || imageLine.MatchString(s) || urlOnly.MatchString(s) {
		return lineChrome
	}
	if n <= 200 {
		for _, p := range tailPhrases {
			if strings.Contains(s, p) {
				return lineTail
			}
		}
	}
	if n <= 80 {
		// Publication lines often carry furniture too ("时间: … 来源: … 访问量:");
		// they are read for dates and sources before being dropped.
		if dateOnly.MatchString(s) {
			return lineMeta
		}
		for _, p := range metaPhrases {
			if strings.Contains(s, p) {
				return lineMeta
			}
		}
		for _, p := range chromePhrases {
			if strings.Contains(s, p) {
				return lineChrome
			}
		}
		if isMenu(s) {
			return lineChrome
		}
		if isCaption(s) {
			return lineChrome
		}
	}
	return lineContent
}

// onlySymbols reports whether a line has no letter or digit: "|", "????", "】".
func onlySymbols(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isMenu reports whether a line is a menu: four or more short items
// separated by spaces or bars, with no sentence punctuation and no digits,
// not all of one character (that is a spaced heading: 政 府 工 作 报 告).
func isMenu(s string) bool {
	if strings.ContainsAny(s, "，。；！？,;!?：:0123456789") {
		return false
	}
	items := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\u3000' || r == '|' || r == '｜' || r == '/' || r == '·'
	})
	if len(items) < 4 {
		return false
	}
	single, total := 0, 0
	for _, it := range items {
		k := utf8.RuneCountInString(it)
		if k > 8 {
			return false
		}
		if k == 1 {
			single++
		}
		total += k
	}
	return single < len(items)-1
}

// isCaption reports whether a short line is a photo caption or credit:
// "图为…", "…摄", "本报记者 林忠 摄".
func isCaption(s string) bool {
	n := utf8.RuneCountInString(s)
	if n > 60 {
		return false
	}
	t := strings.TrimRight(s, "。.)）")
	return strings.HasPrefix(s, "图为") || strings.HasPrefix(s, "圖為") || strings.HasSuffix(t, "摄") ||
		strings.HasSuffix(t, "攝") || strings.HasPrefix(s, "（图") || strings.HasPrefix(s, "(图")
}

// joinSpacedHan removes spaces between Han characters in short lines, where
// pages space out headings and names for alignment: "政 府 工 作 报 告" →
// "政府工作报告", "一、综  合" → "一、综合", "市 长 李亚平" → "市长李亚平".
// Longer lines keep their spaces except between two single characters.
func joinSpacedHan(s string) string {
	if !strings.ContainsAny(s, " \u3000") {
		return s
	}
	rs := []rune(s)
	short := len(rs) <= 30 && !strings.ContainsAny(s, "，。；,;")
	var out []rune
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != ' ' && r != '\u3000' {
			out = append(out, r)
			continue
		}
		j := i
		for j < len(rs) && (rs[j] == ' ' || rs[j] == '\u3000') {
			j++
		}
		if len(out) > 0 && j < len(rs) && j-i <= 4 && unicode.Is(unicode.Han, out[len(out)-1]) && unicode.Is(unicode.Han, rs[j]) {
			if short || isSingle(rs, i-1, i) && isSingle(rs, j, j+1) {
				i = j - 1
				continue
			}
		}
		out = append(out, ' ')
		i = j - 1
	}
	return string(out)
}

// isSingle reports whether rs[start:end] is one rune standing alone between
// spaces or line ends.
func isSingle(rs []rune, start, end int) bool {
	before := start == 0 || rs[start-1] == ' ' || rs[start-1] == '\u3000'
	after := end >= len(rs) || rs[end] == ' ' || rs[end] == '\u3000'
	return before && after
}
