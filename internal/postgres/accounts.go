package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/jackc/pgx/v5"
)

const userColumns = `id, name, role, password_hash, disabled, created_at, last_login`

func scanUser(sc scanner) (baogao.User, error) {
	var u baogao.User
	var last *time.Time
	err := sc.Scan(&u.ID, &u.Name, (*string)(&u.Role), &u.PasswordHash, &u.Disabled, &u.CreatedAt, &last)
	u.CreatedAt, u.LastLogin = u.CreatedAt.UTC(), orZero(last)
	return u, err
}

// AddUser stores a new operator.
func (s *Store) AddUser(ctx context.Context, u *baogao.User) error {
	if strings.TrimSpace(u.Name) == "" || !u.Role.Valid() || strings.IndexByte(u.Name, 0) >= 0 {
		return baogao.Errorf(baogao.EINVALID, "an operator needs a name and the role moderator or admin")
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = s.now()
	}
	u.CreatedAt = u.CreatedAt.UTC().Truncate(usec)
	err := s.db.QueryRow(ctx, `INSERT INTO users (name, role, password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5)
		RETURNING id`, u.Name, string(u.Role), u.PasswordHash, u.Disabled, u.CreatedAt).Scan(&u.ID)
	if isUnique(err, "users_name_key") {
		return baogao.Errorf(baogao.ECONFLICT, "operator %q exists", u.Name)
	}
	if err != nil {
		return fmt.Errorf("add user: %w", err)
	}
	return nil
}

// User returns the operator with the name.
func (s *Store) User(ctx context.Context, name string) (baogao.User, error) {
	u, err := scanUser(s.db.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE name = $1`, name))
	if err != nil {
		return u, notFound(err, "no operator %q", name)
	}
	return u, nil
}

// Users returns every operator by name.
func (s *Store) Users(ctx context.Context) ([]baogao.User, error) {
	rows, err := s.db.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY name COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (baogao.User, error) { return scanUser(r) })
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	return nonNil(out), nil
}

// UpdateUser stores an operator's role, password, disabled flag and last login.
func (s *Store) UpdateUser(ctx context.Context, u baogao.User) error {
	if !u.Role.Valid() {
		return baogao.Errorf(baogao.EINVALID, "unknown role %q", u.Role)
	}
	return s.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET role = $1, password_hash = $2, disabled = $3, last_login = $4 WHERE id = $5`,
			string(u.Role), u.PasswordHash, u.Disabled, nullTime(u.LastLogin), u.ID)
		if err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "no operator %d", u.ID)
		}
		if u.Disabled {
			_, err = tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID)
		}
		return err
	})
}

// RemoveUser deletes an operator and, by the foreign key, their sessions.
func (s *Store) RemoveUser(ctx context.Context, name string) error {
	tag, err := s.db.Exec(ctx, `DELETE FROM users WHERE name = $1`, name)
	if err != nil {
		return fmt.Errorf("remove user: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return baogao.Errorf(baogao.ENOTFOUND, "no operator %q", name)
	}
	return nil
}

// AddSession stores a session.
func (s *Store) AddSession(ctx context.Context, se baogao.Session) error {
	_, err := s.db.Exec(ctx, `INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		se.ID, se.UserID, se.CSRF, se.CreatedAt.UTC().Truncate(usec), se.ExpiresAt.UTC().Truncate(usec))
	if err != nil {
		return fmt.Errorf("add session: %w", err)
	}
	return nil
}

// Session returns a live session and its operator.
func (s *Store) Session(ctx context.Context, id string, now time.Time) (baogao.Session, baogao.User, error) {
	var se baogao.Session
	var u baogao.User
	var last *time.Time
	err := s.db.QueryRow(ctx, `SELECT s.id, s.user_id, s.csrf, s.created_at, s.expires_at, u.id, u.name, u.role, u.password_hash,
		u.disabled, u.created_at, u.last_login FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.id = $1 AND s.expires_at > $2 AND NOT u.disabled`, id, now.UTC().Truncate(usec)).
		Scan(&se.ID, &se.UserID, &se.CSRF, &se.CreatedAt, &se.ExpiresAt, &u.ID, &u.Name, (*string)(&u.Role), &u.PasswordHash,
			&u.Disabled, &u.CreatedAt, &last)
	if err != nil {
		return se, u, notFound(err, "no session")
	}
	se.CreatedAt, se.ExpiresAt = se.CreatedAt.UTC(), se.ExpiresAt.UTC()
	u.CreatedAt, u.LastLogin = u.CreatedAt.UTC(), orZero(last)
	return se, u, nil
}

// DeleteSessions ends an operator's sessions but one.
func (s *Store) DeleteSessions(ctx context.Context, userID int64, keep string) error {
	if _, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id <> $2`, userID, keep); err != nil {
		return fmt.Errorf("delete sessions: %w", err)
	}
	return nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	if _, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// AddAudit records an operator's action.
func (s *Store) AddAudit(ctx context.Context, e baogao.AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	_, err := s.db.Exec(ctx, `INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)`,
		e.At.UTC().Truncate(usec), e.Actor, e.Action, e.Target, e.Detail)
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
	rows, err := s.db.Query(ctx, `SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2`,
		limit, max(offset, 0))
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (baogao.AuditEntry, error) {
		var e baogao.AuditEntry
		err := r.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Target, &e.Detail)
		e.At = e.At.UTC()
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return nonNil(out), nil
}

// Setting returns a setting's value.
func (s *Store) Setting(ctx context.Context, name string) (string, error) {
	var v string
	if err := s.db.QueryRow(ctx, `SELECT value FROM settings WHERE name = $1`, name).Scan(&v); err != nil {
		return "", notFound(err, "setting %q is not set", name)
	}
	return v, nil
}

// SetSetting stores a setting.
func (s *Store) SetSetting(ctx context.Context, name, value string) error {
	_, err := s.db.Exec(ctx, `INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
		name, value)
	if err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	return nil
}
