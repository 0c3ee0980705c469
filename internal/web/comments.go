package web

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/moderate"
	"github.com/dchest/captcha"
)

// Comment limits: what a reader may write, and how long a captcha lives.
const (
	maxCommentRunes = 2000
	maxCommentLines = 60
	maxNameRunes    = 32
	maxCommentBody  = 32 << 10 // the whole form
	captchaDigits   = 6
	captchaLife     = 10 * time.Minute
	captchaCookie   = "captcha"
	captchaWidth    = 240
	captchaHeight   = 80
	commentWindow   = 10 * time.Minute
)

// commentForm is the data of the comment form, on the document page and on
// the page that answers a refused comment.
type commentForm struct {
	DocID        int64
	Action       string // /comments/{id}/
	ParentID     int64
	Name, Text   string
	Error        string
	Captcha      string // the captcha image's URL
	CaptchaAudio string
}

func newCommentForm(docID int64) commentForm {
	base := "/comments/" + strconv.FormatInt(docID, 10) + "/"
	return commentForm{DocID: docID, Action: base, Captcha: base + "captcha.png", CaptchaAudio: base + "captcha.wav"}
}

// commentPage is the page that answers a comment the site refused: the
// reason and the form again, with what the reader wrote.
type commentPage struct {
	base
	Doc  *baogao.Document
	Form commentForm
}

// commentDocID reads the {id} of a /comments/{id}/ route.
func commentDocID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, baogao.Errorf(baogao.ENOTFOUND, "页面不存在")
	}
	return id, nil
}

// captchaImage makes a new captcha for the comment form of one document:
// its answer goes to the database, its id to a cookie that only that
// document's comment routes receive, and its picture to the reader. The
// document page stays the same for every reader (and cacheable); the
// cookie ties the answer to the reader who saw it.
func (s *Server) captchaImage(w http.ResponseWriter, r *http.Request) error {
	docID, err := commentDocID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	client, err := s.client(r)
	if err != nil {
		return err
	}
	ok, err := s.limiter.allow(ctx, rateLimit{name: "captcha", n: s.limits.CaptchasPerClient, window: commentWindow}, client, time.Now())
	if err != nil {
		return err
	}
	if !ok {
		return baogao.Errorf(baogao.ERATELIMITED, "验证码请求太频繁，请稍后再试。")
	}
	id := rand.Text()
	digits := captcha.RandomDigits(captchaDigits)
	if err := s.store.PutCaptcha(ctx, id, digitString(digits), time.Now().Add(captchaLife)); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: captchaCookie, Value: id, Path: "/comments/" + strconv.FormatInt(docID, 10) + "/",
		MaxAge: int(captchaLife / time.Second), HttpOnly: true, Secure: s.secureRequest(r), SameSite: http.SameSiteStrictMode})
	var buf bytes.Buffer
	captcha.NewImage(id, digits, captchaWidth, captchaHeight).WriteTo(&buf)
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
	return nil
}

// captchaAudio speaks the digits of the reader's current captcha, for
// readers who cannot see the picture.
func (s *Server) captchaAudio(w http.ResponseWriter, r *http.Request) error {
	if _, err := commentDocID(r); err != nil {
		return err
	}
	c, err := r.Cookie(captchaCookie)
	if err != nil {
		return baogao.Errorf(baogao.ENOTFOUND, "请先打开评论表单，看到验证码图片后再收听。")
	}
	answer, err := s.store.Captcha(r.Context(), c.Value, time.Now())
	if err != nil {
		return baogao.Errorf(baogao.ENOTFOUND, "验证码已过期，请刷新页面。")
	}
	lang := "zh"
	if langOf(r) == langEN {
		lang = "en"
	}
	var buf bytes.Buffer
	captcha.NewAudio(c.Value, digitBytes(answer), lang).WriteTo(&buf)
	h := w.Header()
	h.Set("Content-Type", "audio/wav")
	h.Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
	return nil
}

func digitString(d []byte) string {
	b := make([]byte, len(d))
	for i, x := range d {
		b[i] = '0' + x
	}
	return string(b)
}

func digitBytes(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b = append(b, byte(c-'0'))
		}
	}
	return b
}

// answerDigits keeps the digits of a typed answer, full-width ones too.
func answerDigits(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c >= '０' && c <= '９':
			b.WriteRune('0' + c - '０')
		}
	}
	return b.String()
}

// formError is a refusal of a comment that the reader can put right: the
// form is shown again with the message.
type formError struct {
	status int
	key    string // message key
}

func (e *formError) Error() string { return e.key }

// postComment takes a reader's comment: the form checked, then the
// honeypot, blocks, rate limits and the captcha, then moderation.
func (s *Server) postComment(w http.ResponseWriter, r *http.Request) error {
	docID, err := commentDocID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	lang := langOf(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxCommentBody)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &baogao.Error{Code: baogao.ETOOLARGE, Message: message(lang, "comment.toolong")}
		}
		return &baogao.Error{Code: baogao.EINVALID, Message: message(lang, "comment.invalid")}
	}
	doc, err := s.store.Document(ctx, docID)
	if baogao.ErrorCode(err) == baogao.ENOTFOUND {
		return &baogao.Error{Code: baogao.ENOTFOUND, Message: message(lang, "comment.nodoc")}
	}
	if err != nil {
		return err
	}
	form := newCommentForm(docID)
	form.Name, form.Text = r.PostForm.Get("name"), r.PostForm.Get("text")
	form.ParentID, _ = strconv.ParseInt(r.PostForm.Get("parent"), 10, 64)
	refuse := func(fe *formError) error {
		form.Error = message(lang, fe.key)
		if !utf8.ValidString(form.Name) || !utf8.ValidString(form.Text) {
			form.Name, form.Text = "", ""
		}
		p := commentPage{base: base{Lang: lang, Title: message(lang, "comment.title"), Path: doc.URL(), NoIndex: true}, Doc: doc, Form: form}
		return s.render(w, r, fe.status, "comment", p)
	}
	c, fe := checkComment(form.Name, form.Text)
	if fe != nil {
		return refuse(fe)
	}
	settings, err := s.settings(ctx)
	if err != nil {
		return err
	}
	if moderate.Impersonates(c.Name, settings.operators) {
		return refuse(&formError{http.StatusBadRequest, "comment.name.reserved"})
	}
	pending := doc.URL() + "?comment=pending#comments"
	if r.PostForm.Get("website") != "" { // the honeypot: only robots fill it in
		s.log.Info("comment refused: honeypot filled", "document", docID)
		http.Redirect(w, r, pending, http.StatusSeeOther)
		return nil
	}
	client, err := s.client(r)
	if err != nil {
		return err
	}
	now := time.Now()
	if blocked, err := s.store.ClientBlocked(ctx, client, now); err != nil {
		return err
	} else if blocked {
		return refuse(&formError{http.StatusForbidden, "comment.blocked"})
	}
	for _, lim := range []struct {
		rateLimit
		key string
	}{
		{rateLimit{name: "comment", n: s.limits.CommentsPerClient, window: commentWindow}, client},
		{rateLimit{name: "comment-doc", n: s.limits.CommentsPerDocument, window: commentWindow}, strconv.FormatInt(docID, 10)},
	} {
		ok, err := s.limiter.allow(ctx, lim.rateLimit, lim.key, now)
		if err != nil {
			return err
		}
		if !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(commentWindow/time.Second)))
			return refuse(&formError{http.StatusTooManyRequests, "comment.ratelimited"})
		}
	}
	cookie, err := r.Cookie(captchaCookie)
	if err != nil || cookie.Value == "" {
		return refuse(&formError{http.StatusBadRequest, "comment.captcha.missing"})
	}
	answer, err := s.store.TakeCaptcha(ctx, cookie.Value, now)
	switch {
	case baogao.ErrorCode(err) == baogao.ENOTFOUND:
		return refuse(&formError{http.StatusBadRequest, "comment.captcha.expired"})
	case err != nil:
		return err
	case subtle.ConstantTimeCompare([]byte(answerDigits(r.PostForm.Get("captcha"))), []byte(answer)) != 1:
		return refuse(&formError{http.StatusBadRequest, "comment.captcha.wrong"})
	}
	c.DocumentID, c.ParentID, c.ClientHash = docID, form.ParentID, client
	c.Status = baogao.CommentPending
	switch word, held := settings.filter.Match(c.Name + "\n" + c.Text); {
	case held:
		c.Held = "word:" + word
	case settings.PostModeration:
		c.Status = baogao.CommentPublished
	default:
		c.Held = "premoderation"
	}
	if err := s.store.AddComment(ctx, &c); err != nil {
		if baogao.ErrorCode(err) == baogao.EINVALID {
			return refuse(&formError{http.StatusBadRequest, "comment.parent"})
		}
		return err
	}
	s.log.Info("comment received", "id", c.ID, "document", docID, "status", c.Status, "held", c.Held)
	to := pending
	if c.Status == baogao.CommentPublished {
		to = doc.URL() + "?comment=published#comment-" + strconv.FormatInt(c.ID, 10)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// checkComment checks a reader's name and text and returns them cleaned:
// line breaks as \n, spaces trimmed. It refuses text that is not UTF-8,
// control and bidirectional-override characters (which could disguise
// text), and names and texts over the limits.
func checkComment(name, text string) (baogao.Comment, *formError) {
	if !utf8.ValidString(name) || !utf8.ValidString(text) {
		return baogao.Comment{}, &formError{http.StatusBadRequest, "comment.invalid"}
	}
	text = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"))
	name = strings.TrimSpace(name)
	for _, s := range []string{name, text} {
		for _, c := range s {
			if (unicode.IsControl(c) && c != '\n' && c != '\t') || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) {
				return baogao.Comment{}, &formError{http.StatusBadRequest, "comment.invalid"}
			}
		}
	}
	switch {
	case strings.ContainsRune(name, '\n') || utf8.RuneCountInString(name) > maxNameRunes:
		return baogao.Comment{}, &formError{http.StatusBadRequest, "comment.name.invalid"}
	case text == "":
		return baogao.Comment{}, &formError{http.StatusBadRequest, "comment.empty"}
	case utf8.RuneCountInString(text) > maxCommentRunes || strings.Count(text, "\n") >= maxCommentLines:
		return baogao.Comment{}, &formError{http.StatusBadRequest, "comment.toolong"}
	}
	return baogao.Comment{Name: name, Text: text}, nil
}

// urlPattern finds the web addresses in a comment, to link them.
var urlPattern = regexp.MustCompile(`https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+`)

// commentText writes a comment's text as HTML: escaped, line breaks kept,
// web addresses linked with rel="nofollow ugc" (readers' links earn
// nothing from search engines and open without our referrer).
func commentText(w *htmlWriter, text string) {
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			w.raw("<br>")
		}
		last := 0
		for _, m := range urlPattern.FindAllStringIndex(line, -1) {
			u := strings.TrimRight(line[m[0]:m[1]], ".,;:!?')")
			end := m[0] + len(u)
			w.text(line[last:m[0]])
			w.raw(`<a href="`)
			w.text(u)
			w.raw(`" rel="nofollow ugc noopener noreferrer">`)
			w.text(u)
			w.raw("</a>")
			last = end
		}
		w.text(line[last:])
	}
}

// commentThreads writes the published comments as threads one level deep:
// top-level comments in the reader's order, each followed by its replies,
// oldest first.
func commentThreads(lang string, comments []baogao.Comment, newest bool, docURL string) template.HTML {
	replies := map[int64][]baogao.Comment{}
	var top []baogao.Comment
	for _, c := range comments {
		if c.ParentID != 0 {
			replies[c.ParentID] = append(replies[c.ParentID], c)
		} else {
			top = append(top, c)
		}
	}
	if newest {
		for i, j := 0, len(top)-1; i < j; i, j = i+1, j-1 {
			top[i], top[j] = top[j], top[i]
		}
	}
	var w htmlWriter
	one := func(c baogao.Comment, reply bool) {
		id := strconv.FormatInt(c.ID, 10)
		w.raw(`<article class="comment" id="comment-`, id, `"><header><b>`)
		if c.Name == "" {
			w.text(message(lang, "comment.anonymous"))
		} else {
			w.text(c.Name)
		}
		w.raw(`</b> <time datetime="`, c.CreatedAt.UTC().Format(time.RFC3339), `">`, c.CreatedAt.In(chinaTime).Format("2006-01-02 15:04"), `</time>`)
		if !reply {
			w.raw(` <a class="reply" href="`)
			w.text(docURL + "?reply=" + id + "#comment-form")
			w.raw(`">`)
			w.text(message(lang, "comment.reply"))
			w.raw("</a>")
		}
		w.raw("</header><p>")
		commentText(&w, c.Text)
		w.raw("</p>")
	}
	for _, c := range top {
		one(c, false)
		if rs := replies[c.ID]; len(rs) > 0 {
			w.raw(`<div class="replies">`)
			for _, r := range rs {
				one(r, true)
				w.raw("</article>")
			}
			w.raw("</div>")
		}
		w.raw("</article>\n")
	}
	return w.html()
}

// chinaTime is the zone readers read times in.
var chinaTime = time.FixedZone("CST", 8*3600)
