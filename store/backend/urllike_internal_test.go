package backend

import (
	"regexp"
	"testing"
)

// TestURLLike: urlLike is the regexp it replaces.
func TestURLLike(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)
	for _, s := range []string{
		"", "://", "a://", "A://x", "postgres://u@h/d", "mysql://root@localhost/styrka", "file:///tmp/s.db",
		"svn+ssh://h/r", "x.y-z+1://", "1a://", "+a://", "a_b://", "a b://", "å://", "a:/", "a:", "a//",
		`C:\Users\anna\styrka.db`, "C://x", "styrka.db", "./postgres/styrka.db", "/home/a://b", "a://b://c", "ab:c://",
	} {
		if got, want := urlLike(s), re.MatchString(s); got != want {
			t.Errorf("urlLike(%q) = %v, want %v", s, got, want)
		}
	}
}
