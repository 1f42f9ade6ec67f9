package tui

import (
	"cmp"
	"errors"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"styrka/model"
	"styrka/report"
	"styrka/store"
	"styrka/ui/tui/workbench"
)

// The forms of a customer's account planning, opened from its brief: the
// negotiation worksheet (domain.md §8) and the target position. Esc
// leaves either without saving.

// worksheetFields is the heap value the worksheet form writes into; Give
// and Get hold one tradable a line.
type worksheetFields struct {
	Target, WalkAway, Floor string
	Give, Get               string
	Alternatives, Notes     string
}

// customerOf finds a customer of the open workshop and scores it.
func customerOf(c *Common, ws *Workshop, customerID string) (model.Assessment, bool) {
	d := ws.Data()
	if d == nil {
		return model.Assessment{}, false
	}
	for _, cu := range d.Customers {
		if cu.ID == customerID {
			return model.Assess(d.Workshop.Thresholds, c.Questions(), cu, d.Answers[cu.ID]), true
		}
	}
	return model.Assessment{}, false
}

// newWorksheetForm fills in a customer's negotiation worksheet: target,
// walk-away point, cost-to-serve floor, what we can give and want back
// (one a line), their alternatives (with what set A's answers say as the
// hint) and notes.
func newWorksheetForm(c *Common, ws *Workshop, customerID string) Screen {
	a, ok := customerOf(c, ws, customerID)
	if !ok {
		return nil
	}
	cu := a.Customer
	w, _ := ws.Data().WorksheetOf(cu.ID)
	w.WorkshopID, w.CustomerID = cu.WorkshopID, cu.ID
	f := &worksheetFields{Target: w.Target, WalkAway: w.WalkAway, Floor: w.Floor,
		Give: strings.Join(w.Give, "\n"), Get: strings.Join(w.Get, "\n"), Alternatives: w.Alternatives, Notes: w.Notes}
	line := func(s string) error { return tooLong(c, s, model.MaxWorksheetLineLen) }
	text := func(s string) error { return tooLong(c, s, model.MaxWorksheetTextLen) }
	tradables := func(s string) error {
		lines := splitLines(s)
		if len(lines) > model.MaxTradables {
			return errors.New(c.T("tui.ws.toomany", model.MaxTradables, len(lines)))
		}
		for _, l := range lines {
			if err := line(l); err != nil {
				return err
			}
		}
		return nil
	}
	// The hint is short: each answer's level, which the brief gives with
	// its question and evidence.
	hint := c.T("tui.ws.alternatives.none")
	var said []string
	for _, alt := range model.Alternatives(c.Questions(), ws.Data().Answers[cu.ID]) {
		if alt.Answer.Score.Known() {
			said = append(said, strconv.Itoa(int(alt.Answer.Score))+" – "+alt.Anchor)
		} else {
			said = append(said, c.T("answer.dontknow"))
		}
	}
	if len(said) > 0 {
		hint = c.T("tui.ws.alternatives.help", strings.Join(said, " · "))
	}
	perLine := c.T("tui.ws.lines.help", model.MaxTradables)
	form := huh.NewForm(
		huh.NewGroup(
			huh.NewInput().Title(c.T("ws.target")).Value(&f.Target).CharLimit(model.MaxWorksheetLineLen).Validate(line),
			huh.NewInput().Title(c.T("ws.walkaway")).Value(&f.WalkAway).CharLimit(model.MaxWorksheetLineLen).Validate(line),
			huh.NewInput().Title(c.T("ws.floor")).Value(&f.Floor).CharLimit(model.MaxWorksheetLineLen).Validate(line),
		),
		huh.NewGroup(
			huh.NewText().Title(c.T("ws.give")).Description(perLine).Value(&f.Give).Lines(4).Validate(tradables),
			huh.NewText().Title(c.T("ws.get")).Description(perLine).Value(&f.Get).Lines(4).Validate(tradables),
		),
		huh.NewGroup(
			huh.NewText().Title(c.T("ws.alternatives")).Description(hint).Value(&f.Alternatives).
				CharLimit(model.MaxWorksheetTextLen).Lines(4).Validate(text),
			huh.NewText().Title(c.T("ws.notes")).Value(&f.Notes).CharLimit(model.MaxWorksheetTextLen).Lines(3).Validate(text),
		),
	)
	name := model.SafeLine(cu.Name)
	return workbench.NewFormScreen(c, c.T("tui.ws.title", name), form, func() tea.Cmd {
		x := w
		x.Target, x.WalkAway, x.Floor = f.Target, f.WalkAway, f.Floor
		x.Give, x.Get = splitLines(f.Give), splitLines(f.Get)
		x.Alternatives, x.Notes = f.Alternatives, f.Notes
		x = x.Clean()
		return ws.ReloadAfter(func(p store.Store) error { return p.PutWorksheet(x) }, c.T("tui.ws.saved", name))
	})
}

// splitLines are the lines of a text that are more than blanks.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = model.CleanText(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// targetFields is the heap value the target form writes into.
type targetFields struct{ Kraljic, Pref, By, Note string }

// newTargetForm sets where we want to be with a customer: the Kraljic
// class we want in their eyes and the preferencing class we want them to
// be for us (each may be "no target"), by when, and a note. Each class's
// field says where the customer is now.
func newTargetForm(c *Common, ws *Workshop, customerID string) Screen {
	a, ok := customerOf(c, ws, customerID)
	if !ok {
		return nil
	}
	cu := a.Customer
	t, _ := ws.Data().TargetOf(cu.ID)
	t.WorkshopID, t.CustomerID = cu.WorkshopID, cu.ID
	f := &targetFields{Kraljic: string(t.Kraljic), Pref: string(t.Pref), By: t.By, Note: t.Note}
	none := huh.NewOption(c.T("field.target.none"), "")
	kraljic := []huh.Option[string]{none}
	for _, k := range model.KraljicClasses {
		kraljic = append(kraljic, huh.NewOption(c.Content.Kraljic[k].Name, string(k)))
	}
	pref := []huh.Option[string]{none}
	for _, p := range model.PreferencingClasses {
		pref = append(pref, huh.NewOption(c.Content.Preferencing[p].Name, string(p)))
	}
	l := report.LabelsOf(c.Content, c.Lang, a)
	nowK, nowP := cmp.Or(l.Kraljic, "–"), cmp.Or(l.Preferencing, "–")
	if a.Kraljic == "" {
		nowK = c.T("brief.notplaced")
	}
	if a.Pref == "" {
		nowP = c.T("brief.notplaced")
	}
	form := huh.NewForm(
		huh.NewGroup(
			huh.NewSelect[string]().Title(c.T("field.target.kraljic")).Description(c.T("field.target.now", nowK)).
				Options(kraljic...).Value(&f.Kraljic).Inline(true),
			huh.NewSelect[string]().Title(c.T("field.target.pref")).Description(c.T("field.target.now", nowP)).
				Options(pref...).Value(&f.Pref).Inline(true),
		),
		huh.NewGroup(
			huh.NewInput().Title(c.T("field.target.by")).Description(c.T("field.action.due.help")).Value(&f.By).
				CharLimit(10).Validate(validDue(c)),
			huh.NewText().Title(c.T("field.target.note")).Value(&f.Note).CharLimit(model.MaxTargetNoteLen).Lines(3).
				Validate(func(s string) error { return tooLong(c, s, model.MaxTargetNoteLen) }),
		),
	)
	name := model.SafeLine(cu.Name)
	return workbench.NewFormScreen(c, c.T("tui.target.title", name), form, func() tea.Cmd {
		x := t
		x.Kraljic, x.Pref = model.Kraljic(f.Kraljic), model.Preferencing(f.Pref)
		x.By, x.Note = strings.TrimSpace(f.By), model.CleanNote(f.Note)
		return ws.ReloadAfter(func(p store.Store) error { return p.PutTarget(x) }, c.T("tui.target.saved", name))
	})
}
