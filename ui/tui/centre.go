package tui

import (
	"cmp"
	"errors"
	"strings"
	"unicode/utf8"

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

// The buying centre of one customer (domain.md §8), opened from its
// brief: a table of the people with their role, attitude, level, our
// owner and the last contact, the advice the centre does not meet, and
// the form that adds or edits a person. A delete asks first and can be
// undone with u.

// centreScreen lists one customer's buying centre.
type centreScreen struct {
	c        *Common
	ws       *Workshop
	id       string
	table    screen.Table
	people   []model.Stakeholder // as the table shows them
	warnings []string
	width    int
	height   int
}

func newCentre(c *Common, ws *Workshop, customerID string) *centreScreen {
	s := &centreScreen{c: c, ws: ws, id: customerID}
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
		{Title: c.T("col.name")},
		{Title: c.T("col.role"), Width: 24},
		{Title: c.T("col.attitude"), Width: 12},
		{Title: c.T("col.level"), Width: 12},
		{Title: c.T("col.lastcontact"), Width: 16},
		{Title: c.T("col.relowner"), Width: 14},
		{Title: c.T("col.title"), Width: 18},
	}}
	s.reload()
	return s
}

func (s *centreScreen) Init() tea.Cmd { return nil }
func (s *centreScreen) Typing() bool  { return false }
func (s *centreScreen) Title() string { return s.c.T("tui.centre") }

// customer is the customer whose centre this is.
func (s *centreScreen) customer() (model.Customer, bool) {
	if d := s.ws.Data(); d != nil {
		for _, cu := range d.Customers {
			if cu.ID == s.id {
				return cu, true
			}
		}
	}
	return model.Customer{}, false
}

// reload takes the people and the warnings from the open workshop,
// keeping the cursor on the same person.
func (s *centreScreen) reload() {
	keep := ""
	if p, ok := s.selected(); ok {
		keep = p.ID
	}
	s.people, s.warnings = nil, nil
	d := s.ws.Data()
	cu, ok := s.customer()
	if ok {
		s.people = d.StakeholdersOf(s.id)
		model.SortStakeholders(s.people)
		a := model.Assess(d.Workshop.Thresholds, s.c.Questions(), cu, d.Answers[cu.ID])
		s.warnings = report.PlanningOf(reportInput(s.c, s.ws), a).CentreWarnings
	}
	st := s.c.Styles
	rows := make([]screen.Row, len(s.people))
	for i, p := range s.people {
		// The columns a narrow window drops last are those the advice
		// reads: role, attitude, level, last contact; the line under the
		// table has the selected person in full.
		rows[i] = screen.Row{Cells: []string{p.Name, s.enumName("role.", string(p.Role)),
			s.enumName("attitude.", string(p.Attitude)), s.enumName("level.", string(p.Level)), orDash(p.LastContact), orDash(p.Owner), orDash(p.Title)}}
		muted := st.Muted
		attitude := st.Text
		switch {
		case p.Attitude.Favourable():
			attitude = st.Heading
		case p.Attitude == model.Opposed || p.Attitude == model.Sceptical:
			attitude = st.Warning
		}
		rows[i].Styles = []*lipgloss.Style{nil, nil, &attitude, nil, &muted, &muted, &muted}
	}
	s.table.Empty = s.c.T("tui.centre.empty")
	s.table.SetRows(rows)
	for i, p := range s.people {
		if p.ID == keep {
			s.table.Cursor = i
		}
	}
}

// enumName names a role, attitude or level, "–" when not known.
func (s *centreScreen) enumName(prefix, v string) string {
	if v == "" {
		return "–"
	}
	return s.c.T(prefix + v)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

func (s *centreScreen) selected() (model.Stakeholder, bool) {
	if s.table.Cursor < 0 || s.table.Cursor >= len(s.people) {
		return model.Stakeholder{}, false
	}
	return s.people[s.table.Cursor], true
}

// warningLines are the advice not met, wrapped, at most a third of the
// window.
func (s *centreScreen) warningLines(w int) []string {
	st := s.c.Styles
	var out []string
	for _, warn := range s.warnings {
		out = append(out, screen.Hanging("⚠ ", warn, w, st.Warning, st.Warning)...)
	}
	if len(out) == 0 && len(s.people) > 0 {
		out = screen.Styled(screen.Wrap(s.c.T("tui.centre.ok"), w), st.Muted)
	}
	if limit := max(s.height/3, 2); len(out) > limit {
		out = out[:limit]
		out[limit-1] = screen.Truncate(out[limit-1], w-2) + " …"
	}
	return out
}

func (s *centreScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	extra := max(w-120, 0)
	s.table.Cols[5].Width = 14 + min(extra/4, 10)
	s.table.Cols[6].Width = 18 + min(extra/3, 22)
	s.layout()
}

// layout gives the table what the title, the warnings and the detail
// leave.
func (s *centreScreen) layout() {
	h := s.height - 2 - len(s.warningLines(s.width)) - s.detailLines()
	s.table.SetSize(s.width, max(h, 3))
}

// detailLines is the room under the table for the selected person's
// notes, in a window tall enough.
func (s *centreScreen) detailLines() int {
	if s.height < 20 {
		return 0
	}
	return 3
}

func (s *centreScreen) editKey() key.Binding {
	return key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("key.edit")))
}

func (s *centreScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if len(s.people) == 0 {
		return []key.Binding{k.New}
	}
	return []key.Binding{s.editKey(), k.New, k.Delete}
}

func (s *centreScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{s.editKey(), k.Edit, k.New, k.Delete, k.Restore},
	}
}

func (s *centreScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case screen.DataChanged:
		s.reload()
		s.layout()
	case tea.KeyPressMsg:
		if s.table.Move(msg, k.Lists()) {
			return s, nil
		}
		cu, found := s.customer()
		if !found {
			return s, nil
		}
		p, ok := s.selected()
		switch {
		case key.Matches(msg, k.New):
			return s, push(newStakeholderForm(s.c, s.ws, cu, model.Stakeholder{WorkshopID: cu.WorkshopID, CustomerID: cu.ID}))
		case !ok:
		case key.Matches(msg, k.Enter), key.Matches(msg, k.Edit):
			return s, push(newStakeholderForm(s.c, s.ws, cu, p))
		case key.Matches(msg, k.Delete):
			name := model.SafeLine(p.Name)
			text := s.c.T("tui.centre.delete", name, model.SafeLine(cu.Name))
			return s, s.ws.Confirm(text, s.ws.RemoveStakeholder(p, s.c.T("tui.centre.deleted", name), s.c.T("tui.centre.restored", name)))
		}
	}
	return s, nil
}

func (s *centreScreen) View() string {
	st := s.c.Styles
	cu, _ := s.customer()
	head := st.Title.Render(screen.Truncate(s.c.T("tui.centre.title", model.SafeLine(cu.Name)), s.width))
	out := []string{head}
	out = append(out, s.warningLines(s.width)...)
	out = append(out, "", s.table.View())
	if n := s.detailLines(); n > 0 {
		if lines := s.detail(s.width, n); len(lines) > 0 {
			// At the foot of the screen.
			gap := max(s.height-lipgloss.Height(strings.Join(out, "\n"))-len(lines), 1)
			out = append(out, strings.Repeat("\n", gap)+strings.Join(lines, "\n"))
		}
	}
	return strings.Join(out, "\n")
}

// detail is the selected person in full, in at most n lines: name,
// title and every fact known, then the notes.
func (s *centreScreen) detail(w, n int) []string {
	p, ok := s.selected()
	if !ok {
		return nil
	}
	st := s.c.Styles
	row := report.StakeholderRow{Name: p.Name, Title: p.Title, Owner: p.Owner, LastContact: p.LastContact,
		Role: s.enumName("role.", string(p.Role)), Attitude: s.enumName("attitude.", string(p.Attitude)), Level: s.enumName("level.", string(p.Level))}
	out := screen.Styled(screen.Wrap(centreLine(s.c, row), w), st.Text)
	if p.Notes != "" {
		out = append(out, screen.Styled(screen.Wrap(s.c.T("tui.centre.notes", strings.ReplaceAll(p.Notes, "\n", " ")), w), st.Muted)...)
	}
	if len(out) > n {
		out = out[:n]
		out[n-1] = screen.Truncate(out[n-1], w-2) + " …"
	}
	return out
}

// stakeholderFields is the heap value a stakeholder form writes into.
type stakeholderFields struct {
	Name, Title               string
	Role, Attitude, Level     string
	Owner, LastContact, Notes string
}

// newStakeholderForm adds a person to a customer's buying centre, or
// edits one that has an ID. Role, attitude and level start at "not
// known" unless the person has one: nothing is chosen for the user.
func newStakeholderForm(c *Common, ws *Workshop, cu model.Customer, p model.Stakeholder) *workbench.FormScreen {
	f := &stakeholderFields{Name: p.Name, Title: p.Title, Role: string(p.Role), Attitude: string(p.Attitude),
		Level: string(p.Level), Owner: p.Owner, LastContact: p.LastContact, Notes: p.Notes}
	options := func(prefix string, values []string) []huh.Option[string] {
		opts := []huh.Option[string]{huh.NewOption(c.T("field.notknown"), "")}
		for _, v := range values {
			opts = append(opts, huh.NewOption(c.T(prefix+v), v))
		}
		return opts
	}
	roles := options("role.", enumStrings(model.BuyingRoles))
	attitudes := options("attitude.", enumStrings(model.Attitudes))
	levels := options("level.", enumStrings(model.ContactLevels))
	form := huh.NewForm(
		huh.NewGroup(
			huh.NewInput().Title(c.T("field.person.name")).Value(&f.Name).CharLimit(model.MaxStakeholderNameLen).
				Validate(func(s string) error { return cmp.Or(c.RequiredName(s), tooLong(c, s, model.MaxStakeholderNameLen)) }),
			huh.NewInput().Title(c.T("field.person.title")).Value(&f.Title).CharLimit(model.MaxStakeholderTitleLen).
				Validate(func(s string) error { return tooLong(c, s, model.MaxStakeholderTitleLen) }),
		),
		huh.NewGroup(
			huh.NewSelect[string]().Title(c.T("field.person.role")).Description(c.T("field.person.role.help")).
				Options(roles...).Value(&f.Role).Inline(true),
			huh.NewSelect[string]().Title(c.T("field.person.attitude")).Options(attitudes...).Value(&f.Attitude).Inline(true),
			huh.NewSelect[string]().Title(c.T("field.person.level")).Options(levels...).Value(&f.Level).Inline(true),
		),
		huh.NewGroup(
			huh.NewInput().Title(c.T("field.person.owner")).Value(&f.Owner).CharLimit(model.MaxActionOwnerLen).
				Validate(func(s string) error { return tooLong(c, s, model.MaxActionOwnerLen) }),
			huh.NewInput().Title(c.T("field.person.last")).Description(c.T("field.action.due.help")).Value(&f.LastContact).
				CharLimit(10).Validate(validDue(c)),
			huh.NewText().Title(c.T("field.person.notes")).Value(&f.Notes).CharLimit(model.MaxStakeholderNoteLen).Lines(3),
		),
	)
	title := c.T("tui.centre.new", model.SafeLine(cu.Name))
	if p.ID != "" {
		title = c.T("tui.centre.edit", model.SafeLine(p.Name), model.SafeLine(cu.Name))
	}
	return workbench.NewFormScreen(c, title, form, func() tea.Cmd {
		x := p
		x.Name, x.Title, x.Owner = model.CleanText(f.Name), model.CleanText(f.Title), model.CleanText(f.Owner)
		x.Role, x.Attitude, x.Level = model.BuyingRole(f.Role), model.Attitude(f.Attitude), model.ContactLevel(f.Level)
		x.LastContact, x.Notes = strings.TrimSpace(f.LastContact), model.CleanNote(f.Notes)
		done := c.T("tui.centre.saved", model.SafeLine(x.Name))
		if p.ID == "" {
			done = c.T("tui.centre.added", model.SafeLine(x.Name))
		}
		return ws.ReloadAfter(func(pl store.Store) error { return pl.PutStakeholder(x) }, done)
	})
}

// enumStrings are an enum's values as strings.
func enumStrings[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// tooLong refuses a text longer than limit characters once cleaned.
func tooLong(c *Common, s string, limit int) error {
	if n := utf8.RuneCountInString(model.CleanNote(s)); n > limit {
		return errors.New(c.T("field.toolong", limit, n))
	}
	return nil
}
