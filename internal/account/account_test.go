package account

import (
	"strings"
	"testing"
)

// fast keeps the tests quick; the format and checks are the same.
var fast = Params{Time: 1, Memory: 1024, Threads: 1}

func TestHashVerify(t *testing.T) {
	h, err := Hash("correct horse battery", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Errorf("hash = %s", h)
	}
	if !Verify("correct horse battery", h) {
		t.Error("the right password does not verify")
	}
	for _, bad := range []string{"correct horse batterY", "", "correct horse battery "} {
		if Verify(bad, h) {
			t.Errorf("%q verifies", bad)
		}
	}
	h2, _ := Hash("correct horse battery", fast)
	if h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, broken := range []string{"", "plain", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=9999999,t=1,p=1$c2FsdA$a2V5",
		strings.Replace(h, "$v=19$", "$v=18$", 1), h[:len(h)-3] + "!!!"} {
		if Verify("correct horse battery", broken) {
			t.Errorf("malformed hash %q verifies", broken)
		}
	}
	DummyVerify("x") // does the work of a verification and matches nothing
}

func TestChecks(t *testing.T) {
	if _, err := Hash("short", fast); err == nil {
		t.Error("a five-character password was accepted")
	}
	if err := CheckPassword(strings.Repeat("x", MaxPassword+1)); err == nil {
		t.Error("an over-long password was accepted")
	}
	if err := CheckPassword("十个汉字的密码足够长吗"); err != nil {
		t.Errorf("ten Chinese characters: %v", err)
	}
	for _, ok := range []string{"alice", "李明", "op-1.b_c"} {
		if err := CheckName(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "a b", "<script>", "x\ny", strings.Repeat("a", 33)} {
		if err := CheckName(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
