package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/jackc/pgx/v5"
)

// usec is the precision of stored times (PostgreSQL's, and the SQLite
// store's).
const usec = time.Microsecond

// nullTime is a time for a nullable column: NULL when zero.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(usec)
}

// orZero is a nullable time read back: zero for NULL.
func orZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

const commentColumns = `id, document_id, parent_id, name, text, status, held, client_hash, created_at, moderated_at, moderated_by`

func scanComment(sc scanner) (baogao.Comment, error) {
	var c baogao.Comment
	var moderated *time.Time
	err := sc.Scan(&c.ID, &c.DocumentID, &c.ParentID, &c.Name, &c.Text, (*string)(&c.Status), &c.Held, &c.ClientHash,
		&c.CreatedAt, &moderated, &c.ModeratedBy)
	c.CreatedAt, c.ModeratedAt = c.CreatedAt.UTC(), orZero(moderated)
	return c, err
}

// AddComment stores a new comment.
func (s *Store) AddComment(ctx context.Context, c *baogao.Comment) error {
	if !c.Status.Valid() {
		return baogao.Errorf(baogao.EINVALID, "unknown comment status %q", c.Status)
	}
	if strings.IndexByte(c.Text+c.Name, 0) >= 0 {
		return baogao.Errorf(baogao.EINVALID, "a comment cannot hold a NUL character")
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = s.now()
	}
	c.CreatedAt = c.CreatedAt.UTC().Truncate(usec)
	return s.tx(ctx, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM documents WHERE id = $1`, c.DocumentID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", c.DocumentID)
		}
		if c.ParentID != 0 {
			err := tx.QueryRow(ctx, `SELECT count(*) FROM comments WHERE id = $1 AND document_id = $2 AND parent_id = 0
				AND status = 'published'`, c.ParentID, c.DocumentID).Scan(&n)
			if err != nil {
				return err
			}
			if n == 0 {
				return baogao.Errorf(baogao.EINVALID, "comment %d is not a published comment of document %d", c.ParentID, c.DocumentID)
			}
		}
		err := tx.QueryRow(ctx, `INSERT INTO comments (document_id, parent_id, name, text, status, held, client_hash, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, c.DocumentID, c.ParentID, c.Name, c.Text, string(c.Status), c.Held,
			c.ClientHash, c.CreatedAt).Scan(&c.ID)
		if err != nil {
			return fmt.Errorf("add comment: %w", err)
		}
		return nil
	})
}

// Comment returns one comment.
func (s *Store) Comment(ctx context.Context, id int64) (baogao.Comment, error) {
	c, err := scanComment(s.db.QueryRow(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = $1`, id))
	if err != nil {
		return c, notFound(err, "comment %d not found", id)
	}
	return c, nil
}

// Comments returns a page of comments.
func (s *Store) Comments(ctx context.Context, f baogao.CommentFilter) (baogao.CommentPage, error) {
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if f.DocumentID != 0 {
		add("document_id = $%d", f.DocumentID)
	}
	if f.Status != "" {
		add("status = $%d", string(f.Status))
	}
	if f.ClientHash != "" {
		add("client_hash = $%d", f.ClientHash)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	order := " ORDER BY id"
	if f.Newest {
		order = " ORDER BY id DESC"
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	page := baogao.CommentPage{Comments: []baogao.Comment{}}
	b := &pgx.Batch{}
	b.Queue(`SELECT count(*) FROM comments`+where, args...).QueryRow(func(r pgx.Row) error { return r.Scan(&page.Total) })
	b.Queue(`SELECT `+commentColumns+` FROM comments`+where+order+fmt.Sprintf(` LIMIT $%d OFFSET $%d`, len(args)+1, len(args)+2),
		append(args, limit, max(f.Offset, 0))...).Query(func(rows pgx.Rows) error {
		cs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (baogao.Comment, error) { return scanComment(r) })
		page.Comments = append(page.Comments, cs...)
		return err
	})
	if err := s.db.SendBatch(ctx, b).Close(); err != nil {
		return page, fmt.Errorf("comments: %w", err)
	}
	return page, nil
}

// ModerateComments sets the status of comments, in one statement.
func (s *Store) ModerateComments(ctx context.Context, ids []int64, status baogao.CommentStatus, by string) (int, error) {
	if !status.Valid() {
		return 0, baogao.Errorf(baogao.EINVALID, "unknown comment status %q", status)
	}
	defer s.version.changed()
	tag, err := s.db.Exec(ctx, `UPDATE comments SET status = $1, moderated_at = $2, moderated_by = $3 WHERE id = ANY($4)`,
		string(status), s.now().UTC().Truncate(usec), by, ids)
	if err != nil {
		return 0, fmt.Errorf("moderate comments: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// ImportComments stores exported comments under their ids, and moves the
// ids' sequence past them.
func (s *Store) ImportComments(ctx context.Context, cs []baogao.Comment) (int, error) {
	for _, c := range cs {
		if strings.TrimSpace(c.Text) == "" || !c.Status.Valid() || c.DocumentID <= 0 {
			return 0, baogao.Errorf(baogao.EINVALID, "comment %d: a comment needs a document, text and a known status", c.ID)
		}
		if strings.IndexByte(c.Text+c.Name, 0) >= 0 {
			return 0, baogao.Errorf(baogao.EINVALID, "comment %d: a comment cannot hold a NUL character", c.ID)
		}
	}
	n := 0
	err := s.tx(ctx, func(tx pgx.Tx) error {
		for _, c := range cs {
			created := c.CreatedAt
			if created.IsZero() {
				created = s.now()
			}
			q := `INSERT INTO comments (document_id, parent_id, name, text, status, held, client_hash, created_at, moderated_at,
				moderated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`
			args := []any{c.DocumentID, c.ParentID, c.Name, c.Text, string(c.Status), c.Held, c.ClientHash, created.UTC().Truncate(usec),
				nullTime(c.ModeratedAt), c.ModeratedBy}
			if c.ID > 0 {
				q = `INSERT INTO comments (id, document_id, parent_id, name, text, status, held, client_hash, created_at, moderated_at,
					moderated_by) VALUES ($11, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`
				args = append(args, c.ID)
			}
			tag, err := tx.Exec(ctx, q, args...)
			if err != nil {
				return fmt.Errorf("import comment %d: %w", c.ID, err)
			}
			n += int(tag.RowsAffected())
		}
		return syncSequence(ctx, tx, "comments")
	})
	return n, err
}

// syncSequence moves a table's id sequence past its greatest id, after
// rows were stored under ids of their own.
func syncSequence(ctx context.Context, tx pgx.Tx, table string) error {
	_, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), greatest((SELECT max(id) FROM `+table+`), 1))`, table)
	if err != nil {
		return fmt.Errorf("%s: id sequence: %w", table, err)
	}
	return nil
}

// BlockClient blocks a client hash until a time.
func (s *Store) BlockClient(ctx context.Context, clientHash string, until time.Time, by string) error {
	_, err := s.db.Exec(ctx, `INSERT INTO blocked_clients (client_hash, until, blocked_by, blocked_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (client_hash) DO UPDATE SET until = excluded.until, blocked_by = excluded.blocked_by, blocked_at = excluded.blocked_at`,
		clientHash, until.UTC().Truncate(usec), by, s.now().UTC().Truncate(usec))
	if err != nil {
		return fmt.Errorf("block client: %w", err)
	}
	return nil
}

// ClientBlocked reports whether a client hash is blocked.
func (s *Store) ClientBlocked(ctx context.Context, clientHash string, now time.Time) (bool, error) {
	var blocked bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM blocked_clients WHERE client_hash = $1 AND until > $2)`,
		clientHash, now.UTC().Truncate(usec)).Scan(&blocked)
	if err != nil {
		return false, fmt.Errorf("client blocked: %w", err)
	}
	return blocked, nil
}

// Hit counts hits in fixed windows: one statement, which adds the hits and
// reads the previous window's.
func (s *Store) Hit(ctx context.Context, key string, window time.Duration, now time.Time, n int) (baogao.RateCount, error) {
	if window < time.Second {
		return baogao.RateCount{}, baogao.Errorf(baogao.EINVALID, "a rate window must be at least a second")
	}
	w := int64(window / time.Second)
	start := now.Unix() / w * w
	rc := baogao.RateCount{Start: time.Unix(start, 0)}
	var err error
	if n > 0 {
		err = s.db.QueryRow(ctx, `WITH hit AS (INSERT INTO rate_counters (key, window_start, hits, expires_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_counters.hits + excluded.hits RETURNING hits)
			SELECT (SELECT hits FROM hit), coalesce((SELECT hits FROM rate_counters WHERE key = $1 AND window_start = $5), 0)`,
			key, start, n, start+2*w, start-w).Scan(&rc.Current, &rc.Previous)
	} else {
		err = s.db.QueryRow(ctx, `SELECT coalesce((SELECT hits FROM rate_counters WHERE key = $1 AND window_start = $2), 0),
			coalesce((SELECT hits FROM rate_counters WHERE key = $1 AND window_start = $3), 0)`,
			key, start, start-w).Scan(&rc.Current, &rc.Previous)
	}
	if err != nil {
		return rc, fmt.Errorf("rate counter %s: %w", key, err)
	}
	return rc, nil
}

// PutCaptcha stores a captcha's answer.
func (s *Store) PutCaptcha(ctx context.Context, id, answer string, expires time.Time) error {
	_, err := s.db.Exec(ctx, `INSERT INTO captchas (id, answer, expires_at) VALUES ($1, $2, $3)`, id, answer, expires.UTC().Truncate(usec))
	if err != nil {
		return fmt.Errorf("put captcha: %w", err)
	}
	return nil
}

// Captcha returns a captcha's answer without using it up.
func (s *Store) Captcha(ctx context.Context, id string, now time.Time) (string, error) {
	var answer string
	err := s.db.QueryRow(ctx, `SELECT answer FROM captchas WHERE id = $1 AND expires_at > $2`, id, now.UTC().Truncate(usec)).Scan(&answer)
	if err != nil {
		return "", notFound(err, "no captcha %q", id)
	}
	return answer, nil
}

// TakeCaptcha returns a captcha's answer and deletes it: one statement, so
// that two processes checking the same answer at once cannot both have it.
func (s *Store) TakeCaptcha(ctx context.Context, id string, now time.Time) (string, error) {
	var answer string
	var expires time.Time
	err := s.db.QueryRow(ctx, `DELETE FROM captchas WHERE id = $1 RETURNING answer, expires_at`, id).Scan(&answer, &expires)
	if err != nil {
		return "", notFound(err, "no captcha %q", id)
	}
	if !expires.After(now.UTC().Truncate(usec)) {
		return "", baogao.Errorf(baogao.ENOTFOUND, "captcha %q expired", id)
	}
	return answer, nil
}
