package web

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/account"
)

const (
	sessionCookie   = "session"
	loginCSRFCookie = "login_csrf"
	sessionLife     = 12 * time.Hour
)

// operator is the logged-in operator of a request to /admin/.
type operator struct {
	baogao.User
	session baogao.Session
}

// operatorHandler serves a request of a logged-in operator.
type operatorHandler func(w http.ResponseWriter, r *http.Request, op *operator) error

// operatorOnly is the /admin/ group's gate: the request needs a live
// session of an operator whose role allows need, and a state-changing
// request also the session's form token (for browsers that send neither
// Origin nor Sec-Fetch-Site, which CrossOriginProtection lets through).
// A reader without a session is sent to the login page.
func (s *Server) operatorOnly(need baogao.Role, h operatorHandler) http.Handler {
	return s.action(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("X-Robots-Tag", "noindex")
		op, err := s.operatorOf(r)
		if baogao.ErrorCode(err) == baogao.ENOTFOUND {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/admin/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return nil
			}
			return baogao.Errorf(baogao.EUNAUTHORIZED, "请先登录。")
		}
		if err != nil {
			return err
		}
		if !op.Role.Allows(need) {
			s.log.Warn("operator lacks the role", "user", op.Name, "role", op.Role, "need", need, "path", r.URL.Path)
			return baogao.Errorf(baogao.EFORBIDDEN, "您没有权限进行这项操作。")
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := r.ParseForm(); err != nil {
				return baogao.Errorf(baogao.EINVALID, "表单无法读取。")
			}
			if subtle.ConstantTimeCompare([]byte(r.PostForm.Get("csrf")), []byte(op.session.CSRF)) != 1 {
				s.log.Warn("form token missing or wrong", "user", op.Name, "path", r.URL.Path)
				return baogao.Errorf(baogao.EFORBIDDEN, "表单已过期，请返回刷新后重试。")
			}
		}
		return h(w, r, op)
	})
}

// operatorOf returns the request's operator, or ENOTFOUND without a live
// session.
func (s *Server) operatorOf(r *http.Request) (*operator, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, baogao.Errorf(baogao.ENOTFOUND, "no session")
	}
	se, u, err := s.store.Session(r.Context(), tokenID(c.Value), time.Now())
	if err != nil {
		return nil, err
	}
	return &operator{User: u, session: se}, nil
}

// tokenID is what the store keeps of a session token.
func tokenID(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// loginPage is the data of the login form.
type loginPage struct {
	base
	CSRF, Next, Name, Error string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	token := rand.Text()
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: token, Path: "/admin/", HttpOnly: true,
		Secure: s.secureRequest(r), SameSite: http.SameSiteStrictMode, MaxAge: 3600})
	lang := langOf(r)
	return s.render(w, r, http.StatusOK, "login", loginPage{base: base{Lang: lang, Title: message(lang, "admin.login"),
		Path: r.URL.Path, NoIndex: true}, CSRF: token, Next: localNext(r.URL.Query().Get("next"))})
}

// localNext keeps a post-login destination only when it is a page of the
// operator's desk (no open redirect).
func localNext(next string) string {
	if !strings.HasPrefix(next, "/admin/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/admin/"
	}
	return next
}

// login checks a name and password. Failures are counted per name and per
// client in the database; past Limits.LoginFailures within
// Limits.LoginLockout the name is locked out for the rest of that time,
// right password or not, and so is a client past four times as many (one
// address guessing many names; an office behind one address has room).
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	lang := langOf(r)
	if err := r.ParseForm(); err != nil {
		return baogao.Errorf(baogao.EINVALID, "表单无法读取。")
	}
	page := loginPage{base: base{Lang: lang, Title: message(lang, "admin.login"), Path: r.URL.Path, NoIndex: true},
		Next: localNext(r.PostForm.Get("next")), Name: r.PostForm.Get("name")}
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostForm.Get("csrf"))) != 1 {
		return baogao.Errorf(baogao.EFORBIDDEN, "表单已过期，请返回刷新后重试。")
	}
	page.CSRF = c.Value
	client, err := s.client(r)
	if err != nil {
		return err
	}
	name, password := r.PostForm.Get("name"), r.PostForm.Get("password")
	now := time.Now()
	keys := []string{"login-name:" + name, "login-client:" + client}
	for i, k := range keys {
		rc, err := s.store.Hit(ctx, k, s.limits.LoginLockout, now, 0)
		if err != nil {
			return err
		}
		// Rounded up: just after a window's start the estimate of the
		// failures just before it is a hair under their count.
		if math.Ceil(rc.Sliding(now, s.limits.LoginLockout)) >= float64(s.limits.LoginFailures*(1+3*i)) {
			s.log.Warn("login locked out", "user", name, "key", strings.SplitN(k, ":", 2)[0])
			page.Error = message(lang, "admin.login.locked")
			return s.render(w, r, http.StatusTooManyRequests, "login", page)
		}
	}
	u, err := s.store.User(ctx, name)
	ok := false
	switch {
	case baogao.ErrorCode(err) == baogao.ENOTFOUND:
		account.DummyVerify(password)
	case err != nil:
		return err
	default:
		ok = account.Verify(password, u.PasswordHash) && !u.Disabled
	}
	if !ok {
		for _, k := range keys {
			if _, err := s.store.Hit(ctx, k, s.limits.LoginLockout, now, 1); err != nil {
				return err
			}
		}
		s.log.Warn("login failed", "user", name)
		page.Error = message(lang, "admin.login.failed")
		return s.render(w, r, http.StatusUnauthorized, "login", page)
	}
	token := rand.Text() + rand.Text()
	se := baogao.Session{ID: tokenID(token), UserID: u.ID, CSRF: rand.Text(), CreatedAt: now, ExpiresAt: now.Add(sessionLife)}
	if err := s.store.AddSession(ctx, se); err != nil {
		return err
	}
	u.LastLogin = now
	if err := s.store.UpdateUser(ctx, u); err != nil {
		return err
	}
	s.audit(r, u.Name, "login", "", "")
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/admin/", HttpOnly: true, Secure: s.secureRequest(r),
		SameSite: http.SameSiteStrictMode, MaxAge: int(sessionLife / time.Second)})
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Path: "/admin/", MaxAge: -1})
	http.Redirect(w, r, page.Next, http.StatusSeeOther)
	return nil
}

// logout ends this session, or with everywhere=1 every session of the
// operator.
func (s *Server) logout(w http.ResponseWriter, r *http.Request, op *operator) error {
	var err error
	if r.PostForm.Get("everywhere") != "" {
		err = s.store.DeleteSessions(r.Context(), op.ID, "")
		s.audit(r, op.Name, "logout.everywhere", "", "")
	} else {
		err = s.store.DeleteSession(r.Context(), op.session.ID)
	}
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/admin/", MaxAge: -1, HttpOnly: true})
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
	return nil
}

// audit records an operator's action; a failure to record is logged, not
// shown (the action itself has happened).
func (s *Server) audit(r *http.Request, actor, action, target, detail string) {
	if err := s.store.AddAudit(r.Context(), baogao.AuditEntry{Actor: actor, Action: action, Target: target, Detail: detail}); err != nil {
		s.log.Error("recording an audit entry", "action", action, "err", err)
	}
	s.log.Info("operator action", "user", actor, "action", action, "target", target)
}
