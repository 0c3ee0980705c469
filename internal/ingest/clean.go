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

// stripURLs removes from a line of the body a bracketed reprint notice
// holding a site's address, and an address glued to the line's end. (A
// line that is an address is furniture, and a short one naming a site and
// its address publication details: see classify.)
func stripURLs(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") {
		return s
	}
	s = urlInBracket.ReplaceAllString(s, "")
	if loc := bareURL.FindStringIndex(s); loc != nil && loc[1] == len(s) && loc[0] > 0 && s[loc[0]-1] != ' ' {
		s = s[:loc[0]]
	}
	return strings.TrimSpace(s)
}

// tailPhrases end a document: what follows them is comments, related links
// or the site footer.
var tailPhrases = []string{
	"留言与评论", "留言與評論", "发表评论", "發表評論", "网友评论", "網友評論", "我要评论", "我要評論",
	"相关阅读", "相關閱讀", "相关新闻", "相關新聞", "相关文章", "推荐阅读", "更多新闻", "延伸阅读",
	"上一篇", "下一篇", "上一條", "上一条", "下一条", "下一條",
	"本文仅代表作者观点", "本文僅代表作者觀點", "不代表本站立场", "不代表本站观点", "不代表本站觀點", "凡注明来源", "凡注明來源", "責任編輯", "责任编辑",
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
	"阅读量", "閱讀量", "阅读数", "【字体", "【字體", "字体:", "字体：", "字體:", "字體：", "【打印", "【关闭", "【纠错",
	"扫描二维码", "掃描二維碼", "扫码关注", "扫码阅读", "手机访问", "手機訪問", "手机扫描", "浏览评论",
	"点击图片", "點擊圖片", "进入专题", "進入專題", "点击进入", "点击查看", "點擊查看", "图片来源", "圖片來源",
	"图片:来源", "图片：来源", "圖片:來源", "圖片：來源",
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
	dateOnly  = regexp.MustCompile(`^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\S{0,6})?$`)
	imageLine = regexp.MustCompile(`^(?:!\[[^\]]*\]\([^)]*\)|<image>.*|\[?图片?\]?$)`)
	urlOnly   = regexp.MustCompile(`^(?:https?://|www\.)\S+$`)
	// bareURL is a site's address written into the text: a credit
	// ("中国发展门户网 www.chinagate.cn"), a URL glued to a line's end, or a
	// reprint notice in brackets ("(新文秘网https://…省略833字…)").
	bareURL      = regexp.MustCompile(`(?:https?://|www\.)[A-Za-z0-9][-A-Za-z0-9.]*(?:/[-A-Za-z0-9._~/?#%&=+]*)?`)
	spacedURL    = regexp.MustCompile(`(?:^|\s)(?:https?://|www\.)[A-Za-z0-9]`)
	urlInBracket = regexp.MustCompile(`[(（][^()（）]{0,40}(?:https?://|www\.)[^()（）]{0,60}[)）]`)
	// photoCredit is a photographer's credit at the end of a caption:
	// "宁夏日报记者 王鼎 摄", "（新华社记者 李贺 摄）".
	photoCredit = regexp.MustCompile(`(?:(?:记者|攝影|摄影|通讯员|通訊員)[\s\p{Han}、]{0,16}|\s\p{Han}{2,4}\s*)(?:摄|攝)[)）。]?$`)
	// counterLine is a page's counters: "0浏览 评论0", "阅读 1024 点赞 3".
	counterLine = regexp.MustCompile(`^(?:\d*\s*(?:浏览|瀏覽|阅读|閱讀|评论|評論|点赞|點贊|分享|收藏)\s*[:：]?\s*\d*\s*)+$`)
	pageMarker  = regexp.MustCompile(`^第\s*\d+\s*页\s*(?:共\s*\d+\s*页)?$`)
)

// classify decides what a normalized, non-empty line is.
func classify(s string) lineKind {
	n := utf8.RuneCountInString(s)
	if toolbarWords[s] || toolbarWords[strings.TrimRight(s, ":：")] || onlySymbols(s) || counterLine.MatchString(s) || pageMarker.MatchString(s) || imageLine.MatchString(s) || urlOnly.MatchString(s) {
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
		if n <= 60 && !strings.ContainsAny(s, "，。；！？") && spacedURL.MatchString(s) {
			return lineMeta // a site's name, address and date
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
	if isCreditedCaption(s) {
		return lineChrome
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
	credit := (strings.HasSuffix(t, "摄") || strings.HasSuffix(t, "攝")) && !strings.HasSuffix(t, "拍摄") && !strings.HasSuffix(t, "拍攝")
	return strings.HasPrefix(s, "图为") || strings.HasPrefix(s, "圖為") || credit || strings.HasPrefix(s, "（图") || strings.HasPrefix(s, "(图")
}

// isCreditedCaption reports whether a line of up to 150 runes is a photo's
// caption ending with its photographer's credit ("…作政府工作报告。 宁夏日报记者
// 王鼎 摄"): a caption tells of the photo, not of the document.
func isCreditedCaption(s string) bool {
	return utf8.RuneCountInString(s) <= 150 && photoCredit.MatchString(s) && !strings.Contains(s, "拍摄")
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
