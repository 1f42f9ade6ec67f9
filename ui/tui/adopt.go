package tui

import (
	"strings"
	"styrka/ui/screen"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/mapview"
)

// pickItem is one recommended activity to adopt into an action plan.
type pickItem struct {
	kind model.ActionKind
	text string
}

// pickerScreen lists the develop / stop / start activities a brief or a
// segment recommends; enter takes the one under the cursor into the
// action form, n writes a new one. The last line is "a new action" too.
type pickerScreen struct {
	c      *Common
	ws     *Workshop
	items  []pickItem
	source string
	// draft is what the form starts from: customer or choice of customers.
	draft  actionDraft
	whom   string // the customer or segment, for the heading
	cursor int
	offset int
	width  int
	height int
}

// adviceItems lists an advice's activities, develop first.
func adviceItems(a assets.Advice) []pickItem {
	var out []pickItem
	for _, part := range []struct {
		kind  model.ActionKind
		items []string
	}{{model.Develop, a.Develop}, {model.Stop, a.Stop}, {model.Start, a.Start}} {
		for _, it := range part.items {
			out = append(out, pickItem{part.kind, it})
		}
	}
	return out
}

// newBriefPicker adopts an activity of a customer's cell.
func newBriefPicker(c *Common, ws *Workshop, a model.Assessment) *pickerScreen {
	p := &pickerScreen{c: c, ws: ws, whom: a.Customer.Name}
	if cl, ok := a.Cell(); ok {
		p.items = adviceItems(c.Content.Cells[cl.Key()].Advice)
		p.source = model.SourceCell(cl)
	}
	p.draft = actionDraft{
		action: model.Action{WorkshopID: a.Customer.WorkshopID, CustomerID: a.Customer.ID},
		title:  c.T("tui.action.new.for", a.Customer.Name),
	}
	return p
}

// newSegmentPicker adopts an activity of a power regime for one or more
// of the segment's customers; a class segment offers a new action only.
func newSegmentPicker(c *Common, ws *Workshop, name string, regime model.Regime, members []model.Customer, selected string) *pickerScreen {
	p := &pickerScreen{c: c, ws: ws, whom: name}
	if regime != "" {
		p.items = adviceItems(c.Content.Regimes[regime].Advice)
		p.source = model.SourceRegime(regime)
	}
	var pre []string
	if selected != "" {
		pre = []string{selected}
	}
	wid := ""
	if ws.Data() != nil {
		wid = ws.Data().Workshop.ID
	}
	p.draft = actionDraft{
		action:      model.Action{WorkshopID: wid},
		choices:     members,
		multi:       true,
		preselected: pre,
		title:       c.T("tui.action.new.for", name),
	}
	return p
}

func (p *pickerScreen) Init() tea.Cmd    { return nil }
func (p *pickerScreen) Typing() bool     { return false }
func (p *pickerScreen) SetSize(w, h int) { p.width, p.height = w, h }
func (p *pickerScreen) Title() string    { return p.c.T("tui.pick") }

func (p *pickerScreen) takeKey() key.Binding {
	return key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.c.T("key.pick.take")))
}

func (p *pickerScreen) ShortHelp() []key.Binding {
	return []key.Binding{p.takeKey(), p.c.Keys.Down, p.c.Keys.New}
}

func (p *pickerScreen) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Home, k.End}, {p.takeKey(), k.New}}
}

func (p *pickerScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := p.c.Keys
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	n := len(p.items) + 1 // the last line writes a new action
	switch {
	case key.Matches(km, k.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(km, k.Down):
		p.cursor = min(p.cursor+1, n-1)
	case key.Matches(km, k.Home):
		p.cursor = 0
	case key.Matches(km, k.End):
		p.cursor = n - 1
	case key.Matches(km, k.New):
		return p, replace(newActionForm(p.c, p.ws, p.draft))
	case key.Matches(km, k.Enter):
		d := p.draft
		if p.cursor < len(p.items) {
			it := p.items[p.cursor]
			d.action.Kind, d.action.Text, d.action.Source = it.kind, it.text, p.source
		}
		return p, replace(newActionForm(p.c, p.ws, d))
	}
	return p, nil
}

func (p *pickerScreen) View() string {
	st := p.c.Styles
	w := max(min(p.width-1, 100), 20)
	head := []string{
		st.Title.Render(screen.Truncate(p.c.T("tui.pick.heading", p.whom), w)),
	}
	intro := p.c.T("tui.pick.intro")
	if len(p.items) == 0 {
		intro = p.c.T("tui.pick.none")
	}
	head = append(head, screen.Styled(screen.Wrap(intro, w), st.Muted)...)

	var body []string
	at := 0
	var kind model.ActionKind
	for i, it := range p.items {
		if it.kind != kind {
			kind = it.kind
			if len(body) > 0 {
				body = append(body, "")
			}
			body = append(body, st.Heading.Render(screen.Truncate(p.c.T("label."+string(kind)), w)))
		}
		if i == p.cursor {
			at = len(body)
		}
		body = append(body, p.item("• ", it.text, i == p.cursor, w)...)
	}
	if len(body) > 0 {
		body = append(body, "")
	}
	if p.cursor == len(p.items) {
		at = len(body)
	}
	body = append(body, p.item("+ ", p.c.T("tui.pick.new"), p.cursor == len(p.items), w)...)

	room := max(p.height-len(head)-1, 1)
	// Keep the cursor's item, and the line after it, in view.
	p.offset = screen.ScrollWindow(min(at+1, len(body)-1), p.offset, len(body), room)
	p.offset = min(p.offset, at)
	end := min(p.offset+room, len(body))
	return strings.Join(head, "\n") + "\n\n" + strings.Join(body[p.offset:end], "\n")
}

// item is one activity, wrapped, with the cursor in front when selected.
func (p *pickerScreen) item(bullet, text string, sel bool, w int) []string {
	st := p.c.Styles
	lead, tst := "  ", st.Text
	if sel {
		lead, tst = st.Cursor.Render("▸ "), st.Selected
	}
	lines := strings.Split(screen.Wrap(text, max(w-4, 1)), "\n")
	for i, l := range lines {
		b := "  "
		if i == 0 {
			b = bullet
		}
		l = tst.Render(b + l)
		if i == 0 {
			l = lead + l
		} else {
			l = "  " + l
		}
		lines[i] = l
	}
	return lines
}

// take adopts an activity of the segment's regime (in the power view) for
// one or more of its customers, the one under the cursor chosen first.
func (s *segmentScreen) take() tea.Cmd {
	if len(s.members) == 0 {
		return status(s.c.T("tui.pick.nomembers"))
	}
	members := make([]model.Customer, len(s.members))
	for i, m := range s.members {
		members[i] = s.ranked[m].Customer
	}
	var regime model.Regime
	if s.view == mapview.Power {
		regime = model.Regimes[s.quad]
	}
	sel := ""
	if a, ok := s.selected(); ok {
		sel = a.Customer.ID
	}
	return push(newSegmentPicker(s.c, s.ws, s.Title(), regime, members, sel))
}
