package baogao

import "time"

// Role is what an operator may do.
type Role string

// The operator roles: moderators review comments; admins also edit
// documents, manage settings and see the audit log.
const (
	RoleModerator Role = "moderator"
	RoleAdmin     Role = "admin"
)

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return r == RoleModerator || r == RoleAdmin }

// Allows reports whether an operator of role r may do what needs role need.
func (r Role) Allows(need Role) bool {
	switch need {
	case RoleModerator:
		return r == RoleModerator || r == RoleAdmin
	case RoleAdmin:
		return r == RoleAdmin
	}
	return false
}

// User is an operator account; readers comment without one.
type User struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	PasswordHash string    `json:"-"` // argon2id, in the PHC string format
	Disabled     bool      `json:"disabled"`
	CreatedAt    time.Time `json:"created_at"`
	LastLogin    time.Time `json:"last_login,omitzero"`
}

// Session is an operator's login. The store keeps only a hash of the token
// the browser holds, so that a copy of the database opens no session.
type Session struct {
	ID        string    // hex SHA-256 of the cookie's token
	UserID    int64     //
	CSRF      string    // the token forms carry, for browsers without Origin checks
	CreatedAt time.Time //
	ExpiresAt time.Time //
}
