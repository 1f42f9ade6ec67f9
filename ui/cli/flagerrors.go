package cli

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagError turns pflag's errors into one sentence in the user's
// language. pflag's own text names Go types and parsers ("strconv.ParseInt:
// parsing …"), so the sentence is built from its typed error instead.
func (a *App) flagError(cmd *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		needs    *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		return a.unknownFlag(cmd, notExist)
	case errors.As(err, &needs):
		f := needs.GetFlag()
		typed := "--" + needs.GetSpecifiedName()
		if needs.GetSpecifiedShortnames() != "" {
			typed = "-" + needs.GetSpecifiedName()
		}
		return &usageError{a.T("err.flag.value", typed, typed+" "+a.placeholder(f))}
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		v := a.quote(invalid.GetValue())
		switch f.Value.Type() {
		case "int":
			return &usageError{a.T("err.flag.int", "--"+f.Name, v)}
		case "bool":
			return &usageError{a.T("err.flag.bool", "--"+f.Name, v)}
		}
		return &usageError{a.T("err.flag.invalid", "--"+f.Name, v, cmd.CommandPath())}
	case errors.As(err, &syntax):
		return &usageError{a.T("err.flag.syntax", a.quote(syntax.GetSpecifiedFlag()))}
	}
	return &usageError{a.T("err.flag.other", cmd.CommandPath())}
}

// unknownFlag explains a flag the command does not take: which commands
// do take it, or the nearest flags of this one.
func (a *App) unknownFlag(cmd *cobra.Command, e *pflag.NotExistError) error {
	name := e.GetSpecifiedName()
	short := e.GetSpecifiedShortnames() != ""
	typed := "--" + name
	if short {
		r, _ := utf8.DecodeRuneInString(name)
		name = string(r)
		typed = "-" + name
	}
	var owners []string
	walk(cmd.Root(), func(c *cobra.Command) {
		if c.Hidden || c == cmd {
			return
		}
		fs := c.LocalNonPersistentFlags()
		if (short && fs.ShorthandLookup(name) != nil) || (!short && fs.Lookup(name) != nil) {
			owners = append(owners, c.CommandPath())
		}
	})
	if len(owners) > 0 {
		return &usageError{a.T("err.flag.elsewhere", typed, a.andList(owners), cmd.CommandPath())}
	}
	if !short {
		var near []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				return
			}
			if levenshtein(strings.ToLower(name), f.Name) <= 2 || (len(name) >= 3 && strings.HasPrefix(f.Name, name)) {
				near = append(near, "--"+f.Name)
			}
		})
		slices.Sort(near)
		if len(near) > 0 {
			return &usageError{a.T("err.flag.near", typed, cmd.CommandPath(), a.orList(near))}
		}
	}
	return &usageError{a.T("err.flag.unknown", typed, cmd.CommandPath())}
}

// levenshtein is the edit distance between two words, for "did you
// mean".
func levenshtein(s, t string) int {
	a, b := []rune(s), []rune(t)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
