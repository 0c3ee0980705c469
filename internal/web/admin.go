package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// adminBase is what every page of the operator's desk shows.
type adminBase struct {
	base
	Operator *operator
	CSRF     string
	Notice   string
}

func (s *Server) adminBase(r *http.Request, op *operator, title string) adminBase {
	lang := langOf(r)
	return adminBase{base: base{Lang: lang, Title: message(lang, title), Path: r.URL.Path, NoIndex: true}, Operator: op,
		CSRF: op.session.CSRF, Notice: noticeOf(lang, r.URL.Query().Get("done"))}
}

// noticeOf is the message of a finished action (?done=…).
func noticeOf(lang, done string) string {
	key := "admin.done." + done
	if m := message(lang, key); done != "" && m != key {
		return m
	}
	return ""
}

// queuePage is the moderation queue.
type queuePage struct {
	adminBase
	Status   baogao.CommentStatus
	Statuses []baogao.CommentStatus
	Comments []queueItem
	Total    int
	Next     string
	Stats    baogao.Stats
}

type queueItem struct {
	baogao.Comment
	DocTitle, DocURL string
}

const queuePageSize = 50

// queue lists comments by state, pending first, for moderation.
func (s *Server) queue(w http.ResponseWriter, r *http.Request, op *operator) error {
	ctx := r.Context()
	q := r.URL.Query()
	status := baogao.CommentStatus(q.Get("status"))
	if !status.Valid() {
		status = baogao.CommentPending
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	page, err := s.store.Comments(ctx, baogao.CommentFilter{Status: status, Newest: status != baogao.CommentPending,
		Limit: queuePageSize, Offset: max(offset, 0)})
	if err != nil {
		return err
	}
	p := queuePage{adminBase: s.adminBase(r, op, "admin.queue"), Status: status, Total: page.Total,
		Statuses: []baogao.CommentStatus{baogao.CommentPending, baogao.CommentPublished, baogao.CommentRejected, baogao.CommentSpam}}
	if p.Stats, err = s.store.Stats(ctx); err != nil {
		return err
	}
	titles := map[int64]*baogao.Document{}
	for _, c := range page.Comments {
		d, ok := titles[c.DocumentID]
		if !ok {
			if d, err = s.store.Document(ctx, c.DocumentID); err != nil && baogao.ErrorCode(err) != baogao.ENOTFOUND {
				return err
			}
			titles[c.DocumentID] = d
		}
		item := queueItem{Comment: c}
		if d != nil {
			item.DocTitle, item.DocURL = d.Meta.Title, d.URL()
		}
		p.Comments = append(p.Comments, item)
	}
	if offset+queuePageSize < page.Total {
		p.Next = "/admin/?status=" + string(status) + "&offset=" + strconv.Itoa(offset+queuePageSize)
	}
	return s.render(w, r, http.StatusOK, "admin", p)
}

// moderate applies a moderator's decision to the comments ticked: approve,
// reject, spam, or block (spam, and the clients who wrote them may not
// comment for 30 days).
func (s *Server) moderate(w http.ResponseWriter, r *http.Request, op *operator) error {
	ctx := r.Context()
	var ids []int64
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return baogao.Errorf(baogao.EINVALID, "评论编号无效。")
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 || len(ids) > 500 {
		return baogao.Errorf(baogao.EINVALID, "请选择 1 到 500 条评论。")
	}
	action := r.PostForm.Get("action")
	status, ok := map[string]baogao.CommentStatus{"approve": baogao.CommentPublished, "reject": baogao.CommentRejected,
		"spam": baogao.CommentSpam, "block": baogao.CommentSpam, "pending": baogao.CommentPending}[action]
	if !ok {
		return baogao.Errorf(baogao.EINVALID, "未知的操作。")
	}
	if action == "block" {
		until := time.Now().Add(30 * 24 * time.Hour)
		for _, id := range ids {
			c, err := s.store.Comment(ctx, id)
			if err != nil {
				return err
			}
			if c.ClientHash != "" {
				if err := s.store.BlockClient(ctx, c.ClientHash, until, op.Name); err != nil {
					return err
				}
			}
		}
	}
	n, err := s.store.ModerateComments(ctx, ids, status, op.Name)
	if err != nil {
		return err
	}
	s.audit(r, op.Name, "comment."+action, "comments "+joinIDs(ids), strconv.Itoa(n)+" changed")
	back := "/admin/?done=" + action
	if st := r.PostForm.Get("status"); baogao.CommentStatus(st).Valid() {
		back += "&status=" + st
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// deskPage is the desk for one document: its meta, its extracted values
// and the corrections already made.
type deskPage struct {
	adminBase
	Doc            *baogao.Document
	Kinds          []baogao.Kind
	Completenesses []baogao.Completeness
	QualityFlags   []baogao.QualityFlag
	Indicators     []baogao.Indicator // for adding a missed value
	Qualifiers     []baogao.Qualifier
	Vintages       []baogao.Vintage
	Error          string
}

// HasQuality reports whether the document is marked with q.
func (p deskPage) HasQuality(q baogao.QualityFlag) bool {
	return slices.Contains(p.Doc.Meta.Quality, q)
}

// pathDocument returns the document the path's {id} names.
func (s *Server) pathDocument(r *http.Request) (*baogao.Document, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.store.Document(r.Context(), id)
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, baogao.Errorf(baogao.ENOTFOUND, "没有这篇文件。")
	}
	return id, nil
}

// findDocument sends ?id=N to that document's desk.
func (s *Server) findDocument(w http.ResponseWriter, r *http.Request, op *operator) error {
	id, err := strconv.ParseInt(strings.TrimSpace(r.URL.Query().Get("id")), 10, 64)
	if err != nil || id <= 0 {
		return baogao.Errorf(baogao.EINVALID, "请输入文件编号（网址里的数字）。")
	}
	http.Redirect(w, r, "/admin/documents/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

func (s *Server) desk(w http.ResponseWriter, r *http.Request, op *operator) error {
	doc, err := s.pathDocument(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "desk", deskPage{adminBase: s.adminBase(r, op, "admin.desk"), Doc: doc, Kinds: baogao.Kinds,
		Completenesses: baogao.Completenesses, QualityFlags: baogao.QualityFlags, Indicators: baogao.Indicators,
		Qualifiers: []baogao.Qualifier{baogao.QualExact, baogao.QualAbout, baogao.QualAtLeast, baogao.QualAtMost, baogao.QualRange},
		Vintages:   []baogao.Vintage{"", baogao.VintageEstimated, baogao.VintagePreliminary, baogao.VintageFinal}})
}

// editDocument sets the meta fields an operator changed as overrides: those
// the form holds (the quality checkboxes when it says "assessed").
func (s *Server) editDocument(w http.ResponseWriter, r *http.Request, op *operator) error {
	ctx := r.Context()
	doc, err := s.pathDocument(r)
	if err != nil {
		return err
	}
	id := doc.ID
	m := doc.Meta
	current := map[string]string{baogao.OverrideTitle: m.Title, baogao.OverrideKind: string(m.Kind),
		baogao.OverridePlaceCode: m.PlaceCode, baogao.OverrideYear: strconv.Itoa(m.Year), baogao.OverrideDate: m.Date,
		baogao.OverrideCompleteness: string(m.Completeness), baogao.OverrideQuality: baogao.JoinQuality(m.Quality),
		baogao.OverrideFlagged: strconv.FormatBool(m.Flagged)}
	form := map[string]string{}
	for _, f := range []string{baogao.OverrideTitle, baogao.OverrideKind, baogao.OverridePlaceCode, baogao.OverrideYear,
		baogao.OverrideDate, baogao.OverrideCompleteness} {
		if r.PostForm.Has(f) {
			form[f] = strings.TrimSpace(r.PostForm.Get(f))
		}
	}
	if r.PostForm.Has("assessed") {
		q, err := baogao.ParseQuality(strings.Join(r.PostForm["quality"], ","))
		if err != nil {
			return baogao.Errorf(baogao.EINVALID, "未知的质量标记。")
		}
		form[baogao.OverrideQuality] = baogao.JoinQuality(q)
		form[baogao.OverrideFlagged] = strconv.FormatBool(r.PostForm.Get(baogao.OverrideFlagged) == "true")
	}
	var changed []string
	for _, f := range []string{baogao.OverrideTitle, baogao.OverrideKind, baogao.OverridePlaceCode, baogao.OverrideYear,
		baogao.OverrideDate, baogao.OverrideCompleteness, baogao.OverrideQuality, baogao.OverrideFlagged} {
		v, ok := form[f]
		if !ok || v == current[f] {
			continue
		}
		if err := s.store.SetOverride(ctx, baogao.Override{DocumentID: id, Field: f, Value: v, By: op.Name}); err != nil {
			return err
		}
		changed = append(changed, f+"="+v)
	}
	if len(changed) > 0 {
		s.audit(r, op.Name, "document.edit", "document "+strconv.FormatInt(id, 10), strings.Join(changed, "; "))
	}
	http.Redirect(w, r, "/admin/documents/"+strconv.FormatInt(id, 10)+"?done=saved", http.StatusSeeOther)
	return nil
}

// correctValue corrects (or removes) one extracted target or outcome.
func (s *Server) correctValue(w http.ResponseWriter, r *http.Request, op *operator) error {
	ctx := r.Context()
	doc, err := s.pathDocument(r)
	if err != nil {
		return err
	}
	id := doc.ID
	kind, key := r.PostForm.Get("field"), r.PostForm.Get("key")
	remove := r.PostForm.Get("remove") != ""
	var value float64
	if !remove {
		if value, err = strconv.ParseFloat(strings.TrimSpace(r.PostForm.Get("value")), 64); err != nil {
			return baogao.Errorf(baogao.EINVALID, "数值无效：请填写数字，如 6.5。")
		}
	}
	var row any
	switch kind {
	case baogao.OverrideTarget:
		for _, t := range doc.Extraction.Targets {
			if t.Key() == key {
				t.Value, t.Corrected = value, false
				row = t
			}
		}
	case baogao.OverrideOutcome:
		for _, o := range doc.Extraction.Outcomes {
			if o.Key() == key {
				o.Value, o.Corrected = value, false
				row = o
			}
		}
	}
	if row == nil {
		return baogao.Errorf(baogao.ENOTFOUND, "没有这个提取值（可能已重新提取）。")
	}
	o := baogao.Override{DocumentID: id, Field: kind, Key: key, By: op.Name}
	detail := key + " removed"
	if !remove {
		b, _ := json.Marshal(row)
		o.Value, detail = string(b), key+" = "+formatNumber(value)
	}
	if err := s.store.SetOverride(ctx, o); err != nil {
		return err
	}
	s.audit(r, op.Name, "document.correct", "document "+strconv.FormatInt(id, 10), detail)
	http.Redirect(w, r, "/admin/documents/"+strconv.FormatInt(id, 10)+"?done=corrected", http.StatusSeeOther)
	return nil
}

// addValue adds a target or an outcome the extractor missed: the operator
// gives its indicator, year, value (a target's qualifier, an outcome's
// vintage) and the words of the body it is read from, which become its
// highlighted sentence. It is kept as an override (baogao.ApplyOverrides
// adds a row no extraction has), so re-extraction keeps it.
func (s *Server) addValue(w http.ResponseWriter, r *http.Request, op *operator) error {
	ctx := r.Context()
	doc, err := s.pathDocument(r)
	if err != nil {
		return err
	}
	id := doc.ID
	form := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	field := form("field")
	if field != baogao.OverrideTarget && field != baogao.OverrideOutcome {
		return baogao.Errorf(baogao.EINVALID, "请选择目标或实际值。")
	}
	ind, ok := baogao.IndicatorByCode(form("indicator"))
	if !ok {
		return baogao.Errorf(baogao.EINVALID, "请选择指标。")
	}
	year, err := strconv.Atoi(form("year"))
	if err != nil || year < 1949 || year > 2100 {
		return baogao.Errorf(baogao.EINVALID, "年份无效：请填写 1949 到 2100 之间的年份。")
	}
	value, err := strconv.ParseFloat(form("value"), 64)
	if err != nil {
		return baogao.Errorf(baogao.EINVALID, "数值无效：请填写数字，如 6.5。")
	}
	text := form("text")
	start := strings.Index(doc.Body, text)
	if n := utf8.RuneCountInString(text); n < 4 || n > 300 || start < 0 {
		return baogao.Errorf(baogao.EINVALID, "原文无效：请从正文中复制写着这个数的句子（4 到 300 字）。")
	}
	span := baogao.Span{utf8.RuneCountInString(doc.Body[:start]), 0}
	span[1] = span[0] + utf8.RuneCountInString(text)
	label := indicatorName(langZH, ind.Code, "")
	var row any
	var key string
	var exists bool
	if field == baogao.OverrideTarget {
		t := baogao.Target{Indicator: ind.Code, Label: label, Value: value, Unit: ind.Unit, Qualifier: baogao.Qualifier(form("qualifier")),
			Words: []string{}, Year: &year, Text: text, Span: span}
		switch t.Qualifier {
		case baogao.QualExact, baogao.QualAbout, baogao.QualAtLeast, baogao.QualAtMost:
		case baogao.QualRange:
			high, err := strconv.ParseFloat(form("value_high"), 64)
			if err != nil || high <= value {
				return baogao.Errorf(baogao.EINVALID, "区间的上限无效：请填写大于下限的数。")
			}
			t.ValueHigh = &high
		default:
			return baogao.Errorf(baogao.EINVALID, "请选择限定词。")
		}
		row, key = t, t.Key()
		exists = slices.ContainsFunc(doc.Extraction.Targets, func(x baogao.Target) bool { return x.Key() == key })
	} else {
		o := baogao.Outcome{Indicator: ind.Code, Label: label, Value: value, Unit: ind.Unit, Year: &year,
			Vintage: baogao.Vintage(form("vintage")), Text: text, Span: span}
		switch o.Vintage {
		case "", baogao.VintageEstimated, baogao.VintagePreliminary, baogao.VintageFinal:
		default:
			return baogao.Errorf(baogao.EINVALID, "请选择数据口径。")
		}
		row, key = o, o.Key()
		exists = slices.ContainsFunc(doc.Extraction.Outcomes, func(x baogao.Outcome) bool { return x.Key() == key })
	}
	if exists {
		return baogao.Errorf(baogao.EINVALID, "这一行已经有了：请在上表中更正。")
	}
	b, _ := json.Marshal(row)
	if err := s.store.SetOverride(ctx, baogao.Override{DocumentID: id, Field: field, Key: key, Value: string(b), By: op.Name}); err != nil {
		return err
	}
	s.audit(r, op.Name, "document.add", "document "+strconv.FormatInt(id, 10), key+" = "+formatNumber(value))
	http.Redirect(w, r, "/admin/documents/"+strconv.FormatInt(id, 10)+"?done=added", http.StatusSeeOther)
	return nil
}

// trashDocument deletes a document, keeping it and its comments in the
// trash.
func (s *Server) trashDocument(w http.ResponseWriter, r *http.Request, op *operator) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.store.TrashDocument(r.Context(), id, op.Name); err != nil {
		return err
	}
	s.audit(r, op.Name, "document.delete", "document "+strconv.FormatInt(id, 10), "")
	http.Redirect(w, r, "/admin/trash?done=deleted", http.StatusSeeOther)
	return nil
}

// trashPage lists the trashed documents.
type trashPage struct {
	adminBase
	Docs []baogao.TrashedDocument
}

func (s *Server) trash(w http.ResponseWriter, r *http.Request, op *operator) error {
	docs, err := s.store.Trash(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "trash", trashPage{adminBase: s.adminBase(r, op, "admin.trash"), Docs: docs})
}

func (s *Server) restoreDocument(w http.ResponseWriter, r *http.Request, op *operator) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.store.RestoreDocument(r.Context(), id); err != nil {
		return err
	}
	s.audit(r, op.Name, "document.restore", "document "+strconv.FormatInt(id, 10), "")
	http.Redirect(w, r, "/admin/trash?done=restored", http.StatusSeeOther)
	return nil
}

func (s *Server) purgeDocument(w http.ResponseWriter, r *http.Request, op *operator) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.store.PurgeDocument(r.Context(), id); err != nil {
		return err
	}
	s.audit(r, op.Name, "document.purge", "document "+strconv.FormatInt(id, 10), "")
	http.Redirect(w, r, "/admin/trash?done=purged", http.StatusSeeOther)
	return nil
}

// settingsPage shows and edits the shared settings.
type settingsPage struct {
	adminBase
	Settings  *siteSettings
	FlagProxy bool // --trusted-proxy was given: the setting is not used
	Error     string
}

func (s *Server) settingsForm(w http.ResponseWriter, r *http.Request, op *operator) error {
	s.forgetSettings()
	c, err := s.settings(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "settings", settingsPage{adminBase: s.adminBase(r, op, "admin.settings"), Settings: c,
		FlagProxy: s.trustedFlag != nil})
}

func (s *Server) saveSettings(w http.ResponseWriter, r *http.Request, op *operator) error {
	ctx := r.Context()
	f := r.PostForm
	mode := f.Get("moderation")
	if mode != "pre" && mode != "post" {
		return baogao.Errorf(baogao.EINVALID, "审核方式只能是先审后发或先发后审。")
	}
	days, err := strconv.Atoi(f.Get("retention_days"))
	if err != nil || days < 1 || days > 3650 {
		return baogao.Errorf(baogao.EINVALID, "保留天数应在 1 到 3650 之间。")
	}
	words := strings.ReplaceAll(f.Get("words"), "\r\n", "\n")
	if len(words) > 256<<10 {
		return baogao.Errorf(baogao.ETOOLARGE, "敏感词表太大（最多 256 KB）。")
	}
	proxies := strings.TrimSpace(f.Get("trusted_proxies"))
	if _, err := ParseTrustedProxies(proxies); err != nil {
		return err
	}
	for _, kv := range [][2]string{{settingModeration, mode}, {settingRetentionDays, strconv.Itoa(days)}, {settingWords, words},
		{settingTrustedProxies, proxies}} {
		if err := s.store.SetSetting(ctx, kv[0], kv[1]); err != nil {
			return err
		}
	}
	s.forgetSettings()
	s.audit(r, op.Name, "settings.save", "", "moderation="+mode+"; retention_days="+strconv.Itoa(days)+"; words="+
		strconv.Itoa(strings.Count(words, "\n")+1)+" lines; trusted_proxies="+proxies)
	http.Redirect(w, r, "/admin/settings?done=saved", http.StatusSeeOther)
	return nil
}

// auditPage is the audit log.
type auditPage struct {
	adminBase
	Entries []baogao.AuditEntry
	Next    string
}

func (s *Server) auditLog(w http.ResponseWriter, r *http.Request, op *operator) error {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	entries, err := s.store.Audit(r.Context(), 100, max(offset, 0))
	if err != nil {
		return err
	}
	p := auditPage{adminBase: s.adminBase(r, op, "admin.audit"), Entries: entries}
	if len(entries) == 100 {
		p.Next = "/admin/audit?offset=" + strconv.Itoa(offset+100)
	}
	return s.render(w, r, http.StatusOK, "audit", p)
}

// importsPage is the import history with recent errors.
type importsPage struct {
	adminBase
	Runs  []baogao.ImportRun
	Stats baogao.Stats
}

func (s *Server) imports(w http.ResponseWriter, r *http.Request, op *operator) error {
	runs, err := s.store.ImportRuns(r.Context(), 20)
	if err != nil {
		return err
	}
	p := importsPage{adminBase: s.adminBase(r, op, "admin.imports"), Runs: runs}
	if p.Stats, err = s.store.Stats(r.Context()); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "imports", p)
}
