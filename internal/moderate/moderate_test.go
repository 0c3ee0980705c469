package moderate

import "testing"

func TestFilter(t *testing.T) {
	f, err := NewFilter("# 示例词表\n赌博\n代开发票, 刷单\n\n  法轮功  \nviagra\n!!!\n")
	if err != nil {
		t.Fatal(err)
	}
	if f.Len() != 5 {
		t.Errorf("Len = %d, want 5 (the comment, the blank line and the word of punctuation skipped)", f.Len())
	}
	for _, tc := range []struct {
		name, text, want string
	}{
		{"plain", "这里有赌博网站", "赌博"},
		{"traditional", "這裡有賭博網站", "赌博"},
		{"lone traditional character", "线上賭博", "赌博"},
		{"spaces", "代 开 发 票", "代开发票"},
		{"punctuation", "刷.单", "刷单"},
		{"full-width punctuation and letters", "ＶＩＡＧＲＡ", "viagra"},
		{"zero-width space", "刷\u200b单", "刷单"},
		{"mixed case", "ViAgRa", "viagra"},
		{"across a line break", "法轮\n功", "法轮功"},
		{"clean", "政府工作报告写得很好，期待明年的数据。", ""},
		{"near miss", "赌场和博物馆", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := f.Match(tc.text)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("Match(%q) = %q, %v; want %q", tc.text, got, ok, tc.want)
			}
		})
	}
	empty, err := NewFilter("")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := empty.Match("赌博"); ok {
		t.Error("an empty list matched")
	}
	var none *Filter
	if _, ok := none.Match("x"); ok {
		t.Error("a nil filter matched")
	}
}

func TestImpersonates(t *testing.T) {
	ops := []string{"alice", "李明"}
	for _, name := range []string{"管理员", "本站 管 理 员", "官方回复", "站长", "Admin", "ＡＤＭＩＮ", "alice", "李 明", "報告網編輯部", "系統消息"} {
		if !Impersonates(name, ops) {
			t.Errorf("%q passes", name)
		}
	}
	for _, name := range []string{"", "读者", "张三", "a reader", "老王"} {
		if Impersonates(name, ops) {
			t.Errorf("%q refused", name)
		}
	}
}

func BenchmarkFilter(b *testing.B) {
	list := ""
	for i := 0; i < 2000; i++ {
		list += string(rune(0x4e00+i)) + string(rune(0x5e00+i)) + string(rune(0x6e00+i)) + "\n"
	}
	f, _ := NewFilter(list)
	text := "政府工作报告写得很好，期待明年的数据。地区生产总值增长百分之五左右，城镇新增就业一万人。"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f.Match(text)
	}
}
