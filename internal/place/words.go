package place

// Government prose is full of words that are also place names. These lists
// were made by running Find over the reports in shared/corpus and reading
// every short name it found there.

// blockedWords are not reported by Find: place names that in reports are
// nearly always a common word (新兴产业, 乡村振兴, 公安机关, 资源要素), and
// longer words that would otherwise yield a place from their start (长治久安
// is no 长治). A blocked short name still counts with a suffix: 互助县.
var blockedWords = setOf(
	// short names
	"资源", "合作", "振兴", "新建", "新兴", "通道", "惠民", "平安", "富裕", "友好",
	"富民", "解放", "城中", "港口", "安居", "运河", "延长", "新城", "公安", "兴业",
	"双城", "安定", "同心", "东方", "复兴", "前进", "和平", "宏伟", "乐业", "安宁",
	"互助", "古城", "磐石", "平原", "和顺", "惠农", "新华", "清水", "清新", "山城",
	"南部", "共和", "太平", "江海", "麒麟", "台前", "光明", "东风", "友谊", "老城",
	"安康", "长寿", "白玉", "莲花", "新市", "大方", "民丰", "温泉", "工农", "向阳",
	"红旗", "城关", "城东", "城西", "城北", "太湖",
	"全州", // 全州经济: the whole prefecture, in the reports of autonomous prefectures
	// words that start with a place name
	"长治久安", "新乡村", "金山银山", "大通道", "市中心", "中华人民共和国",
)

// weakWords are reported by Find, but Mention.Strong is false for them:
// names of real weight that are also common words or names of other things
// (朝阳产业, 白云机场, 中山路, 长江口, 南海).
var weakWords = setOf(
	"城区", "郊区", "矿区", "东区", "西区", "市中",
	"朝阳", "长安", "白云", "中山", "南山", "普陀", "江南", "江北", "河东", "河西",
	"青山", "金山", "中原", "大城", "江口", "凤凰", "海港", "临江", "红山", "政和",
	"平房", "金沙", "天山", "大通", "滨海", "滨江", "平和", "新安", "建安", "兴城",
	"九龙", "东湖", "西湖", "天河", "永定", "故城", "建平", "钟山", "江山", "通城",
	"临海", "南海", "河口", "清河", "大兴", "新民", "永和",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
