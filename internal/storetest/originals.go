package storetest

import (
	"bytes"
	"context"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/original"
	"github.com/baogao/baogao/internal/place"
)

// testOriginals: a source's provenance fields and its raw bytes are kept,
// for the first source of a document and for further ones; a source added
// without bytes has no original.
func testOriginals(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	raw := []byte(strings.Repeat("<p>各位代表：地区生产总值增长7%左右。</p>\n", 200) + "\x00\xff binary tail")
	src := source(1)
	src.FinalURL = "https://www.example.gov.cn/art/2023/1/5/art_1.html"
	src.Status = 200
	src.ContentType = "text/html; charset=GBK"
	src.Credit = "大众日报"
	src.Raw = raw
	doc := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, doc, src)

	mirror := source(2)
	mirror.Raw = []byte("%PDF-1.7 a mirror's bytes")
	mirror.ContentType = "application/pdf"
	if err := st.AddSource(ctx, doc.ID, mirror); err != nil {
		t.Fatal(err)
	}
	plain := source(3) // imported before originals were kept
	if err := st.AddSource(ctx, doc.ID, plain); err != nil {
		t.Fatal(err)
	}

	got, err := st.Document(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Sources) != 3 {
		t.Fatalf("sources = %+v", got.Sources)
	}
	s := got.Sources[0]
	if s.FinalURL != src.FinalURL || s.Status != 200 || s.ContentType != src.ContentType || s.Size != int64(len(raw)) || s.Raw != nil || s.Credit != "大众日报" {
		t.Errorf("first source = %+v", s)
	}
	if m := got.Sources[1]; m.Size != int64(len(mirror.Raw)) || m.ContentType != "application/pdf" || m.Status != 0 || m.FinalURL != "" || m.Credit != "" {
		t.Errorf("mirror = %+v", m)
	}
	for _, c := range []struct {
		sha  string
		want []byte
	}{{src.SHA256, raw}, {mirror.SHA256, mirror.Raw}} {
		b, err := st.Original(ctx, c.sha)
		if err != nil || !bytes.Equal(b, c.want) {
			t.Errorf("Original(%s) = %d bytes, %v; want %d bytes", c.sha[:8], len(b), err, len(c.want))
		}
	}
	for _, sha := range []string{plain.SHA256, strings.Repeat("0", 64)} {
		if _, err := st.Original(ctx, sha); baogao.ErrorCode(err) != baogao.ENOTFOUND {
			t.Errorf("Original of a source without bytes or of no source: %v, want ENOTFOUND", err)
		}
	}
	// SourceBySHA256 reads the same fields.
	if s2, err := st.SourceBySHA256(ctx, src.SHA256); err != nil || s2.FinalURL != src.FinalURL || s2.Status != 200 || s2.Credit != src.Credit {
		t.Errorf("SourceBySHA256 = %+v, %v", s2, err)
	}
}

// testUpdateDocument: a document recognised again takes its new meta, body
// and extraction, keeps its id and sources, is found by its new words only,
// and cannot take the text of another document.
func testUpdateDocument(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	a := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, a, source(1))
	b := sample(2, baogao.KindStatsBulletin, "370800", 2022)
	mustAdd(t, st, b, source(2))

	upd := sample(3, baogao.KindPlan, "110105", 2021) // another kind, place, region, year and text
	upd.ID = a.ID
	upd.Body += "\n冷链物流枢纽"
	upd.Meta.Title = "朝阳区十四五规划"
	if err := st.UpdateDocument(ctx, upd); err != nil {
		t.Fatal(err)
	}
	got, err := st.Document(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := upd.Meta
	if !reflect.DeepEqual(got.Meta, want) || got.Body != upd.Body || got.SHA256 != upd.SHA256 || got.Simhash != upd.Simhash {
		t.Errorf("after update: meta %+v\nwant %+v", got.Meta, want)
	}
	if !reflect.DeepEqual(got.Outline, upd.Outline) || !reflect.DeepEqual(got.Extraction, upd.Extraction) {
		t.Errorf("outline or extraction not replaced")
	}
	if len(got.Sources) != 1 || got.Sources[0].SHA256 != source(1).SHA256 || !got.CreatedAt.Equal(a.CreatedAt) {
		t.Errorf("sources or creation time changed: %+v, %v", got.Sources, got.CreatedAt)
	}
	if got.URL() != "/guihua/huabei/"+strconv.FormatInt(a.ID, 10)+".html" {
		t.Errorf("url = %s", got.URL())
	}
	if id, err := st.DocumentIDBySHA256(ctx, upd.SHA256); err != nil || id != a.ID {
		t.Errorf("DocumentIDBySHA256(new hash) = %d, %v", id, err)
	}
	if _, err := st.DocumentIDBySHA256(ctx, a.SHA256); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("the old hash still finds a document: %v", err)
	}
	// Listings and counts follow the new kind and place.
	page, err := st.Documents(ctx, baogao.DocumentFilter{Kind: baogao.KindPlan})
	if err != nil || page.Total != 1 || len(page.Documents) != 1 || page.Documents[0].ID != a.ID {
		t.Errorf("plans = %+v, %v", page, err)
	}
	if stats, _ := st.Stats(ctx); stats.ByKind[baogao.KindWorkReport] != 0 || stats.ByKind[baogao.KindPlan] != 1 {
		t.Errorf("stats by kind = %v", stats.ByKind)
	}
	// The search index follows the new text.
	res, err := st.Search(ctx, baogao.SearchQuery{Text: "冷链物流枢纽"})
	if err != nil || res.Total != 1 || res.Hits[0].ID != a.ID {
		t.Errorf("search for the new words: %+v, %v", res, err)
	}
	res, err = st.Search(ctx, baogao.SearchQuery{Text: "文档1。"})
	if err != nil || res.Total != 0 {
		t.Errorf("search for the old words: %+v, %v", res, err)
	}

	// An operator's correction survives a document read again.
	if err := st.SyncPlaces(ctx, place.Default()); err != nil {
		t.Fatal(err)
	}
	if err := st.SetOverride(ctx, baogao.Override{DocumentID: b.ID, Field: baogao.OverrideYear, Value: "2020", By: "alice"}); err != nil {
		t.Fatal(err)
	}
	again := sample(7, baogao.KindStatsBulletin, "370800", 2022)
	again.ID = b.ID
	if err := st.UpdateDocument(ctx, again); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Document(ctx, b.ID); err != nil || got.Meta.Year != 2020 || got.Body != again.Body {
		t.Errorf("after an update, corrected year = %d, body updated %v (%v)", got.Meta.Year, got.Body == again.Body, err)
	}

	clash := sample(4, baogao.KindWorkReport, "370828", 2023)
	clash.ID, clash.SHA256 = a.ID, again.SHA256
	if err := st.UpdateDocument(ctx, clash); baogao.ErrorCode(err) != baogao.ECONFLICT {
		t.Errorf("taking another document's text: %v, want ECONFLICT", err)
	}
	missing := sample(5, baogao.KindWorkReport, "370828", 2023)
	missing.ID = 9999
	if err := st.UpdateDocument(ctx, missing); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("updating no document: %v, want ENOTFOUND", err)
	}
	bad := sample(6, baogao.KindWorkReport, "370828", 2023)
	bad.ID, bad.Body = b.ID, "\xff"
	if err := st.UpdateDocument(ctx, bad); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("a body that is not UTF-8: %v, want EINVALID", err)
	}
}

// testOriginalsInTrash: a trashed document's originals come back with it;
// a purged document's are gone, with every part of a large one (the same
// bytes can be stored again). A large original comes back whole.
func testOriginalsInTrash(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	src := source(1)
	// A page with an inline image: more than two parts of original.Parts,
	// most of them incompressible.
	src.Raw = make([]byte, 2*original.PartSize+4321)
	rand.NewChaCha8([32]byte{7}).Read(src.Raw)
	copy(src.Raw, "<html>原件<img src=\"data:image/png;base64,")
	doc := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, doc, src)
	if b, err := st.Original(ctx, src.SHA256); err != nil || !bytes.Equal(b, src.Raw) {
		t.Fatalf("a large original came back as %d bytes, %v; want %d", len(b), err, len(src.Raw))
	}
	if err := st.TrashDocument(ctx, doc.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	if err := st.RestoreDocument(ctx, doc.ID); err != nil {
		t.Fatal(err)
	}
	if b, err := st.Original(ctx, src.SHA256); err != nil || !bytes.Equal(b, src.Raw) {
		t.Errorf("original after trash and restore: %q, %v", b, err)
	}
	if err := st.TrashDocument(ctx, doc.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	if err := st.PurgeDocument(ctx, doc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Original(ctx, src.SHA256); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("original after purge: %v, want ENOTFOUND", err)
	}
	again := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, again, src)
	if b, err := st.Original(ctx, src.SHA256); err != nil || !bytes.Equal(b, src.Raw) {
		t.Errorf("the original stored again after purge came back as %d bytes, %v", len(b), err)
	}
}
