package storetest

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

func testComments(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	doc := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, doc, source(1))
	if err := st.AddComment(ctx, &baogao.Comment{DocumentID: doc.ID + 100, Text: "x", Status: baogao.CommentPending}); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("comment on a missing document: %v, want ENOTFOUND", err)
	}
	if err := st.AddComment(ctx, &baogao.Comment{DocumentID: doc.ID, Text: "x", Status: "odd"}); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("comment with an unknown status: %v, want EINVALID", err)
	}
	v0, _, _ := st.Version(ctx)
	a := &baogao.Comment{DocumentID: doc.ID, Name: "读者", Text: "第一条\n两行", Status: baogao.CommentPending, Held: "premoderation", ClientHash: "h1"}
	if err := st.AddComment(ctx, a); err != nil || a.ID == 0 || a.CreatedAt.IsZero() {
		t.Fatalf("AddComment: %v, %+v", err, a)
	}
	if v, _, _ := st.Version(ctx); v != v0 {
		t.Error("a pending comment changed the version")
	}
	// A reply needs a published top-level parent.
	r := &baogao.Comment{DocumentID: doc.ID, ParentID: a.ID, Text: "回复", Status: baogao.CommentPending}
	if err := st.AddComment(ctx, r); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("reply to a pending comment: %v, want EINVALID", err)
	}
	n, err := st.ModerateComments(ctx, []int64{a.ID, a.ID + 999}, baogao.CommentPublished, "mod")
	if err != nil || n != 1 {
		t.Fatalf("ModerateComments = %d, %v", n, err)
	}
	if v, _, _ := st.Version(ctx); v == v0 {
		t.Error("publishing a comment did not change the version")
	}
	if err := st.AddComment(ctx, r); err != nil {
		t.Fatalf("reply to a published comment: %v", err)
	}
	rr := &baogao.Comment{DocumentID: doc.ID, ParentID: r.ID, Text: "深一层", Status: baogao.CommentPending}
	if err := st.AddComment(ctx, rr); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("reply to a reply: %v, want EINVALID (one level deep)", err)
	}
	if _, err := st.ModerateComments(ctx, []int64{r.ID}, "odd", "mod"); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("moderating to an unknown status: %v", err)
	}
	got, err := st.Comment(ctx, a.ID)
	if err != nil || got.Status != baogao.CommentPublished || got.ModeratedBy != "mod" || got.ModeratedAt.IsZero() ||
		got.Text != a.Text || got.Name != "读者" || got.ClientHash != "h1" || got.Held != "premoderation" {
		t.Errorf("Comment = %+v, %v", got, err)
	}
	if _, err := st.Comment(ctx, 99999); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("missing comment: %v", err)
	}
	page, err := st.Comments(ctx, baogao.CommentFilter{DocumentID: doc.ID, Status: baogao.CommentPublished})
	if err != nil || page.Total != 1 || len(page.Comments) != 1 || page.Comments[0].ID != a.ID {
		t.Errorf("published comments = %+v, %v", page, err)
	}
	page, _ = st.Comments(ctx, baogao.CommentFilter{DocumentID: doc.ID, Newest: true})
	if page.Total != 2 || page.Comments[0].ID != r.ID {
		t.Errorf("newest first = %+v", page)
	}
	page, _ = st.Comments(ctx, baogao.CommentFilter{ClientHash: "h1"})
	if page.Total != 1 {
		t.Errorf("by client = %+v", page)
	}
	page, err = st.Comments(ctx, baogao.CommentFilter{DocumentID: doc.ID + 5})
	if err != nil || page.Total != 0 || page.Comments == nil {
		t.Errorf("no comments = %+v, %v", page, err)
	}

	// Export and import keep ids; importing twice adds nothing.
	all, _ := st.Comments(ctx, baogao.CommentFilter{})
	other := sample(2, baogao.KindWorkReport, "370828", 2022)
	mustAdd(t, st, other, source(2))
	moved := []baogao.Comment{{ID: 500, DocumentID: other.ID, Text: "导入的", Status: baogao.CommentSpam, CreatedAt: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}}
	for i := 0; i < 2; i++ {
		added, err := st.ImportComments(ctx, append(moved, all.Comments...))
		if err != nil || added != 1-i {
			t.Errorf("import %d: added %d, %v", i, added, err)
		}
	}
	if c, err := st.Comment(ctx, 500); err != nil || c.Text != "导入的" || c.Status != baogao.CommentSpam || !c.CreatedAt.Equal(moved[0].CreatedAt) {
		t.Errorf("imported comment = %+v, %v", c, err)
	}
	if _, err := st.ImportComments(ctx, []baogao.Comment{{DocumentID: other.ID, Status: baogao.CommentPending}}); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("importing a comment without text: %v", err)
	}
}

func testCaptchas(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	now := time.Now()
	if err := st.PutCaptcha(ctx, "abc", "123456", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := st.PutCaptcha(ctx, "old", "654321", now.Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if a, err := st.Captcha(ctx, "abc", now); err != nil || a != "123456" {
		t.Errorf("Captcha = %q, %v", a, err)
	}
	if a, err := st.TakeCaptcha(ctx, "abc", now); err != nil || a != "123456" {
		t.Errorf("TakeCaptcha = %q, %v", a, err)
	}
	for _, id := range []string{"abc", "old", "never"} {
		if _, err := st.TakeCaptcha(ctx, id, now); baogao.ErrorCode(err) != baogao.ENOTFOUND {
			t.Errorf("TakeCaptcha(%s) again, expired or unknown: %v, want ENOTFOUND", id, err)
		}
		if _, err := st.Captcha(ctx, id, now); baogao.ErrorCode(err) != baogao.ENOTFOUND {
			t.Errorf("Captcha(%s): %v, want ENOTFOUND", id, err)
		}
	}
}

func testHit(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	t0 := time.Unix(1_700_000_000, 0) // a multiple of 10 s
	for i := 1; i <= 3; i++ {
		rc, err := st.Hit(ctx, "k", 10*time.Second, t0.Add(time.Second), 1)
		if err != nil || rc.Current != i || rc.Previous != 0 || !rc.Start.Equal(t0) {
			t.Fatalf("hit %d: %+v, %v", i, rc, err)
		}
	}
	rc, err := st.Hit(ctx, "k", 10*time.Second, t0.Add(12*time.Second), 2)
	if err != nil || rc.Current != 2 || rc.Previous != 3 {
		t.Errorf("next window: %+v, %v", rc, err)
	}
	if s := rc.Sliding(t0.Add(15*time.Second), 10*time.Second); s != 2+3*0.5 {
		t.Errorf("sliding estimate = %v, want 3.5", s)
	}
	if rc, _ := st.Hit(ctx, "k", 10*time.Second, t0.Add(12*time.Second), 0); rc.Current != 2 {
		t.Errorf("reading with n=0 = %+v", rc)
	}
	if rc, _ := st.Hit(ctx, "other", 10*time.Second, t0.Add(12*time.Second), 0); rc.Current != 0 || rc.Previous != 0 {
		t.Errorf("other key = %+v", rc)
	}
	if _, err := st.Hit(ctx, "k", time.Millisecond, t0, 1); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("a window under a second: %v", err)
	}
	// Blocks.
	if err := st.BlockClient(ctx, "h", t0.Add(time.Hour), "mod"); err != nil {
		t.Fatal(err)
	}
	if b, err := st.ClientBlocked(ctx, "h", t0); err != nil || !b {
		t.Errorf("blocked = %v, %v", b, err)
	}
	if b, _ := st.ClientBlocked(ctx, "h", t0.Add(2*time.Hour)); b {
		t.Error("a block outlived its end")
	}
	if b, _ := st.ClientBlocked(ctx, "other", t0); b {
		t.Error("an unblocked client is blocked")
	}
	// Expire drops old counters, blocks and captchas.
	st.PutCaptcha(ctx, "c", "1", t0.Add(time.Minute))
	n, err := st.Expire(ctx, t0.Add(3*time.Hour), 0)
	if err != nil || n < 4 {
		t.Errorf("Expire = %d, %v (want the counters, the block and the captcha)", n, err)
	}
	if rc, _ := st.Hit(ctx, "k", 10*time.Second, t0.Add(12*time.Second), 0); rc.Current != 0 {
		t.Errorf("expired counter = %+v", rc)
	}
}

func testUsers(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	u := &baogao.User{Name: "alice", Role: baogao.RoleAdmin, PasswordHash: "$argon2id$x"}
	if err := st.AddUser(ctx, u); err != nil || u.ID == 0 {
		t.Fatalf("AddUser: %v", err)
	}
	if err := st.AddUser(ctx, &baogao.User{Name: "alice", Role: baogao.RoleModerator}); baogao.ErrorCode(err) != baogao.ECONFLICT {
		t.Errorf("same name: %v", err)
	}
	if err := st.AddUser(ctx, &baogao.User{Name: "bob", Role: "root"}); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("unknown role: %v", err)
	}
	bob := &baogao.User{Name: "bob", Role: baogao.RoleModerator, PasswordHash: "h"}
	st.AddUser(ctx, bob)
	users, err := st.Users(ctx)
	if err != nil || len(users) != 2 || users[0].Name != "alice" || users[1].Role != baogao.RoleModerator {
		t.Errorf("Users = %+v, %v", users, err)
	}
	now := time.Now()
	for _, id := range []string{"s1", "s2"} {
		if err := st.AddSession(ctx, baogao.Session{ID: id, UserID: u.ID, CSRF: "t-" + id, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	st.AddSession(ctx, baogao.Session{ID: "b1", UserID: bob.ID, CSRF: "t", CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
	se, su, err := st.Session(ctx, "s1", now)
	if err != nil || se.CSRF != "t-s1" || su.Name != "alice" || su.Role != baogao.RoleAdmin || su.PasswordHash != "$argon2id$x" {
		t.Errorf("Session = %+v %+v %v", se, su, err)
	}
	if _, _, err := st.Session(ctx, "s1", now.Add(2*time.Hour)); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("expired session: %v", err)
	}
	// Logout everywhere but here.
	if err := st.DeleteSessions(ctx, u.ID, "s2"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Session(ctx, "s1", now); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("s1 after logout everywhere: %v", err)
	}
	if _, _, err := st.Session(ctx, "s2", now); err != nil {
		t.Errorf("the kept session: %v", err)
	}
	st.DeleteSession(ctx, "s2")
	if _, _, err := st.Session(ctx, "s2", now); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("s2 after logout: %v", err)
	}
	// Disabling ends sessions; a password change is stored.
	b, _ := st.User(ctx, "bob")
	b.Disabled, b.PasswordHash, b.LastLogin = true, "new", now
	if err := st.UpdateUser(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Session(ctx, "b1", now); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("session of a disabled operator: %v", err)
	}
	if b2, _ := st.User(ctx, "bob"); !b2.Disabled || b2.PasswordHash != "new" || b2.LastLogin.IsZero() {
		t.Errorf("updated bob = %+v", b2)
	}
	if err := st.UpdateUser(ctx, baogao.User{ID: 999, Role: baogao.RoleAdmin}); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("updating a missing operator: %v", err)
	}
	if err := st.RemoveUser(ctx, "bob"); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{st.RemoveUser(ctx, "bob"), func() error { _, err := st.User(ctx, "bob"); return err }()} {
		if baogao.ErrorCode(err) != baogao.ENOTFOUND {
			t.Errorf("removed operator: %v", err)
		}
	}
	// Audit and settings.
	for _, a := range []string{"comment.approve", "user.add"} {
		if err := st.AddAudit(ctx, baogao.AuditEntry{Actor: "alice", Action: a, Target: "comment 1"}); err != nil {
			t.Fatal(err)
		}
	}
	log, err := st.Audit(ctx, 10, 0)
	if err != nil || len(log) != 2 || log[0].Action != "user.add" || log[1].At.IsZero() {
		t.Errorf("Audit = %+v, %v", log, err)
	}
	if _, err := st.Setting(ctx, "moderation"); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("unset setting: %v", err)
	}
	st.SetSetting(ctx, "moderation", "pre")
	st.SetSetting(ctx, "moderation", "post")
	if v, err := st.Setting(ctx, "moderation"); err != nil || v != "post" {
		t.Errorf("Setting = %q, %v", v, err)
	}
}

func testOverrides(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	if err := st.SyncPlaces(ctx, place.Default()); err != nil {
		t.Fatal(err)
	}
	doc := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, doc, source(1))
	bad := []baogao.Override{
		{DocumentID: doc.ID, Field: "body", Value: "x"},
		{DocumentID: doc.ID, Field: baogao.OverrideYear, Value: "二〇二三"},
		{DocumentID: doc.ID, Field: baogao.OverrideDate, Value: "2023-13-01"},
		{DocumentID: doc.ID, Field: baogao.OverridePlaceCode, Value: "999999"},
		{DocumentID: doc.ID, Field: baogao.OverrideTarget, Value: "{}"},
		{DocumentID: doc.ID, Field: baogao.OverrideCompleteness, Value: "half"},
		{DocumentID: doc.ID, Field: baogao.OverrideQuality, Value: "spam,ugly"},
		{DocumentID: doc.ID, Field: baogao.OverrideFlagged, Value: "yes"},
	}
	for _, o := range bad {
		if err := st.SetOverride(ctx, o); baogao.ErrorCode(err) != baogao.EINVALID {
			t.Errorf("override %+v: %v, want EINVALID", o, err)
		}
	}
	if err := st.SetOverride(ctx, baogao.Override{DocumentID: doc.ID + 50, Field: baogao.OverrideYear, Value: "2022"}); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("override of a missing document: %v", err)
	}
	fixed := doc.Extraction.Targets[0]
	key := fixed.Key()
	fixed.Value = 6.5
	js, _ := json.Marshal(fixed)
	for _, o := range []baogao.Override{
		{DocumentID: doc.ID, Field: baogao.OverrideYear, Value: "2022", By: "alice"},
		{DocumentID: doc.ID, Field: baogao.OverridePlaceCode, Value: "370800", By: "alice"},
		{DocumentID: doc.ID, Field: baogao.OverrideTitle, Value: "更正后的标题", By: "alice"},
		{DocumentID: doc.ID, Field: baogao.OverrideTarget, Key: key, Value: string(js), By: "alice"},
		{DocumentID: doc.ID, Field: baogao.OverrideOutcome, Key: doc.Extraction.Outcomes[1].Key(), By: "alice"}, // remove
	} {
		if err := st.SetOverride(ctx, o); err != nil {
			t.Fatalf("SetOverride %+v: %v", o, err)
		}
	}
	check := func(when string) {
		t.Helper()
		got, err := st.Document(ctx, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		m := got.Meta
		if m.Year != 2022 || m.PlaceCode != "370800" || m.Place != "山东省济宁市" || m.Level != baogao.LevelPrefecture || m.Title != "更正后的标题" {
			t.Errorf("%s: meta = %+v", when, m)
		}
		if !got.Corrected(baogao.OverrideYear) || got.Corrected(baogao.OverrideDate) || len(got.Overrides) != 5 {
			t.Errorf("%s: overrides = %+v", when, got.Overrides)
		}
		if tg := got.Extraction.Targets; len(tg) != 2 || tg[0].Value != 6.5 || !tg[0].Corrected || tg[1].Corrected {
			t.Errorf("%s: targets = %+v", when, tg)
		}
		if oc := got.Extraction.Outcomes; len(oc) != 1 {
			t.Errorf("%s: outcomes = %+v (one removed by hand)", when, oc)
		}
		res, err := st.Search(ctx, baogao.SearchQuery{Text: "更正后的标题", Filter: baogao.DocumentFilter{YearFrom: 2022, YearTo: 2022}})
		if err != nil || res.Total != 1 {
			t.Errorf("%s: search by the corrected title and year = %+v, %v", when, res, err)
		}
		page, _ := st.Documents(ctx, baogao.DocumentFilter{YearFrom: 2022, YearTo: 2022, PlaceCode: "370800"})
		if page.Total != 1 {
			t.Errorf("%s: listing by corrected year and place = %d", when, page.Total)
		}
	}
	check("after the corrections")
	// Re-extraction rewrites the rows; the corrections are applied again.
	if err := st.SetExtraction(ctx, doc.ID, doc.Extraction); err != nil {
		t.Fatal(err)
	}
	check("after SetExtraction")
	if err := st.RemoveOverride(ctx, doc.ID, baogao.OverrideDate, ""); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("removing a missing override: %v", err)
	}
	if err := st.RemoveOverride(ctx, doc.ID, baogao.OverrideTarget, key); err != nil {
		t.Fatal(err)
	}
	st.SetExtraction(ctx, doc.ID, doc.Extraction)
	if got, _ := st.Document(ctx, doc.ID); got.Extraction.Targets[0].Value != 7 || got.Extraction.Targets[0].Corrected {
		t.Errorf("a removed correction stayed: %+v", got.Extraction.Targets[0])
	}

	// The assessment and the garbled flag, corrected, stand when ingest
	// assesses the text again and when the document is re-recognised.
	stats0, _ := st.Stats(ctx)
	for _, o := range []baogao.Override{
		{DocumentID: doc.ID, Field: baogao.OverrideCompleteness, Value: string(baogao.CompletenessNews), By: "alice"},
		{DocumentID: doc.ID, Field: baogao.OverrideQuality, Value: "spam,no_place", By: "alice"},
		{DocumentID: doc.ID, Field: baogao.OverrideFlagged, Value: "true", By: "alice"},
	} {
		if err := st.SetOverride(ctx, o); err != nil {
			t.Fatalf("SetOverride %+v: %v", o, err)
		}
	}
	checkAssessment := func(when string) {
		t.Helper()
		got, err := st.Document(ctx, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		m := got.Meta
		if m.Completeness != baogao.CompletenessNews || !reflect.DeepEqual(m.Quality, []baogao.QualityFlag{baogao.QualitySpam, baogao.QualityNoPlace}) || !m.Flagged {
			t.Errorf("%s: completeness %q, quality %v, flagged %v", when, m.Completeness, m.Quality, m.Flagged)
		}
		if !got.Corrected(baogao.OverrideCompleteness) || !got.Corrected(baogao.OverrideQuality) || !got.Corrected(baogao.OverrideFlagged) {
			t.Errorf("%s: not shown as corrected: %+v", when, got.Overrides)
		}
		if stats, _ := st.Stats(ctx); stats.Flagged != stats0.Flagged+1 {
			t.Errorf("%s: %d flagged, want %d", when, stats.Flagged, stats0.Flagged+1)
		}
	}
	checkAssessment("after the corrections")
	if err := st.SetAssessment(ctx, doc.ID, baogao.CompletenessFull, nil); err != nil {
		t.Fatal(err)
	}
	checkAssessment("after SetAssessment")
	again, _ := st.Document(ctx, doc.ID)
	again.Meta.Flagged, again.Meta.Completeness, again.Meta.Quality = false, baogao.CompletenessFull, nil
	if err := st.UpdateDocument(ctx, again); err != nil {
		t.Fatal(err)
	}
	checkAssessment("after UpdateDocument")
	// Without the correction, ingest's assessment is stored again.
	if err := st.RemoveOverride(ctx, doc.ID, baogao.OverrideCompleteness, ""); err != nil {
		t.Fatal(err)
	}
	st.SetAssessment(ctx, doc.ID, baogao.CompletenessFull, nil)
	if got, _ := st.Document(ctx, doc.ID); got.Meta.Completeness != baogao.CompletenessFull || len(got.Meta.Quality) != 2 {
		t.Errorf("after removing the completeness correction: %q %v", got.Meta.Completeness, got.Meta.Quality)
	}
}

func testTrash(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	doc := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, doc, source(1))
	st.AddSource(ctx, doc.ID, source(7))
	keep := sample(2, baogao.KindWorkReport, "370828", 2022)
	mustAdd(t, st, keep, source(2))
	c := &baogao.Comment{DocumentID: doc.ID, Text: "留言", Status: baogao.CommentPublished}
	st.AddComment(ctx, c)
	st.SetOverride(ctx, baogao.Override{DocumentID: doc.ID, Field: baogao.OverrideDate, Value: "2023-02-01"})
	before, _ := st.Document(ctx, doc.ID)
	if err := st.TrashDocument(ctx, doc.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	if err := st.TrashDocument(ctx, doc.ID, "alice"); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("trashing twice: %v", err)
	}
	if _, err := st.Document(ctx, doc.ID); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("trashed document still served: %v", err)
	}
	stats, _ := st.Stats(ctx)
	page, _ := st.Documents(ctx, baogao.DocumentFilter{})
	res, _ := st.Search(ctx, baogao.SearchQuery{Text: "文档1"})
	if stats.Documents != 1 || page.Total != 1 || res.Total != 0 {
		t.Errorf("trashed document still counted, listed or found: %d %d %d", stats.Documents, page.Total, res.Total)
	}
	trash, err := st.Trash(ctx)
	if err != nil || len(trash) != 1 || trash[0].ID != doc.ID || trash[0].Comments != 1 || trash[0].DeletedBy != "alice" || trash[0].Title != doc.Meta.Title {
		t.Errorf("Trash = %+v, %v", trash, err)
	}
	if got, err := st.Comment(ctx, c.ID); err != nil || got.Text != "留言" {
		t.Errorf("comment of a trashed document: %+v, %v", got, err)
	}
	if err := st.RestoreDocument(ctx, doc.ID); err != nil {
		t.Fatal(err)
	}
	after, err := st.Document(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after.Meta, before.Meta) || after.Body != before.Body || after.Simhash != before.Simhash ||
		!reflect.DeepEqual(after.Extraction, before.Extraction) || len(after.Sources) != 2 || len(after.Overrides) != 1 ||
		!after.CreatedAt.Equal(before.CreatedAt) || after.Sources[1].SHA256 != source(7).SHA256 {
		t.Errorf("restored document differs:\n got %+v\nwant %+v", after, before)
	}
	if res, _ := st.Search(ctx, baogao.SearchQuery{Text: "文档1"}); res.Total != 1 {
		t.Errorf("restored document not found by search: %d", res.Total)
	}
	if err := st.RestoreDocument(ctx, doc.ID); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("restoring twice: %v", err)
	}
	// Purge deletes the document and its comments for good.
	st.TrashDocument(ctx, doc.ID, "alice")
	if err := st.PurgeDocument(ctx, doc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Comment(ctx, c.ID); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("comment of a purged document: %v", err)
	}
	if err := st.PurgeDocument(ctx, doc.ID); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("purging twice: %v", err)
	}
	if trash, _ := st.Trash(ctx); len(trash) != 0 {
		t.Errorf("trash after purge = %+v", trash)
	}
	// Restoring conflicts when the same text was imported again meanwhile.
	st.TrashDocument(ctx, keep.ID, "alice")
	again := sample(2, baogao.KindWorkReport, "370828", 2022)
	mustAdd(t, st, again, source(2))
	if err := st.RestoreDocument(ctx, keep.ID); baogao.ErrorCode(err) != baogao.ECONFLICT {
		t.Errorf("restoring over a re-import: %v, want ECONFLICT", err)
	}
}

func testImportRunsAndRetention(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		r := &baogao.ImportRun{Command: "import", Started: t0, Finished: t0.Add(time.Minute), Imported: i, Failed: 1,
			Errors: []baogao.ImportError{{File: "bad.html", Reason: "empty"}}}
		if err := st.AddImportRun(ctx, r); err != nil || r.ID == 0 {
			t.Fatal(err)
		}
	}
	runs, err := st.ImportRuns(ctx, 2)
	if err != nil || len(runs) != 2 || runs[0].Imported != 2 || runs[0].Errors[0].Reason != "empty" || !runs[0].Finished.Equal(t0.Add(time.Minute)) {
		t.Errorf("ImportRuns = %+v, %v", runs, err)
	}
	doc := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, doc, source(1))
	old := []baogao.Comment{
		{ID: 1, DocumentID: doc.ID, Text: "旧的", Status: baogao.CommentPublished, ClientHash: "h", CreatedAt: t0},
		{ID: 2, DocumentID: doc.ID, Text: "垃圾", Status: baogao.CommentSpam, ClientHash: "h", CreatedAt: t0},
		{ID: 3, DocumentID: doc.ID, Text: "新的", Status: baogao.CommentRejected, ClientHash: "h", CreatedAt: t0.Add(80 * 24 * time.Hour)},
	}
	st.ImportComments(ctx, old)
	if _, err := st.Expire(ctx, t0.Add(100*24*time.Hour), 90*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if c, err := st.Comment(ctx, 1); err != nil || c.ClientHash != "" {
		t.Errorf("an old published comment keeps its client hash: %+v %v", c, err)
	}
	if _, err := st.Comment(ctx, 2); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("old spam kept: %v", err)
	}
	if c, err := st.Comment(ctx, 3); err != nil || c.ClientHash != "h" {
		t.Errorf("a recent comment lost its hash: %+v %v", c, err)
	}
}
