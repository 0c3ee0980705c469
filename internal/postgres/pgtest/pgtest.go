// Package pgtest gives tests a PostgreSQL database of their own: a new
// schema of the server named by BAOGAO_TEST_POSTGRES, dropped when the test
// ends, so that tests of several engineers can share one server.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env is the variable naming the test server: a PostgreSQL URL such as
// postgres://root@127.0.0.1:5432/test?sslmode=disable.
const Env = "BAOGAO_TEST_POSTGRES"

// URL returns the URL of a new, empty schema, dropped with everything in
// it when the test ends. It skips the test when BAOGAO_TEST_POSTGRES is
// unset, and fails it when the server does not answer.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skip(Env + " is not set: PostgreSQL tests skipped (e.g. " + Env + "=postgres://root@127.0.0.1:5432/test?sslmode=disable)")
	}
	return SchemaURL(t, base)
}

// SchemaURL returns the URL of a new, empty schema of the database at
// base, dropped when the test ends.
func SchemaURL(t testing.TB, base string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("%s: %v", base, err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	schema := "baogao_test_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return WithSchema(t, base, schema)
}

// WithSchema returns the URL with its search_path set to the schema.
func WithSchema(t testing.TB, base, schema string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", base, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
