package tui

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"styrka/assets"
	"styrka/ui/screen"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"styrka/model"
	"styrka/report"
	"styrka/ui/tui/workbench"
)

// exportStage is how far an export has come.
type exportStage int

const (
	exportFormat   exportStage = iota // choosing the format
	exportPath                        // typing the file's path
	exportChecking                    // the path is being checked
)

// exportScreen writes the open workshop, or one customer of it, to a file
// in one of the report formats: first the format, then the path with a
// default in the current folder; a file that exists is replaced only
// after a confirmation. The renderers are package report's.
type exportScreen struct {
	c  *Common
	ws *Workshop
	// customerID is the customer exported, or "" for the workshop.
	customerID string
	name       string
	formats    []string
	fields     *exportFields
	form       *huh.Form
	stage      exportStage
	// problem says why the path last given cannot be written to.
	problem string
	width   int
	height  int
}

// exportFields is the heap value the export's forms write into.
type exportFields struct{ Format, Path string }

// exportCheckedMsg is the path of an export, checked before writing.
type exportCheckedMsg struct {
	path    string // absolute
	exists  bool
	problem string
}

// newExport exports the open workshop, or the customer customerID of it.
func newExport(c *Common, ws *Workshop, customerID string) *exportScreen {
	// A workshop's export also offers a copy of the whole database: the
	// way to take a backup while the app has the database open.
	formats := append(slices.Clone(report.AllFormats), formatBackup)
	s := &exportScreen{c: c, ws: ws, customerID: customerID, formats: formats, fields: &exportFields{}}
	if ws.Data() != nil {
		s.name = ws.Data().Workshop.Name
		if customerID != "" {
			// And the one-page brief as a PDF.
			s.formats = append(slices.Clone(report.CustomerFormats), "pdf")
			for _, cu := range ws.Data().Customers {
				if cu.ID == customerID {
					s.name = cu.Name
				}
			}
		}
	}
	s.fields.Format = s.formats[0]
	s.formatForm()
	return s
}

func (s *exportScreen) formatForm() {
	opts := make([]huh.Option[string], len(s.formats))
	wide := 0
	for _, f := range s.formats {
		wide = max(wide, len(f))
	}
	for i, f := range s.formats {
		label := screen.PadRight(f, wide) + "  " + s.describeFormat(f)
		if s.width > 0 {
			label = screen.Truncate(label, min(s.width, 76)-6)
		}
		opts[i] = huh.NewOption(label, f)
	}
	km := huh.NewDefaultKeyMap()
	km.Select.Filter.SetEnabled(false)
	sel := huh.NewSelect[string]().Title(s.c.T("tui.export.format")).Options(opts...).Value(&s.fields.Format)
	s.form = huh.NewForm(huh.NewGroup(sel)).WithShowHelp(false).WithTheme(s.c.HuhTheme()).WithKeyMap(km)
	s.stage = exportFormat
	s.resizeForm()
}

func (s *exportScreen) pathForm() {
	f := s.fields
	// The hint is drawn under the form: huh sizes a group for its
	// descriptions at 80 columns and clips them on a narrower screen.
	in := huh.NewInput().Title(s.c.T("tui.export.path")).
		Value(&f.Path).CharLimit(1024).
		Validate(func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New(s.c.T("tui.export.path.empty"))
			}
			return nil
		})
	s.form = huh.NewForm(huh.NewGroup(in)).WithShowHelp(false).WithTheme(s.c.HuhTheme())
	s.stage = exportPath
	s.resizeForm()
}

func (s *exportScreen) describeFormat(f string) string {
	switch {
	case f == "md" && s.customerID != "":
		return s.c.T("tui.export.format.brief")
	case f == "pdf" && s.customerID != "":
		return s.c.T("tui.export.format.brief-pdf")
	}
	return s.c.T("tui.export.format." + f)
}

// defaultPath is a file name in the current folder made of the
// workshop's name and date, or the customer's name.
func (s *exportScreen) defaultPath(format string) string {
	if format == formatBackup {
		return "styrka-backup-" + time.Now().Format(time.DateOnly) + ".db"
	}
	base := slug(s.name)
	if base == "" {
		base = "styrka"
	}
	switch {
	case s.customerID != "" && (format == "md" || format == "pdf"):
		base += "-brief"
	case s.customerID == "" && s.ws.Data() != nil:
		if d := s.ws.Data().Workshop.Date; d != "" {
			if _, err := time.Parse(time.DateOnly, d); err == nil {
				base += "-" + d
			}
		}
		switch format {
		case "handout", "handout-pdf":
			base += "-handout"
		case "portfolio-svg":
			base += "-portfolio"
		}
	}
	return base + report.Extension(format)
}

func (s *exportScreen) Init() tea.Cmd { return s.form.Init() }

func (s *exportScreen) Title() string { return s.c.T("tui.export.title") }

// Typing is true on the path: q and ? are text there.
func (s *exportScreen) Typing() bool { return s.stage != exportFormat }

func (s *exportScreen) SetSize(w, h int) {
	old := s.width
	s.width, s.height = w, h
	if s.stage == exportFormat && w != old {
		// The formats' descriptions are cut to the width, not wrapped:
		// huh sizes the list for one line per format. Init only focuses
		// the list here; its commands serve fields computed on the fly,
		// which this form has none of.
		s.formatForm()
		s.form.Init()
		return
	}
	s.resizeForm()
}

func (s *exportScreen) resizeForm() {
	if s.width > 0 {
		s.form.WithWidth(min(s.width, 76))
	}
}

func (s *exportScreen) ShortHelp() []key.Binding {
	if s.stage == exportFormat {
		k := s.c.Keys
		return []key.Binding{k.Up, k.Down, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("key.choose")))}
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("key.export"))),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", s.c.T("key.format"))),
	}
}

func (s *exportScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *exportScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case exportCheckedMsg:
		if s.stage != exportChecking {
			return s, nil
		}
		return s, s.checked(msg)
	case tea.KeyPressMsg:
		if s.stage == exportChecking {
			return s, nil
		}
		if s.stage == exportPath {
			switch msg.String() {
			case "esc":
				return s, pop
			case "shift+tab":
				s.problem = ""
				s.formatForm()
				return s, s.form.Init()
			}
		}
	case tea.PasteMsg, tea.BackgroundColorMsg:
	case screen.DataChanged:
		return s, nil
	}
	m, cmd := s.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		s.form = f
	}
	if _, ok := msg.(tea.KeyPressMsg); ok && s.stage == exportPath {
		s.problem = ""
	}
	switch s.form.State {
	case huh.StateAborted:
		return s, pop
	case huh.StateCompleted:
		if s.stage == exportFormat {
			s.fields.Path = s.defaultPath(s.fields.Format)
			s.pathForm()
			return s, s.form.Init()
		}
		s.stage = exportChecking
		return s, s.check(s.fields.Path, s.fields.Format)
	}
	return s, cmd
}

// checked goes on once the path is checked: back to the path with the
// problem, to a confirmation when the file exists, else to writing.
func (s *exportScreen) checked(msg exportCheckedMsg) tea.Cmd {
	if msg.problem != "" {
		s.problem = msg.problem
		s.pathForm()
		return s.form.Init()
	}
	write := s.write(msg.path, s.fields.Format)
	if msg.exists {
		file, dir := filepath.Base(msg.path), filepath.Dir(msg.path)
		return screen.Ask(screen.NewConfirm(s.c.T("tui.export.overwrite", file, dir), tea.Sequence(pop, write)).OnNo(pop))
	}
	return tea.Sequence(pop, write)
}

// check makes the path absolute, adds the format's extension when it is
// missing, and checks that the folder is there and may be written in.
func (s *exportScreen) check(path, format string) tea.Cmd {
	t := s.c.T
	return func() tea.Msg {
		p, err := absPath(withExtension(strings.TrimSpace(path), format))
		if err != nil {
			return exportCheckedMsg{problem: t("tui.export.nofolder", filepath.Dir(path))}
		}
		dir := filepath.Dir(p)
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return exportCheckedMsg{problem: t("tui.export.nofolder", dir)}
		}
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.IsDir():
			return exportCheckedMsg{problem: t("tui.export.isfolder", p)}
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return exportCheckedMsg{problem: t("tui.export.readonly", dir)}
		}
		// Writing is the only sure test of whether a folder may be
		// written in.
		probe, perr := os.CreateTemp(dir, ".styrka-*")
		if perr != nil {
			return exportCheckedMsg{problem: t("tui.export.readonly", dir)}
		}
		probe.Close()
		os.Remove(probe.Name())
		return exportCheckedMsg{path: p, exists: err == nil}
	}
}

// write renders the export from the workshop as stored and writes it to
// path whole, or not at all.
func (s *exportScreen) write(path, format string) tea.Cmd {
	c := s.c
	ws := s.ws
	db, wid, cid, name := ws.Store(), ws.Data().Workshop.ID, s.customerID, s.name
	if format == formatBackup {
		return func() tea.Msg {
			if err := db.Backup(path); err != nil {
				return workbench.Fail(err)
			}
			return screen.StatusMsg{Text: c.T("tui.export.done.backup", path)}
		}
	}
	return func() tea.Msg {
		d, err := db.Load(wid)
		if err != nil {
			return workbench.Fail(err)
		}
		d, _ = assets.LocalizeDemo(d, c.Lang)
		in := report.Input{Dataset: d, Content: c.Content, Lang: c.Lang, Today: time.Now()}
		// Straight into the file: a large workshop's report is never held
		// in memory whole.
		err = report.WriteFileAtomicFunc(path, func(w io.Writer) error {
			return report.Write(w, format, in, report.WriteOptions{CustomerID: cid})
		})
		if err != nil {
			return workbench.Fail(err)
		}
		switch {
		case cid != "":
			return screen.StatusMsg{Text: c.T("tui.export.done.customer", path, name)}
		case format == "handout", format == "handout-pdf":
			return screen.StatusMsg{Text: c.T("tui.export.done.handout", path)}
		case format == "portfolio-svg":
			return screen.StatusMsg{Text: c.T("tui.export.done.portfolio", path)}
		}
		key := "tui.export.done"
		if len(d.Customers) == 1 {
			key += ".one"
		}
		return screen.StatusMsg{Text: c.T(key, path, len(d.Customers))}
	}
}

// extensions are the file extensions each format is known by; the first
// is added to a path that has none of them.
var extensions = map[string][]string{
	"md": {".md", ".markdown", ".txt"}, "handout": {".md", ".markdown", ".txt"},
	"csv": {".csv", ".txt"}, "json": {".json"}, "xlsx": {".xlsx"}, "svg": {".svg"},
	"pdf": {".pdf"}, "handout-pdf": {".pdf"}, "portfolio-svg": {".svg"},
	formatBackup: {".db"},
}

// formatBackup is the export that copies the whole database, every
// workshop in it, as styrka backup does.
const formatBackup = "backup"

func withExtension(path, format string) string {
	if slices.Contains(extensions[format], strings.ToLower(filepath.Ext(path))) {
		return path
	}
	if format == formatBackup {
		return path + ".db"
	}
	return path + report.Extension(format)
}

// absPath expands a leading ~ to the home folder and makes path absolute.
func absPath(path string) (string, error) {
	if path == "~" || strings.HasPrefix(path, "~/") || strings.HasPrefix(path, `~\`) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		path = filepath.Join(home, path[1:])
	}
	return filepath.Abs(path)
}

func (s *exportScreen) View() string {
	st := s.c.Styles
	head := s.c.T("tui.export.workshop", s.name)
	if s.customerID != "" {
		head = s.c.T("tui.export.customer", s.name)
	}
	out := st.Title.Render(screen.Truncate(head, s.width)) + "\n\n" + strings.TrimRight(s.form.View(), "\n")
	w := max(min(s.width, 76), 1)
	if s.stage != exportFormat {
		out += "\n" + hint(st.Muted, s.c.T("tui.export.path.help", report.Extension(s.fields.Format)), w)
	}
	if s.problem != "" {
		out += "\n\n" + st.Error.Render(screen.Wrap(s.problem, w))
	}
	return out
}

// hint is a help text under a form's field, indented as the field's
// text is.
func hint(st lipgloss.Style, text string, w int) string {
	lines := strings.Split(screen.Wrap(text, max(w-2, 1)), "\n")
	for i, l := range lines {
		lines[i] = "  " + st.Render(l)
	}
	return strings.Join(lines, "\n")
}

// slug is a name made safe for a file name: ASCII letters and digits in
// lower case, anything else one hyphen ("Skogsviks Bruk AB" gives
// "skogsviks-bruk-ab", "Åhléns" "ahlens"); empty when nothing is left.
func slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(model.CleanText(name)) {
		out, ok := asciiFold[r]
		if !ok && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			out = string(r)
		}
		if out == "" {
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteString(out)
	}
	const longest = 60
	s := b.String()
	if len(s) > longest {
		s = strings.TrimRight(s[:longest], "-")
	}
	return s
}

// asciiFold spells in ASCII the letters of the languages customers'
// names are written in.
var asciiFold = map[rune]string{
	'å': "a", 'ä': "a", 'á': "a", 'à': "a", 'â': "a", 'ã': "a", 'ā': "a",
	'ö': "o", 'ó': "o", 'ò': "o", 'ô': "o", 'õ': "o", 'ø': "o",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i",
	'ú': "u", 'ù': "u", 'û': "u", 'ü': "u",
	'ý': "y", 'ÿ': "y", 'ñ': "n", 'ç': "c", 'š': "s", 'ž': "z", 'č': "c", 'ł': "l",
	'æ': "ae", 'ß': "ss", 'þ': "th", 'ð': "d",
}
