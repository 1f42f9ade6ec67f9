package tui

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"styrka/model"
	"styrka/report"
	"styrka/store"
	"styrka/ui/screen"
	"styrka/ui/tui/workbench"
)

// importLimit is the largest file read as a customer list: a list of a
// hundred thousand customers is a few megabytes.
const importLimit = 64 << 20

// importStage is how far an import has come.
type importStage int

const (
	importPath    importStage = iota // typing the file's path
	importReading                    // the file is being read
	importPreview                    // showing what importing would do
)

// importScreen adds the customers of a CSV list to the open workshop: a
// path, then a preview of what importing does with every row (new,
// already there, repeated, bad), and only then, on a key, the import, in
// one transaction. A file with bad rows is imported only when the user
// chooses to skip them.
type importScreen struct {
	c       *Common
	ws      *Workshop
	fields  *importFields
	form    *huh.Form
	stage   importStage
	problem string
	// The preview: the path as typed, what the file holds and the plan.
	shown string
	list  report.CustomerList
	plan  report.ImportPlan
	// existing are the workshop's customers as stored, and update whether
	// the plan also updates those the file names (u toggles it).
	existing []model.Customer
	update   bool
	width    int
	height   int
}

type importFields struct{ Path string }

// importPlanMsg is a customer list read and compared with the workshop,
// or the sentence that says why it could not be read.
type importPlanMsg struct {
	shown    string
	list     report.CustomerList
	plan     report.ImportPlan
	existing []model.Customer
	problem  string
}

func newImport(c *Common, ws *Workshop) *importScreen {
	s := &importScreen{c: c, ws: ws, fields: &importFields{}}
	s.pathForm()
	return s
}

func (s *importScreen) pathForm() {
	// The hint is drawn under the form, as the export's is.
	in := huh.NewInput().Title(s.c.T("tui.import.path")).
		Placeholder(s.c.T("tui.import.placeholder")).
		Value(&s.fields.Path).CharLimit(1024).
		Validate(func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New(s.c.T("tui.import.path.empty"))
			}
			return nil
		})
	s.form = huh.NewForm(huh.NewGroup(in)).WithShowHelp(false).WithTheme(s.c.HuhTheme())
	s.stage = importPath
	if s.width > 0 {
		s.form.WithWidth(min(s.width, 76))
	}
}

func (s *importScreen) Init() tea.Cmd { return s.form.Init() }

func (s *importScreen) Title() string { return s.c.T("tui.import.title") }

func (s *importScreen) Typing() bool { return s.stage != importPreview }

// HandlesEsc: the preview says that nothing was imported.
func (s *importScreen) HandlesEsc() bool { return true }

func (s *importScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.form.WithWidth(min(w, 76))
}

// Keys of the preview.
func (s *importScreen) importKey() key.Binding {
	return key.NewBinding(key.WithKeys("enter", "y"), key.WithHelp("enter", s.c.T("key.importnow")))
}

func (s *importScreen) updateKey() key.Binding {
	help := "key.import.update"
	if s.update {
		help = "key.import.noupdate"
	}
	return key.NewBinding(key.WithKeys("u"), key.WithHelp("u", s.c.T(help)))
}

func (s *importScreen) skipKey() key.Binding {
	return key.NewBinding(key.WithKeys("s"), key.WithHelp("s", s.c.T("key.skipbad")))
}

// ShortHelp leaves esc to the footer's "back", which cancels.
func (s *importScreen) ShortHelp() []key.Binding {
	if s.stage != importPreview {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("key.preview")))}
	}
	var keys []key.Binding
	switch {
	case s.plan.New+s.plan.Updated == 0:
	case s.plan.Bad == 0:
		keys = append(keys, s.importKey())
	default:
		keys = append(keys, s.skipKey())
	}
	if s.plan.Existing+s.plan.Updated > 0 {
		keys = append(keys, s.updateKey())
	}
	return keys
}

func (s *importScreen) FullHelp() [][]key.Binding {
	if short := s.ShortHelp(); len(short) > 0 {
		return [][]key.Binding{short}
	}
	return nil
}

func (s *importScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case importPlanMsg:
		if s.stage != importReading {
			return s, nil
		}
		if msg.problem != "" {
			s.problem = msg.problem
			s.pathForm()
			return s, s.form.Init()
		}
		s.shown, s.list, s.plan, s.existing = msg.shown, msg.list, msg.plan, msg.existing
		s.stage = importPreview
		return s, nil
	case tea.KeyPressMsg:
		switch s.stage {
		case importReading:
			return s, nil
		case importPreview:
			return s, s.previewKey(msg)
		}
		if msg.String() == "esc" {
			return s, pop
		}
	case tea.PasteMsg, tea.BackgroundColorMsg:
	case screen.DataChanged:
		return s, nil
	}
	if s.stage != importPath {
		return s, nil
	}
	m, cmd := s.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		s.form = f
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		s.problem = ""
	}
	switch s.form.State {
	case huh.StateAborted:
		return s, pop
	case huh.StateCompleted:
		s.stage = importReading
		return s, s.read(strings.TrimSpace(s.fields.Path))
	}
	return s, cmd
}

func (s *importScreen) previewKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case msg.String() == "esc":
		return tea.Sequence(pop, status(s.c.T("tui.import.cancelled")))
	case key.Matches(msg, s.importKey()), key.Matches(msg, s.c.Keys.Yes):
		switch {
		case s.plan.Bad > 0:
			return func() tea.Msg { return screen.StatusMsg{Text: s.c.T("tui.import.refused"), Err: true} }
		case s.plan.New+s.plan.Updated == 0:
			return tea.Sequence(pop, status(s.c.T("import.csv.nothing", s.ws.Data().Workshop.Name)))
		}
		return tea.Sequence(pop, s.commit(false))
	case key.Matches(msg, s.updateKey()) && s.plan.Existing+s.plan.Updated > 0:
		// Update the customers already there too, or not.
		s.update = !s.update
		if s.update {
			s.plan = report.PlanUpdate(s.list, s.existing)
		} else {
			s.plan = report.PlanImport(s.list, s.existing)
		}
		return nil
	case key.Matches(msg, s.skipKey()) && s.plan.Bad > 0:
		if s.plan.New+s.plan.Updated == 0 {
			return tea.Sequence(pop, status(s.c.T("import.csv.nothing", s.ws.Data().Workshop.Name)))
		}
		return tea.Sequence(pop, s.commit(true))
	}
	return nil
}

// read reads the file and compares it with the workshop's customers as
// stored.
func (s *importScreen) read(path string) tea.Cmd {
	c := s.c
	ws := s.ws
	db, wid := ws.Store(), ws.Data().Workshop.ID
	return func() tea.Msg {
		problem := func(key string, args ...any) tea.Msg {
			return importPlanMsg{problem: c.T(key, args...)}
		}
		p, err := absPath(path)
		if err != nil {
			return problem("tui.import.nofile", path)
		}
		fi, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return problem("tui.import.nofile", path)
		case err != nil:
			return problem("tui.import.unreadable", path)
		case fi.IsDir():
			return problem("tui.import.isfolder", path)
		case isDatabase(p):
			// A backup or another styrka's database, of any size: the
			// command line copies it in whole.
			return problem("tui.import.database", path)
		case fi.Size() > importLimit:
			return problem("tui.import.toolarge", path, importLimit>>20)
		case strings.EqualFold(filepath.Ext(p), ".json"):
			return problem("tui.import.json", path)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return problem("tui.import.unreadable", path)
		}
		var list report.CustomerList
		if report.IsXLSX(data) {
			list, err = report.ParseXLSX(data, "")
		} else {
			list, err = report.ParseCSV(data)
		}
		var ce *report.CSVError
		var bad *report.BadRowsError
		switch {
		case errors.As(err, &ce):
			return problem("err.csv."+ce.Problem, path, ce.Detail)
		case err != nil && !errors.As(err, &bad):
			return workbench.Fail(err)
		}
		existing, err := db.Customers(wid)
		if err != nil {
			return workbench.Fail(err)
		}
		return importPlanMsg{shown: path, list: list, plan: report.PlanImport(list, existing), existing: existing}
	}
}

// isDatabase reports whether the file at path begins as a bbolt file does.
func isDatabase(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer func() { _ = f.Close() }()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return store.IsBoltFile(head[:n])
}

// commit adds the new customers in one transaction and reloads the
// workshop.
func (s *importScreen) commit(skipBad bool) tea.Cmd {
	c, plan := s.c, s.plan
	ws := s.ws
	db, wid, name := ws.Store(), ws.Data().Workshop.ID, ws.Data().Workshop.Name
	return ws.Serial(func() tea.Msg {
		cs, err := plan.Accept(skipBad)
		if err != nil {
			return workbench.Fail(err)
		}
		if err := db.PutCustomers(wid, cs); err != nil {
			return workbench.Fail(err)
		}
		d, err := db.Load(wid)
		if err != nil {
			return workbench.Fail(err)
		}
		done := counted(c, "tui.import.done", len(cs), name)
		if left := len(plan.Rows) - len(cs); left > 0 {
			done += " " + counted(c, "tui.import.left", left)
		}
		return workbench.DatasetMsg{Data: d, Status: done}
	})
}

func (s *importScreen) View() string {
	st := s.c.Styles
	name := ""
	if s.ws.Data() != nil {
		name = s.ws.Data().Workshop.Name
	}
	head := st.Title.Render(screen.Truncate(s.c.T("tui.import.heading", name), s.width))
	if s.stage != importPreview {
		w := max(min(s.width, 76), 1)
		out := head + "\n\n" + strings.TrimRight(s.form.View(), "\n") + "\n" + hint(st.Muted, s.c.T("tui.import.path.help"), w)
		if s.problem != "" {
			out += "\n\n" + st.Error.Render(screen.Wrap(s.problem, w))
		}
		return out
	}
	return strings.Join(s.preview(head), "\n")
}

// preview lays out what importing does: what was read, the counts, the
// first rows of each kind as room allows, and the choice.
func (s *importScreen) preview(head string) []string {
	st := s.c.Styles
	w := max(min(s.width, 100), 1)
	p := s.plan
	lines := []string{head}
	add := func(style lipgloss.Style, text string) {
		for _, l := range strings.Split(screen.Wrap(text, w), "\n") {
			lines = append(lines, style.Render(l))
		}
	}
	add(st.Muted, s.c.T("import.csv.read", s.shown, len(p.Rows), report.DelimiterText(s.c.Content, s.list.Delimiter), string(s.list.Encoding)))
	if s.list.Footer > 0 {
		add(st.Muted, s.c.T("import.csv.footer", s.list.Footer))
	}
	if len(s.list.Ignored) > 0 {
		add(st.Warning, s.c.T("import.csv.ignored", strings.Join(s.list.Ignored, ", ")))
	}
	lines = append(lines, "")
	add(st.Text, s.c.T("tui.import.counts", p.New, p.Existing, p.Duplicates, p.Bad))
	if p.Updated > 0 {
		add(st.Text, s.c.T("tui.import.updates", p.Updated))
	}

	var choice []string
	{
		before := len(lines)
		switch {
		case p.Bad == 0 && p.New+p.Updated > 0:
			add(st.OK, s.c.T("tui.import.ready"))
		case p.Bad == 0:
			add(st.Text, s.c.T("tui.import.nothing"))
		case p.New+p.Updated > 0:
			add(st.Warning, s.c.T("tui.import.hasbad"))
		default:
			add(st.Warning, s.c.T("tui.import.allbad"))
		}
		choice = append(choice, lines[before:]...)
		lines = lines[:before]
	}

	// The kinds of rows, the bad ones first: they need the user's eye.
	kinds := []struct {
		status report.ImportStatus
		title  string
		count  int
	}{
		{report.StatusBad, "tui.import.bad", p.Bad},
		{report.StatusNew, "tui.import.new", p.New},
		{report.StatusUpdate, "tui.import.updated", p.Updated},
		{report.StatusExists, "tui.import.exists", p.Existing},
		{report.StatusDuplicate, "tui.import.duplicates", p.Duplicates},
	}
	rows := make([][]report.PlannedRow, len(kinds))
	present := 0
	for i, k := range kinds {
		for _, r := range p.Rows {
			if r.Status == k.status {
				rows[i] = append(rows[i], r)
			}
		}
		if len(rows[i]) > 0 {
			present++
		}
	}
	// Each kind shown takes a heading, and a blank line before it when
	// there is room for that; the rows it shows go round the kinds one
	// at a time. The heading says how many rows are not shown, and a kind
	// without room for its heading is left to the counts above.
	// On a low window the blank lines go first.
	avail := s.height - len(lines) - len(choice)
	if avail > 2*present {
		choice = append([]string{""}, choice...)
		avail--
	}
	per := 1
	if avail >= 3*present {
		per = 2
	}
	alloc := make([]int, len(kinds)) // rows shown; -1: not shown
	for i := range kinds {
		alloc[i] = -1
		switch {
		case len(rows[i]) == 0:
		case avail >= per+1:
			alloc[i] = 1
			avail -= per + 1
		case avail >= per:
			alloc[i] = 0
			avail -= per
		}
	}
	for gave := true; gave && avail > 0; {
		gave = false
		for i := range kinds {
			if avail > 0 && alloc[i] >= 0 && alloc[i] < len(rows[i]) {
				alloc[i]++
				avail--
				gave = true
			}
		}
	}
	nameW, lineW := 0, 0
	for i := range kinds {
		for _, r := range rows[i][:max(alloc[i], 0)] {
			nameW = max(nameW, lipgloss.Width(r.Name))
			lineW = max(lineW, lipgloss.Width(s.c.T("tui.import.line", r.Line)))
		}
	}
	nameW = min(nameW, max(w/3, 12))
	for i, k := range kinds {
		if alloc[i] < 0 {
			continue
		}
		if per == 2 {
			lines = append(lines, "")
		}
		heading := st.Heading.Render(s.c.T(k.title, k.count))
		if more := len(rows[i]) - alloc[i]; more > 0 {
			heading += "  " + st.Muted.Render(s.c.T("tui.import.more", more))
		}
		lines = append(lines, screen.Truncate(heading, w))
		for _, r := range rows[i][:alloc[i]] {
			detail := ""
			switch r.Status {
			case report.StatusNew:
				detail = report.Revenue(s.c.Lang, r.Customer)
			case report.StatusDuplicate, report.StatusBad:
				detail = report.RowText(s.c.Content, r)
			}
			text := "  " + st.Muted.Render(screen.PadRight(s.c.T("tui.import.line", r.Line), lineW)) + "  "
			if detail == "" {
				text += st.Text.Render(screen.Truncate(r.Name, nameW))
			} else {
				ds := st.Muted
				if r.Status == report.StatusBad {
					ds = st.Error
				}
				text += st.Text.Render(screen.Cell(r.Name, nameW)) + "  " + ds.Render(screen.Truncate(detail, w-lineW-nameW-6))
			}
			lines = append(lines, text)
		}
	}
	return append(lines, choice...)
}

// counted is a text about n things: the key's ".one" form when n is 1.
// n is the text's first argument.
func counted(c *Common, key string, n int, args ...any) string {
	if n == 1 {
		key += ".one"
	}
	return c.T(key, append([]any{n}, args...)...)
}
