package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"styrka/ui/screen"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"styrka/model"
	"styrka/store"
	"styrka/ui/tui/workbench"
)

// The action plan: a list of the workshop's actions with filters, the
// form that writes one, and the commands that store them.

// defaultOwner is who a new action most likely belongs to: the owner
// given last, or the person at the keyboard.
func defaultOwner(ws *Workshop) string {
	if ws.Data() != nil {
		if o := model.LastOwner(ws.Data().Actions); o != "" {
			return o
		}
	}
	return ws.Author()
}

// kindName and statusName name an action's kind and status.
func kindName(c *Common, k model.ActionKind) string { return c.T("action.kind." + string(k)) }

func statusName(c *Common, s model.ActionStatus) string { return c.T("action.status." + string(s)) }

// actionFields is the heap value an action form writes into.
type actionFields struct {
	Customers    []string
	Customer     string
	Kind, Status string
	Text         string
	Owner, Due   string
}

// actionDraft is what an action form starts from.
type actionDraft struct {
	action model.Action
	// choices are the customers to choose among (a segment's, or all of
	// the workshop's for a new action in the list); none when the action's
	// customer is given.
	choices []model.Customer
	// multi lets several customers be chosen: one action each.
	multi bool
	// preselected are the customers chosen at the start.
	preselected []string
	// title names the form.
	title string
}

// newActionForm writes a new action, or edits one that has an ID: its
// customer (or customers), kind, text, owner, due date and status.
func newActionForm(c *Common, ws *Workshop, d actionDraft) *workbench.FormScreen {
	a := d.action
	f := &actionFields{Kind: string(a.Kind), Status: string(a.Status), Text: a.Text, Owner: a.Owner, Due: a.Due, Customer: a.CustomerID}
	if f.Kind == "" {
		f.Kind = string(model.Develop)
	}
	if f.Status == "" {
		f.Status = string(model.StatusOpen)
	}
	if a.ID == "" && f.Owner == "" {
		f.Owner = defaultOwner(ws)
	}
	f.Customers = slices.Clone(d.preselected)
	if f.Customer == "" && len(d.preselected) > 0 {
		f.Customer = d.preselected[0]
	}

	// The customers, the action and its follow-up each get a page of their
	// own, so that every field shows in the smallest window.
	var groups []*huh.Group
	if len(d.choices) > 0 {
		opts := make([]huh.Option[string], len(d.choices))
		for i, cu := range d.choices {
			opts[i] = huh.NewOption(cu.Name, cu.ID).Selected(slices.Contains(d.preselected, cu.ID))
		}
		if d.multi {
			groups = append(groups, huh.NewGroup(huh.NewMultiSelect[string]().Title(c.T("field.action.customers")).
				Description(c.T("field.action.customers.help")).Options(opts...).Value(&f.Customers).
				Height(min(len(opts), 6)+3).Validate(func(ids []string) error {
				if len(ids) == 0 {
					return errors.New(c.T("field.action.customers.none"))
				}
				return nil
			})))
		} else {
			groups = append(groups, huh.NewGroup(huh.NewSelect[string]().Title(c.T("field.action.customer")).
				Options(opts...).Value(&f.Customer).Height(min(len(opts), 6)+3)))
		}
	}
	kinds := make([]huh.Option[string], len(model.ActionKinds))
	for i, k := range model.ActionKinds {
		kinds[i] = huh.NewOption(kindName(c, k), string(k))
	}
	statuses := make([]huh.Option[string], len(model.ActionStatuses))
	for i, st := range model.ActionStatuses {
		statuses[i] = huh.NewOption(statusName(c, st), string(st))
	}
	groups = append(groups, huh.NewGroup(
		huh.NewSelect[string]().Title(c.T("field.action.kind")).Options(kinds...).Value(&f.Kind).Inline(true),
		huh.NewText().Title(c.T("field.action.text")).Value(&f.Text).CharLimit(500).Lines(3).Validate(func(s string) error {
			if model.CleanText(s) == "" {
				return errors.New(c.T("field.action.text.required"))
			}
			return nil
		}),
	), huh.NewGroup(
		huh.NewInput().Title(c.T("field.action.owner")).Value(&f.Owner).CharLimit(60),
		huh.NewInput().Title(c.T("field.action.due")).Description(c.T("field.action.due.help")).Value(&f.Due).CharLimit(10).Validate(validDue(c)),
		huh.NewSelect[string]().Title(c.T("field.action.status")).Options(statuses...).Value(&f.Status).Inline(true),
	))
	form := huh.NewForm(groups...)
	title := d.title
	if title == "" {
		title = c.T("tui.action.edit")
	}
	return workbench.NewFormScreen(c, title, form, func() tea.Cmd {
		base := a
		base.Kind = model.ActionKind(f.Kind)
		base.Status = model.ActionStatus(f.Status)
		base.Text = model.CleanText(f.Text)
		base.Owner = model.CleanText(f.Owner)
		base.Due = strings.TrimSpace(f.Due)
		var ids []string
		switch {
		case d.multi:
			ids = f.Customers
		case f.Customer != "":
			ids = []string{f.Customer}
		}
		var as []model.Action
		for _, id := range ids {
			x := base
			x.CustomerID = id
			as = append(as, x)
		}
		done := c.T("tui.action.saved")
		switch {
		case a.ID == "" && len(as) == 1:
			done = c.T("tui.action.added.one")
		case a.ID == "":
			done = c.T("tui.action.added", len(as))
		}
		return ws.ReloadAfter(func(db store.Store) error { return db.PutActions(ws.Data().Workshop.ID, as) }, done)
	})
}

// validDue accepts an empty due date or one written YYYY-MM-DD.
func validDue(c *Common) func(string) error {
	return func(s string) error {
		if !model.ValidDue(strings.TrimSpace(s)) {
			return errors.New(c.T("field.action.due.invalid"))
		}
		return nil
	}
}

// actionsScreen is the workshop's action plan: every action by due date,
// with filters by owner, status and text; overdue actions stand out.
type actionsScreen struct {
	c      *Common
	ws     *Workshop
	table  screen.Table
	all    []model.Action // by due date
	shown  []model.Action
	owner  string // "" for every owner
	status model.ActionStatus
	filter screen.Filter
	today  time.Time
	width  int
	height int
}

func newActionList(c *Common, ws *Workshop) *actionsScreen {
	s := &actionsScreen{c: c, ws: ws}
	s.filter = screen.NewFilter(c.T("tui.actions.filter"))
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
		{Title: c.T("tui.col.due"), Width: 10},
		{Title: c.T("col.customer"), Width: 14},
		{Title: c.T("col.kind"), Width: 8},
		{Title: c.T("col.action")},
		{Title: c.T("col.owner"), Width: 8},
		{Title: c.T("col.status"), Width: 9},
	}}
	s.reload()
	return s
}

func (s *actionsScreen) Init() tea.Cmd {
	s.reload()
	return nil
}

func (s *actionsScreen) Title() string { return s.c.T("tui.actions") }
func (s *actionsScreen) Typing() bool  { return s.filter.Typing() }

// HandlesEsc: esc first clears the filters.
func (s *actionsScreen) HandlesEsc() bool { return s.filtered() }

func (s *actionsScreen) filtered() bool {
	return s.filter.Value() != "" || s.owner != "" || s.status != ""
}

// detailLines is the room under the table for the selected action in
// full, in a window tall enough for it.
func (s *actionsScreen) detailLines() int {
	if s.height < 18 {
		return 0
	}
	return 4
}

// SetSize gives the customer and owner columns more room in a wide window.
func (s *actionsScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	extra := max(w-80, 0)
	s.table.Cols[1].Width = 14 + min(extra/3, 16)
	s.table.Cols[4].Width = 8 + min(extra/6, 8)
	s.table.SetSize(w, h-2-s.detailLines())
	s.filter.SetWidth(min(w-4, 40))
}

// editKey is enter, which edits an action here.
func (s *actionsScreen) editKey() key.Binding {
	return key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("key.edit")))
}

func (s *actionsScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.filter.Typing() {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("key.filterdone"))),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("key.filterclear"))),
		}
	}
	if len(s.all) == 0 {
		return []key.Binding{k.New}
	}
	return []key.Binding{s.editKey(), k.Done, k.New, k.OwnerFilter, k.StatusFilter}
}

func (s *actionsScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{s.editKey(), k.Edit, k.Done, k.Delete, k.New},
		{k.OwnerFilter, k.StatusFilter, k.Filter},
	}
}

// reload takes the actions from the open workshop and rebuilds the rows,
// keeping the cursor on the same action.
func (s *actionsScreen) reload() {
	keep := ""
	if a, ok := s.selected(); ok {
		keep = a.ID
	}
	s.today = time.Now()
	s.all = nil
	if s.ws.Data() != nil {
		s.all = model.SortByDue(s.ws.Data().Actions)
	}
	if s.owner != "" && s.owner != model.NoOwner && !slices.ContainsFunc(model.Owners(s.all), func(o string) bool { return strings.EqualFold(o, s.owner) }) {
		s.owner = ""
	}
	s.apply()
	for i, a := range s.shown {
		if a.ID == keep {
			s.table.Cursor = i
		}
	}
}

// apply filters the actions into rows.
func (s *actionsScreen) apply() {
	st := s.c.Styles
	q := strings.ToLower(strings.TrimSpace(s.filter.Value()))
	s.shown = s.shown[:0]
	for _, a := range model.FilterActions(s.all, model.ActionFilter{Owner: s.owner, Status: s.status}) {
		if q == "" || strings.Contains(strings.ToLower(a.Text+" "+a.Owner+" "+s.ws.CustomerName(a.CustomerID)), q) {
			s.shown = append(s.shown, a)
		}
	}
	rows := make([]screen.Row, len(s.shown))
	for i, a := range s.shown {
		due := a.Due
		if due == "" {
			due = "–"
		}
		status := statusName(s.c, a.Status)
		text, muted := st.Text, st.Muted
		var dueSt, statusSt *lipgloss.Style
		switch {
		case a.Overdue(s.today):
			status = s.c.T("tui.actions.overdue")
			e := st.Error
			dueSt, statusSt = &e, &e
		case a.Status != model.StatusOpen:
			text = st.Muted
			statusSt = &muted
		}
		rows[i] = screen.Row{
			Cells:  []string{due, s.ws.CustomerName(a.CustomerID), kindName(s.c, a.Kind), a.Text, a.Owner, status},
			Styles: []*lipgloss.Style{dueSt, &text, &muted, &text, &muted, statusSt},
		}
	}
	s.table.Empty = s.c.T("tui.actions.empty")
	if len(s.all) > 0 {
		s.table.Empty = s.c.T("tui.actions.nomatch")
	}
	s.table.SetRows(rows)
}

func (s *actionsScreen) selected() (model.Action, bool) {
	if s.table.Cursor < 0 || s.table.Cursor >= len(s.shown) {
		return model.Action{}, false
	}
	return s.shown[s.table.Cursor], true
}

// nextOwner cycles the owner filter: everyone, each owner, no owner.
func (s *actionsScreen) nextOwner() {
	cycle := append([]string{""}, model.Owners(s.all)...)
	if slices.ContainsFunc(s.all, func(a model.Action) bool { return a.Owner == "" }) {
		cycle = append(cycle, model.NoOwner)
	}
	i := slices.IndexFunc(cycle, func(o string) bool { return strings.EqualFold(o, s.owner) })
	s.owner = cycle[(i+1)%len(cycle)]
}

// nextStatus cycles the status filter: every status, then each.
func (s *actionsScreen) nextStatus() {
	cycle := append([]model.ActionStatus{""}, model.ActionStatuses...)
	s.status = cycle[(slices.Index(cycle, s.status)+1)%len(cycle)]
}

func (s *actionsScreen) ownerText() string {
	switch s.owner {
	case "":
		return s.c.T("tui.actions.all")
	case model.NoOwner:
		return s.c.T("tui.actions.noowner")
	}
	return s.owner
}

func (s *actionsScreen) statusText() string {
	if s.status == "" {
		return s.c.T("tui.actions.all")
	}
	return statusName(s.c, s.status)
}

func (s *actionsScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case screen.DataChanged:
		s.reload()
		return s, nil
	case tea.PasteMsg:
		if s.filter.Typing() {
			return s, s.updateFilter(msg)
		}
	case tea.KeyPressMsg:
		if s.filter.Typing() {
			return s, s.updateFilter(msg)
		}
		if s.table.Move(msg, k.Lists()) {
			return s, nil
		}
		a, ok := s.selected()
		switch {
		case key.Matches(msg, k.Filter):
			return s, s.filter.Focus()
		case key.Matches(msg, k.Back) && s.filtered():
			s.filter.SetValue("")
			s.owner, s.status = "", ""
			s.apply()
			return s, nil
		case key.Matches(msg, k.OwnerFilter):
			s.nextOwner()
			s.apply()
			return s, status(s.c.T("tui.actions.owner", s.ownerText()))
		case key.Matches(msg, k.StatusFilter):
			s.nextStatus()
			s.apply()
			return s, status(s.c.T("tui.actions.status", s.statusText()))
		case key.Matches(msg, k.New):
			return s, s.newAction(a, ok)
		case !ok:
			return s, nil
		case key.Matches(msg, k.Enter), key.Matches(msg, k.Edit):
			return s, push(newActionForm(s.c, s.ws, actionDraft{action: a, title: s.c.T("tui.action.edit.of", s.ws.CustomerName(a.CustomerID))}))
		case key.Matches(msg, k.Done):
			return s, s.toggleDone(a)
		case key.Matches(msg, k.Delete):
			return s, s.confirmDelete(a)
		}
	}
	return s, nil
}

// newAction writes an action for a customer of the workshop, the one of
// the selected action first.
func (s *actionsScreen) newAction(sel model.Action, ok bool) tea.Cmd {
	if s.ws.Data() == nil || len(s.ws.Data().Customers) == 0 {
		return status(s.c.T("tui.actions.nocustomers"))
	}
	first := s.ws.Data().Customers[0].ID
	if ok {
		first = sel.CustomerID
	}
	return push(newActionForm(s.c, s.ws, actionDraft{
		action:      model.Action{WorkshopID: s.ws.Data().Workshop.ID},
		choices:     s.ws.Data().Customers,
		preselected: []string{first},
		title:       s.c.T("tui.action.new"),
	}))
}

// toggleDone marks an action done, or a done or dropped one open again.
func (s *actionsScreen) toggleDone(a model.Action) tea.Cmd {
	done := s.c.T("tui.action.done", a.Text)
	if a.Status == model.StatusOpen {
		a.Status = model.StatusDone
	} else {
		a.Status = model.StatusOpen
		done = s.c.T("tui.action.reopened", a.Text)
	}
	return s.ws.ReloadAfter(func(db store.Store) error { return db.PutAction(a) }, done)
}

func (s *actionsScreen) confirmDelete(a model.Action) tea.Cmd {
	c := s.c
	ws := s.ws
	text := c.T("tui.action.delete", a.Text, ws.CustomerName(a.CustomerID))
	return ws.Confirm(text, ws.Remove(a.WorkshopID,
		func(d model.Dataset) model.Dataset { return actionPart(d, a.ID) },
		func(db store.Store) error { return db.DeleteAction(a.WorkshopID, a.ID) },
		c.T("tui.action.deleted"), c.T("tui.action.restored", a.Text), ""))
}

func (s *actionsScreen) View() string {
	st := s.c.Styles
	var open, overdue, done, dropped int
	for _, a := range s.all {
		switch a.Status {
		case model.StatusOpen:
			open++
			if a.Overdue(s.today) {
				overdue++
			}
		case model.StatusDone:
			done++
		case model.StatusDropped:
			dropped++
		}
	}
	countSt := st.Muted
	if overdue > 0 {
		countSt = st.Warning
	}
	head := st.Title.Render(s.c.T("tui.actions")) + "  " + countSt.Render(s.c.T("report.actions.count", open, overdue, done, dropped))
	line2 := st.Muted.Render(s.c.T("tui.actions.filters", s.ownerText(), s.statusText()))
	if s.filter.Shown() {
		line2 = s.filter.View()
	}
	out := screen.Truncate(head, s.width) + "\n" + screen.Truncate(line2, s.width) + "\n" + s.table.View()
	if n := s.detailLines(); n > 0 {
		if d := s.detail(s.width, n-1); d != "" {
			// Below the table, at the foot of the screen.
			gap := max(s.height-2-lipgloss.Height(s.table.View())-lipgloss.Height(d)+1, 2)
			out += strings.Repeat("\n", gap) + d
		}
	}
	return out
}

// detail shows the selected action in full: its text, then its customer,
// owner, due date and the advice it was taken from, in at most h lines.
func (s *actionsScreen) detail(w, h int) string {
	a, ok := s.selected()
	if !ok || h <= 0 {
		return ""
	}
	st := s.c.Styles
	meta := []string{s.ws.CustomerName(a.CustomerID), kindName(s.c, a.Kind)}
	if a.Owner != "" {
		meta = append(meta, a.Owner)
	}
	if a.Due != "" {
		meta = append(meta, a.Due)
	}
	if src := sourceName(s.c, a.Source); src != "" {
		meta = append(meta, s.c.T("tui.actions.source", src))
	}
	lines := strings.Split(screen.Wrap(a.Text, w), "\n")
	if len(lines) > h-1 {
		lines = lines[:max(h-1, 1)]
		lines[len(lines)-1] = screen.Truncate(lines[len(lines)-1]+" …", w)
	}
	out := screen.Styled(strings.Join(lines, "\n"), st.Text)
	out = append(out, st.Muted.Render(screen.Truncate(strings.Join(meta, " · "), w)))
	return strings.Join(out, "\n")
}

// sourceName names the advice an action was taken from: a cell as its
// two classes, a regime by its name; "" for an action of one's own.
func sourceName(c *Common, src string) string {
	kind, key, _ := strings.Cut(src, ":")
	switch kind {
	case "regime":
		if r, ok := c.Content.Regimes[model.Regime(key)]; ok {
			return r.Name
		}
	case "cell":
		for _, cl := range model.Cells() {
			if cl.Key() == key {
				return c.Content.Kraljic[cl.Kraljic].Name + " × " + c.Content.Preferencing[cl.Preferencing].Name
			}
		}
	}
	return ""
}

// actionsOf are one customer's actions by due date.
func actionsOf(ws *Workshop, customerID string) []model.Action {
	if ws.Data() == nil {
		return nil
	}
	return model.SortByDue(model.FilterActions(ws.Data().Actions, model.ActionFilter{CustomerID: customerID}))
}

// actionLines is an action as the brief lists it: due date, then kind,
// text, owner and status; an overdue one in the error and warning styles.
func actionLines(c *Common, a model.Action, w int, today time.Time) []string {
	st := c.Styles
	due := a.Due
	if due == "" {
		due = "–"
	}
	dueSt, textSt := st.Heading, st.Text
	status := statusName(c, a.Status)
	switch {
	case a.Overdue(today):
		dueSt, textSt = st.Error, st.Warning
		status = c.T("tui.actions.overdue")
	case a.Status != model.StatusOpen:
		dueSt, textSt = st.Muted, st.Muted
	}
	var who []string
	if a.Owner != "" {
		who = append(who, a.Owner)
	}
	who = append(who, status)
	text := fmt.Sprintf("%s: %s (%s)", kindName(c, a.Kind), a.Text, strings.Join(who, ", "))
	return screen.Hanging(screen.PadRight(due, 10)+"  ", text, w, dueSt, textSt)
}

// updateFilter passes a key or paste to the filter and filters again when
// its text changed.
func (s *actionsScreen) updateFilter(msg tea.Msg) tea.Cmd {
	changed, cmd := s.filter.Update(msg)
	if changed {
		s.apply()
	}
	return cmd
}
