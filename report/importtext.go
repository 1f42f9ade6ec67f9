package report

import (
	"strings"

	"styrka/assets"
)

// RowText says in words what importing does with a row of a customer
// list, as the command line's dry run and the terminal UI's preview show
// it.
func RowText(c *assets.Content, r PlannedRow) string {
	switch r.Status {
	case StatusNew:
		return c.T("import.status.new")
	case StatusExists:
		return c.T("import.status.exists")
	case StatusDuplicate:
		return c.T("import.status.duplicate", r.First)
	}
	return ProblemText(c, r.Problem)
}

// ProblemText says in words why a row cannot be imported.
func ProblemText(c *assets.Content, p *RowProblem) string {
	if p == nil {
		return ""
	}
	switch p.Problem {
	case "fields":
		found, want, _ := strings.Cut(p.Detail, "/")
		return c.T("import.bad.fields", found, want)
	case "currency":
		inValue, inColumn, _ := strings.Cut(p.Detail, "/")
		return c.T("import.bad.currency", inValue, inColumn)
	case "revenue":
		return c.T("import.bad.revenue", p.Detail)
	case "errorcell":
		return c.T("import.bad.errorcell", p.Detail)
	case "toolong": // column/characters/limit; the column's name may hold a "/"
		i := strings.LastIndex(p.Detail, "/")
		if j := strings.LastIndex(p.Detail[:max(i, 0)], "/"); j >= 0 {
			return c.T("import.bad.toolong", p.Detail[:j], p.Detail[j+1:i], p.Detail[i+1:])
		}
	}
	return c.T("import.bad." + p.Problem)
}

// DelimiterText names the delimiter detected in a customer list.
func DelimiterText(c *assets.Content, d rune) string {
	key := "none"
	switch d {
	case ';':
		key = "semicolon"
	case '\t':
		key = "tab"
	case '|':
		key = "bar"
	case ',':
		key = "comma"
	}
	return c.T("import.delim." + key)
}
