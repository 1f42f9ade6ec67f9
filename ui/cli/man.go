package cli

import (
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// manCommand is `styrka man`: the manual page in roff, in the user's
// language, with every command and flag, the exit status, the
// environment and the files styrka uses.
func (a *App) manCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: a.T("cmd.man.short"),
		Long:  a.T("cmd.man.long"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := a.Stdout.Write([]byte(a.manPage(cmd.Root())))
			return err
		},
	}
}

// manPage writes the page from the same commands and flags as --help.
func (a *App) manPage(root *cobra.Command) string {
	var m roff
	bi, _ := debug.ReadBuildInfo()
	b := describeBuild(Version, Commit, Date, bi)
	// The page's date is the commit's, so the same build gives the same
	// page; unknown, it stays empty rather than today.
	date := b.date[:min(len(b.date), 10)]
	m.macro("TH", "STYRKA", "1", date, "styrka "+orElse(b.version, "dev"), a.T("man.title"))
	m.section(a.T("man.name"))
	m.line(`styrka \- ` + roffText(root.Short))

	m.section(a.T("man.synopsis"))
	m.macro("B", "styrka")
	m.line(`[\fI` + roffText(a.T("help.arg.command")) + `\fR] [\fI` + roffText(a.T("help.arg.flags")) + `\fR]`)

	m.section(a.T("man.description"))
	m.text(root.Long)
	if local, _ := a.manFlags(root); len(local) > 0 {
		m.macro("PP")
		m.text(a.T("man.appflags"))
		a.manFlagList(&m, local)
	}

	m.section(a.T("man.commands"))
	walk(root, func(c *cobra.Command) {
		if c == root || !c.IsAvailableCommand() {
			return
		}
		m.macro("TP")
		m.line(`\fB` + roffText(c.CommandPath()) + `\fR` + roffText(a.useArgs(c)))
		text := c.Long
		if text == "" {
			text = c.Short
		}
		m.text(text)
		if local, _ := a.manFlags(c); len(local) > 0 {
			a.manFlagList(&m, local)
		}
	})

	m.section(a.T("man.options"))
	_, global := a.manFlags(root)
	for _, f := range global {
		a.manFlag(&m, f)
	}

	m.section(a.T("man.exit"))
	for _, code := range []string{"0", "1", "2"} {
		m.macro("TP")
		m.macro("B", code)
		m.text(a.T("man.exit." + code))
	}

	m.section(a.T("man.env"))
	for _, e := range []struct{ name, key string }{
		{"STYRKA_DB", "man.env.db"},
		{"STYRKA_LANG", "man.env.lang"},
		{"LC_ALL, LC_MESSAGES, LANG", "man.env.locale"},
		{"XDG_DATA_HOME", "man.env.xdg"},
		{"NO_COLOR", "man.env.nocolor"},
		{"TERM", "man.env.term"},
	} {
		m.macro("TP")
		m.macro("B", e.name)
		m.text(a.T(e.key))
	}

	m.section(a.T("man.files"))
	for _, f := range []struct{ name, key string }{
		{"~/.local/share/styrka/styrka.db", "man.files.db"},
		{"backups/", "man.files.backups"},
		{"styrka.db.lock", "man.files.lock"},
		{"ssh_host_ed25519_key", "man.files.hostkey"},
	} {
		m.macro("TP")
		m.macro("I", f.name)
		m.text(a.T(f.key))
	}
	return m.String()
}

// manFlags are a command's own flags and the flags of every command.
func (a *App) manFlags(cmd *cobra.Command) (local, global []*pflag.Flag) {
	persistent := cmd.Root().PersistentFlags()
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && persistent.Lookup(f.Name) != f {
			local = append(local, f)
		}
	})
	persistent.VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			global = append(global, f)
		}
	})
	return local, global
}

// manFlagList is an indented list of flags inside a command's entry.
func (a *App) manFlagList(m *roff, flags []*pflag.Flag) {
	m.macro("RS")
	for _, f := range flags {
		a.manFlag(m, f)
	}
	m.macro("RE")
}

func (a *App) manFlag(m *roff, f *pflag.Flag) {
	m.macro("TP")
	tag := `\fB\-\-` + roffText(f.Name) + `\fR`
	if f.Shorthand != "" {
		tag = `\fB\-` + roffText(f.Shorthand) + `\fR, ` + tag
	}
	if p := a.placeholder(f); p != "" {
		tag += ` \fI` + roffText(p) + `\fR`
	}
	m.line(tag)
	desc := capitalise(f.Usage)
	if d := f.DefValue; d != "" && f.Value.Type() != "bool" && d != "0" {
		desc += " " + a.T("help.default", d)
	}
	m.text(desc)
}

// roff builds a man page. Text goes through roffText, so nothing from a
// description can become a request.
type roff struct{ b strings.Builder }

func (r *roff) macro(name string, args ...string) {
	r.b.WriteString("." + name)
	for _, a := range args {
		r.b.WriteString(` "` + strings.ReplaceAll(roffText(a), `"`, `\(dq`) + `"`)
	}
	r.b.WriteString("\n")
}

func (r *roff) section(title string) { r.macro("SH", strings.ToUpper(title)) }

// line writes one line already escaped.
func (r *roff) line(s string) { r.b.WriteString(s + "\n") }

// text writes plain text, each line of it as its own paragraph.
func (r *roff) text(s string) {
	for i, p := range strings.Split(strings.TrimSpace(s), "\n") {
		if i > 0 {
			r.macro("IP")
		}
		r.line(roffText(p))
	}
}

func (r *roff) String() string { return r.b.String() }

// roffText escapes text for roff: backslashes, hyphens (so flags stay
// ASCII minus signs that can be searched for and copied), and a dot or
// apostrophe at the start of a line, which roff would read as a request.
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
