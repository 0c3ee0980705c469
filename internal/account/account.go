// Package account hashes and checks operators' passwords (argon2id) and
// their names.
package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters. Default follows RFC 9106's second
// recommended option (64 MiB, 3 passes), with two lanes for a small server:
// about 60 ms a hash on two cores here.
type Params struct {
	Time    uint32
	Memory  uint32 // KiB
	Threads uint8
}

// Default is the cost of new hashes.
var Default = Params{Time: 3, Memory: 64 << 10, Threads: 2}

const (
	saltLen = 16
	keyLen  = 32
	// MinPassword and MaxPassword bound a password's length in bytes: long
	// enough to resist guessing, short enough to bound hashing work.
	MinPassword = 10
	MaxPassword = 1024
)

// Hash returns the argon2id hash of password in the PHC string format
// ($argon2id$v=19$m=…,t=…,p=…$salt$key), which Verify reads back with its
// parameters, so that the cost can be raised without breaking old hashes.
func Hash(password string, p Params) (string, error) {
	if err := CheckPassword(password); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether password matches the hash, in time that does not
// depend on where they differ. A malformed hash matches nothing.
func Verify(password, hash string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) || len(password) > MaxPassword {
		return false
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil ||
		p.Time == 0 || p.Threads == 0 || p.Memory > 1<<21 || p.Time > 100 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || len(want) > 128 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// DummyVerify costs what Verify costs, for a login whose name does not
// exist: the answer must not come faster than a wrong password's.
func DummyVerify(password string) {
	Verify(password, dummyHash)
}

// dummyHash is a hash of a random password at the default cost.
const dummyHash = "$argon2id$v=19$m=65536,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$ZHVtbXlkdW1teWR1bW15ZHVtbXlkdW1teWR1bW15ZHU"

// CheckPassword fails with EINVALID for a password that is too short or too
// long.
func CheckPassword(password string) error {
	if n := utf8.RuneCountInString(password); n < MinPassword || len(password) > MaxPassword {
		return baogao.Errorf(baogao.EINVALID, "a password needs %d to %d characters", MinPassword, MaxPassword)
	}
	return nil
}

// CheckName fails with EINVALID unless name is 1 to 32 letters, digits,
// '.', '_' or '-': operators' names appear in logs and the audit log.
func CheckName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > 32 {
		return baogao.Errorf(baogao.EINVALID, "an operator's name has 1 to 32 characters")
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '_' && r != '-' {
			return baogao.Errorf(baogao.EINVALID, "an operator's name has only letters, digits, '.', '_' and '-'")
		}
	}
	return nil
}
