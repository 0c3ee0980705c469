package demo

// The vocabulary of the generated prose. Lists are ordered from common to
// rare: they are drawn with a Zipf-like distribution, so that a search
// benchmark meets both frequent and rare words. A line may start with an era
// tag, "[2019-]", "[-2020]" or "[2020-2022]", that limits it to the years of
// the documents it may appear in.
//
// Slots in templates (see template.go): {X} short place name, {S} 全县/全市,
// {L} 县/市/省, {D} 县委/市委, {U} the leadership above, {Y} the document's
// year, {Z} the year before, {E} the current five-year plan (十四五), {I} an
// industry, {J} one of the place's leading industries, {P} one of its local
// products, {C} a company, {K} a park, {T} a town, {R} a road, {V} a policy
// term, {n} {N} {M} small, medium and large counts, {A} an amount in 亿元,
// {F} a share in percent (90–100), {W} a count in 万.
//
// Templates with a number never name an indicator of SPEC §5, a goal
// (产值, 交易额) or a project's amount (总投资): those are written by code that
// records them in Truth. TestFillerHasNoIndicators checks this.

// industries are sectors a place may lead with; {I} draws from them.
const industries = `高端装备制造
新材料
绿色食品
生物医药
电子信息
现代物流
新能源
纺织服装
文化旅游
数字经济
精细化工
农产品精深加工
新能源汽车
装配式建筑
智能制造
现代农业
医疗器械
汽车零部件
商贸流通
家居建材
光伏
电子商务
新型建材
节能环保
健康养老
[2019-]储能
[2020-]氢能
集成电路
智能终端
轻工机械
农机装备
特色种养
[2021-]预制菜
[2020-]直播电商
跨境电商
[2018-]大数据
[2019-]人工智能
[2019-]工业互联网
通用航空
新型显示
锂电
铝精深加工
不锈钢
中医药
食用菌
纺织印染
五金工具
特种钢材
化工新材料
[2017-]半导体
轨道交通装备
船舶海工
光电信息
现代种业
林产化工
陶瓷
石材
[2022-]低空经济
[2023-]算力
体育用品
乐器制造
箱包皮具
小家电
包装印刷
智能家居
[2019-]卫星应用
碳纤维
稀土新材料
功能性膳食
汽车后市场
会展
康养旅游
航空物流
冷链物流`

// products are local specialities; a place takes a few of them.
const products = `茶叶
大蒜
苹果
柑橘
猕猴桃
中药材
食用菌
生猪
小龙虾
花生
蔬菜
葡萄
核桃
辣椒
红枣
脐橙
山药
花椒
生姜
板栗
蜂蜜
香菇
黑木耳
枸杞
马铃薯
油茶
莲藕
蚕桑
肉牛
奶牛
滩羊
牦牛
黄花菜
荔枝
芒果
甘蔗
杨梅
竹笋
哈密瓜
香梨
蓝莓
草莓
樱桃
石榴
白茶
红茶
绿茶
黄精
天麻
金银花
艾草
芦笋
西瓜
甜瓜
大闸蟹
鳜鱼
对虾
海参
紫菜
牡蛎
黄牛
麻鸭
土鸡
乌鸡
酥梨
冬枣
山楂
柿子
芝麻
高粱
荞麦
小米
糯米
富硒米
大豆
玉米
藜麻
青稞
沙棘
苦荞
魔芋
葛根
百合
白芍
丹参
杜仲
厚朴
银杏
罗汉果
沃柑
砂糖橘
百香果
火龙果
菌菇
鹌鹑蛋
羊肚菌`

// policies are terms of national and local policy, with the years they are
// in use; {V} draws from them.
const policies = `高质量发展
乡村振兴
营商环境
新发展理念
[2019-]县域经济高质量发展
[2021-]共同富裕
新型城镇化
[2016-2020]供给侧结构性改革
[2020-]双循环
[2018-]数字经济
[2024-]新质生产力
[2021-]碳达峰碳中和
[-2020]脱贫攻坚
[2021-]巩固拓展脱贫攻坚成果
[2021-]强省会
[2022-]县城城镇化
[2023-]中国式现代化`

// hotTerms are narrower terms in vogue in their years; {H} draws from them,
// mostly rare words.
const hotTerms = `营商环境
[2018-]放管服
[2017-]河长制
[2020-]新基建
[2018-]一网通办
[2019-]林长制
全域旅游
美丽乡村
[2018-]厕所革命
高标准农田
城市更新
海绵城市
[2019-]数字乡村
[2019-]5G
智慧城市
双招双引
[2020-]一件事一次办
[2022-]数字政府
[2023-]高效办成一件事
[2024-]以旧换新
[2024-]设备更新
[2020-2022]六稳六保
[2021-]千万工程
[2021-]一老一小
[2019-]垃圾分类
[2018-]最多跑一次
[-2019]三去一降一补
[2017-]田长制
[2023-]AI
[2021-]元宇宙
[2019-]区块链
[2022-]东数西算
[2019-]夜间经济
[2020-]首店经济
[2022-]银发经济
[2018-]老旧小区改造
[2016-]PPP
[2018-]标准地
[2019-]亩均论英雄
[2020-]飞地经济
[2018-]链长制
[2019-]专精特新
[2023-]低空经济
[2020-]直播带货
[2021-]预制菜
[2022-]算力
冷链物流
[2019-]新能源汽车`

// morphemes make names of companies, towns and roads.
const morphemes = `华 鑫 瑞 恒 泰 盛 宏 丰 源 达 昌 隆 晟 润 锦 凯 宇 祥 信 德 新 金 银 天 中 远 腾 博 睿
康 佳 通 汇 利 安 永 福 兴 嘉 旺 创 诚 益 海 鼎 联 合 宝 鸿 东 方 正 和 美 光 明 辉 荣 亿 万 百
佳 泓 翔 骏 峰 岳 森 林 禾 丰 谷 麦 稻 青 蓝 绿 紫 云 星 月 阳 晨 曦 朗 悦 欣 怡 乐 嘉 逸 澜 涛
沣 淇 潍 沅 湘 楚 吴 越 齐 鲁 秦 晋 燕 赵 蜀 黔 滇 桂 闽 赣 皖 豫 冀 辽 吉 龙 虎 凤 麒 麟 鹏 鹰
尚 品 卓 越 精 工 科 技 智 芯 联 特 奥 维 斯 迪 克 莱 格 伦 瑞 铭 铂 钰 琪 璟 琨 珑 珂 玺 瑜`

// firms are the kinds of company a project name ends with.
const firms = `新材料
新能源
食品
智能装备
生物科技
电子
医药
物流
纺织
光电
精密机械
环保科技
农业科技
新能源科技
化工
汽车部件
电气
建材
科技
实业
冷链
智能制造
包装
钢构
电池
光伏
储能科技
半导体
显示科技
医疗器械
机器人
数控
铸造
服饰
家居
陶瓷
种业
牧业
水产
茶业
酒业
果业
药业
农产品
供应链
数据科技
信息技术
算力科技
航空科技
轨道装备`

// projectKinds follow a company name in a project's name.
const projectKinds = `
二期
年产{n}万吨{P}深加工
智能化改造
扩能
生产基地
产业园
三期
研发中心
总部基地`

// surnames and givenNames make the names of officials.
const surnames = `王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田
董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊
秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤`

const givenNames = `伟 军 勇 涛 明 斌 强 平 辉 刚 杰 峰 磊 超 波 宁 鹏 飞 华 建华 志刚 建国 海涛 晓东 立新 卫东 文军
国庆 红梅 丽华 晓明 志强 永军 建军 春生 振华 海燕 长春 庆林 新民 宏伟 德胜 学军 立军 爱国 东升 晓峰
玉林 俊杰 文斌 建平 云峰 国栋 光辉 少华 天明 若冰 一鸣 思远 冰 洁 静 敏 芳 燕 丹 琳`

// townSuffixes and roadSuffixes end invented town and road names.
const townSuffixes = `镇 镇 镇 乡 街道 街道 镇`
const roadSuffixes = `路 路 大道 路 街 大街 路 大道`

// parkForms make a place's parks; {X} is the place, {J} a leading industry.
const parkForms = `{X}经济开发区
{X}高新技术产业开发区
{X}{J}产业园
{X}现代农业产业园
{X}商贸物流园
{X}工业园区
{X}{J}产业集聚区
{X}综合保税区
{X}智能制造产业园
{X}电子商务产业园`
