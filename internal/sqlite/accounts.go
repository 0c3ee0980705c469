package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/baogao/baogao"
	"time"
)

const userColumns = `id, name, role, password_hash, disabled, created_at, last_login`

func scanUser(sc scanner) (baogao.User, error) {
	var u baogao.User
	var created, last string
	err := sc.Scan(&u.ID, &u.Name, (*string)(&u.Role), &u.PasswordHash, &u.Disabled, &created, &last)
	u.CreatedAt, u.LastLogin = parseTime(created), parseTime(last)
	return u, err
}

// AddUser stores a new operator.
func (s *Store) AddUser(ctx context.Context, u *baogao.User) error {
	if strings.TrimSpace(u.Name) == "" || !u.Role.Valid() {
		return baogao.Errorf(baogao.EINVALID, "an operator needs a name and the role moderator or admin")
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = s.now()
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE name = ?`, u.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return baogao.Errorf(baogao.ECONFLICT, "operator %q exists", u.Name)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO users (name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?)`,
			u.Name, string(u.Role), u.PasswordHash, u.Disabled, fmtTime(u.CreatedAt))
		if err != nil {
			return fmt.Errorf("add user: %w", err)
		}
		u.ID, err = res.LastInsertId()
		return err
	})
}

// User returns the operator with the name.
func (s *Store) User(ctx context.Context, name string) (baogao.User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE name = ?`, name))
	if err != nil {
		return u, notFound(err, "no operator %q", name)
	}
	return u, nil
}

// Users returns every operator by name.
func (s *Store) Users(ctx context.Context) ([]baogao.User, error) {
	rows, err := s.query(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	defer rows.Close()
	out := []baogao.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UpdateUser stores an operator's role, password, disabled flag and last login.
func (s *Store) UpdateUser(ctx context.Context, u baogao.User) error {
	if !u.Role.Valid() {
		return baogao.Errorf(baogao.EINVALID, "unknown role %q", u.Role)
	}
	last := ""
	if !u.LastLogin.IsZero() {
		last = fmtTime(u.LastLogin)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET role = ?, password_hash = ?, disabled = ?, last_login = ? WHERE id = ?`,
			string(u.Role), u.PasswordHash, u.Disabled, last, u.ID)
		if err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "no operator %d", u.ID)
		}
		if u.Disabled {
			_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID)
		}
		return err
	})
}

// RemoveUser deletes an operator and their sessions.
func (s *Store) RemoveUser(ctx context.Context, name string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = ?)`, name); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM users WHERE name = ?`, name)
		if err != nil {
			return fmt.Errorf("remove user: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "no operator %q", name)
		}
		return nil
	})
}

// AddSession stores a session.
func (s *Store) AddSession(ctx context.Context, se baogao.Session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		se.ID, se.UserID, se.CSRF, fmtTime(se.CreatedAt), fmtTime(se.ExpiresAt))
	if err != nil {
		return fmt.Errorf("add session: %w", err)
	}
	return nil
}

// Session returns a live session and its operator.
func (s *Store) Session(ctx context.Context, id string, now time.Time) (baogao.Session, baogao.User, error) {
	var se baogao.Session
	var created, expires string
	row := s.queryRow(ctx, `SELECT s.id, s.user_id, s.csrf, s.created_at, s.expires_at, u.id, u.name, u.role, u.password_hash,
		u.disabled, u.created_at, u.last_login FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.id = ? AND s.expires_at > ? AND NOT u.disabled`, id, fmtTime(now))
	var u baogao.User
	var ucreated, ulast string
	err := row.Scan(&se.ID, &se.UserID, &se.CSRF, &created, &expires, &u.ID, &u.Name, (*string)(&u.Role), &u.PasswordHash,
		&u.Disabled, &ucreated, &ulast)
	if err != nil {
		return se, u, notFound(err, "no session")
	}
	se.CreatedAt, se.ExpiresAt = parseTime(created), parseTime(expires)
	u.CreatedAt, u.LastLogin = parseTime(ucreated), parseTime(ulast)
	return se, u, nil
}

// DeleteSessions ends an operator's sessions but one.
func (s *Store) DeleteSessions(ctx context.Context, userID int64, keep string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ? AND id != ?`, userID, keep)
	if err != nil {
		return fmt.Errorf("delete sessions: %w", err)
	}
	return nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// AddAudit records an operator's action.
func (s *Store) AddAudit(ctx context.Context, e baogao.AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)`,
		fmtTime(e.At), e.Actor, e.Action, e.Target, e.Detail)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// Audit returns audit entries, newest first.
func (s *Store) Audit(ctx context.Context, limit, offset int) ([]baogao.AuditEntry, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.query(ctx, `SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?`, limit, max(offset, 0))
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	defer rows.Close()
	out := []baogao.AuditEntry{}
	for rows.Next() {
		var e baogao.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Target, &e.Detail); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Setting returns a setting's value.
func (s *Store) Setting(ctx context.Context, name string) (string, error) {
	var v string
	if err := s.queryRow(ctx, `SELECT value FROM settings WHERE name = ?`, name).Scan(&v); err != nil {
		return "", notFound(err, "setting %q is not set", name)
	}
	return v, nil
}

// SetSetting stores a setting.
func (s *Store) SetSetting(ctx context.Context, name, value string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value)
	if err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	return nil
}
