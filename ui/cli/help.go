package cli

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpStyles colour the help with the terminal's own basic colours, so it
// reads on a dark or a light background without asking the terminal which
// it is. Off a terminal, or with NO_COLOR, the writer drops the colour.
type helpStyles struct {
	title, command, flag, dim lipgloss.Style
}

func newHelpStyles() helpStyles {
	return helpStyles{
		title:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Blue),
		command: lipgloss.NewStyle().Foreground(lipgloss.Cyan),
		flag:    lipgloss.NewStyle().Foreground(lipgloss.Magenta),
		dim:     lipgloss.NewStyle().Faint(true),
	}
}

// helpWidth is how wide the help is written: the terminal's width up to
// 100 columns, or 80 when the help goes to a file or a pipe.
func (a *App) helpWidth() int {
	w, _ := a.terminalSize()
	if w <= 0 {
		return 80
	}
	return min(max(w, 40), 100)
}

// help writes a command's help in the user's language: what it does, how
// to call it, its subcommands, its own flags and the flags every command
// takes.
func (a *App) help(cmd *cobra.Command, _ []string) {
	st := newHelpStyles()
	width := a.helpWidth()
	var b strings.Builder

	text := cmd.Long
	if text == "" {
		text = cmd.Short
	}
	b.WriteString("\n" + indent(wrap(text, width-2), 2) + "\n")

	b.WriteString("\n  " + st.title.Render(strings.ToUpper(a.T("help.usage"))) + "\n")
	b.WriteString("    " + a.usageLine(cmd, st) + "\n")

	var cmds [][2]string
	for _, c := range cmd.Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		cmds = append(cmds, [2]string{st.command.Render(c.Name()) + st.dim.Render(a.useArgs(c)), c.Short})
	}
	local, global := a.helpFlags(cmd, st)
	keyWidth := 0
	for _, rows := range [][][2]string{cmds, local, global} {
		for _, r := range rows {
			keyWidth = max(keyWidth, ansi.StringWidth(r[0]))
		}
	}
	keyWidth = min(keyWidth, width/2)
	section := func(title string, rows [][2]string) {
		if len(rows) == 0 {
			return
		}
		b.WriteString("\n  " + st.title.Render(strings.ToUpper(title)) + "\n")
		for _, r := range rows {
			b.WriteString(twoColumns(r[0], r[1], keyWidth, width))
		}
	}
	section(a.T("help.commands"), cmds)
	if cmd.HasParent() {
		section(a.T("help.flags"), local)
	} else {
		section(a.T("help.flags.app"), local)
	}
	section(a.T("help.flags.global"), global)
	if len(cmds) > 0 {
		more := a.T("help.more", cmd.CommandPath())
		if !cmd.HasParent() {
			more = a.T("help.more.root")
		}
		b.WriteString("\n" + indent(wrap(more, width-2), 2) + "\n")
	}
	b.WriteString("\n")
	a.write(cmd.OutOrStdout(), b.String())
}

// usageLine is "styrka backup FILE [flags]" in the user's language.
func (a *App) usageLine(cmd *cobra.Command, st helpStyles) string {
	s := st.command.Render(cmd.CommandPath()) + st.dim.Render(a.useArgs(cmd))
	if cmd.HasAvailableSubCommands() {
		s += st.dim.Render(" [" + a.T("help.arg.command") + "]")
	}
	if cmd.HasAvailableFlags() {
		s += st.dim.Render(" [" + a.T("help.arg.flags") + "]")
	}
	return s
}

// useArgs is what follows a command's name in its Use: " FILE".
func (a *App) useArgs(cmd *cobra.Command) string {
	_, rest, ok := strings.Cut(cmd.Use, " ")
	if !ok {
		return ""
	}
	return " " + rest
}

// helpFlags lists a command's own flags and the flags of every command,
// in the order they were defined, as key and description.
func (a *App) helpFlags(cmd *cobra.Command, st helpStyles) (local, global [][2]string) {
	persistent := cmd.Root().PersistentFlags()
	row := func(f *pflag.Flag) [2]string {
		key := "    --" + f.Name
		if f.Shorthand != "" {
			key = "-" + f.Shorthand + ", --" + f.Name
		}
		key = st.flag.Render(key)
		if p := a.placeholder(f); p != "" {
			key += " " + st.dim.Render(p)
		}
		desc := capitalise(f.Usage)
		if d := f.DefValue; d != "" && f.Value.Type() != "bool" && d != "0" {
			desc += " " + st.dim.Render(a.T("help.default", d))
		}
		return [2]string{key, desc}
	}
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden || persistent.Lookup(f.Name) == f {
			return
		}
		local = append(local, row(f))
	})
	persistent.VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			global = append(global, row(f))
		}
	})
	return local, global
}

// placeholders name what a flag takes, by the flag's name; a text flag
// without one takes a VALUE.
var placeholders = map[string]string{
	"db": "arg.file", "content": "arg.file", "output": "arg.file",
	"lang": "sv|en", "workshop": "arg.name", "customer": "arg.customer",
	"view": "arg.view", "width": "N", "height": "N", "format": "arg.format",
	"compare": "arg.round", "delimiter": "arg.char", "listen": "arg.addr",
	"name": "arg.name", "theme": "arg.theme",
}

// placeholder is the word shown after a flag that takes a value, such as
// FILE in "--db FILE"; "" for a switch.
func (a *App) placeholder(f *pflag.Flag) string {
	if f.Value.Type() == "bool" {
		return ""
	}
	key, ok := placeholders[f.Name]
	if !ok {
		key = "arg.value"
	}
	if strings.HasPrefix(key, "arg.") {
		return a.T(key)
	}
	return key
}

// twoColumns writes key and its description, the description wrapped in
// its column; a key wider than its column puts the description on the
// next line.
func twoColumns(key, desc string, keyWidth, width int) string {
	const left = 4
	descWidth := max(width-left-keyWidth-2, 20)
	lines := strings.Split(wrap(desc, descWidth), "\n")
	pad := strings.Repeat(" ", left+keyWidth+2)
	var b strings.Builder
	kw := ansi.StringWidth(key)
	if kw > keyWidth {
		b.WriteString(strings.Repeat(" ", left) + key + "\n" + pad + lines[0] + "\n")
	} else {
		b.WriteString(strings.Repeat(" ", left) + key + strings.Repeat(" ", keyWidth-kw+2) + lines[0] + "\n")
	}
	for _, l := range lines[1:] {
		b.WriteString(pad + l + "\n")
	}
	return b.String()
}

// indent puts n spaces before every line of s.
func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// helpCommand is `styrka help [COMMAND]`, the same help as --help.
func (a *App) helpCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "help [" + a.T("help.arg.command") + "]",
		Short: a.T("cmd.help.short"),
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := cmd.Root().Find(args)
			if err != nil || len(rest) > 0 {
				parent := target
				if parent == nil {
					parent = cmd.Root()
				}
				typed := strings.Join(args, " ")
				if len(rest) > 0 {
					typed = rest[0]
				}
				return a.unknownCommand(parent, typed)
			}
			a.help(target, nil)
			return nil
		},
	}
}

// capitalise puts the first letter of s in upper case, as the commands'
// descriptions are, since the flags' are written to follow a flag.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// wrap breaks s into lines of at most width cells at spaces, never inside
// a word such as a flag; a word wider than the line is cut.
func wrap(s string, width int) string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line, lw := "", 0
		for _, word := range strings.Fields(para) {
			ww := ansi.StringWidth(word)
			switch {
			case lw == 0:
				line, lw = word, ww
			case lw+1+ww <= width:
				line, lw = line+" "+word, lw+1+ww
			default:
				lines = append(lines, line)
				line, lw = word, ww
			}
			for lw > width {
				lines = append(lines, ansi.Cut(line, 0, width))
				line = ansi.Cut(line, width, lw)
				lw = ansi.StringWidth(line)
			}
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
