package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"styrka/report"
	"styrka/store"
	"styrka/ui/screen"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"styrka/model"
	"styrka/ui/styles"
)

// formScreen shows a huh form; enter moves through the fields and submits
// at the end, esc cancels and goes back without saving.
type formScreen struct {
	c        *Common
	title    string
	form     *huh.Form
	onSubmit func() tea.Cmd
	width    int
	height   int
}

func newFormScreen(c *Common, title string, form *huh.Form, onSubmit func() tea.Cmd) *formScreen {
	form.WithShowHelp(false).WithTheme(huhTheme(c))
	return &formScreen{c: c, title: title, form: form, onSubmit: onSubmit}
}

// huhTheme follows the UI's theme.
// The styles are built once per look: huh asks for them at every draw of
// every option, and building them is most of a form's drawing time.
func huhTheme(c *Common) huh.Theme {
	st := c.huhStyles()
	return huh.ThemeFunc(func(bool) *huh.Styles { return st })
}

// huhStyles are the forms' styles for the look in use, built the first
// time they are asked for.
func (c *Common) huhStyles() *huh.Styles {
	key := string(c.Styles.Theme) + fmt.Sprint(c.Styles.IsDark)
	if c.huh != nil && c.huhKey == key {
		return c.huh
	}
	if c.Styles.Theme == styles.HighContrast {
		c.huh = huh.ThemeBase16(c.Styles.IsDark)
	} else {
		c.huh = huh.ThemeCharm(c.Styles.IsDark)
	}
	c.huhKey = key
	return c.huh
}

func (s *formScreen) Init() tea.Cmd { return s.form.Init() }
func (s *formScreen) Title() string { return s.title }
func (s *formScreen) Typing() bool  { return true }

func (s *formScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	// The title and a blank line above, and room below for the form's
	// error line (a blank and the error); the fields scroll in between.
	s.form.WithWidth(min(w, 76)).WithHeight(max(h-4, 4))
}

func (s *formScreen) ShortHelp() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("key.formnext"))),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", s.c.T("key.formprev"))),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("key.cancel"))),
	}
}

func (s *formScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *formScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" {
		return s, pop
	}
	if _, ok := msg.(screen.DataChanged); ok {
		return s, nil
	}
	// Every other message is the form's own: results come back only to
	// the screen whose command asked for them.
	m, cmd := s.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		s.form = f
	}
	switch s.form.State {
	case huh.StateCompleted:
		return s, tea.Sequence(cmd, pop, s.onSubmit())
	case huh.StateAborted:
		return s, pop
	}
	return s, cmd
}

func (s *formScreen) View() string {
	st := s.c.Styles
	return st.Title.Render(s.title) + "\n\n" + s.form.View()
}

// workshopFields is the heap value a workshop form writes into.
type workshopFields struct {
	Name, Date, Company, Cutoff, Band, Currency string
}

// newWorkshopForm creates a workshop, or edits w when it is given.
func newWorkshopForm(c *Common, w *model.Workshop) *formScreen {
	f := &workshopFields{Date: time.Now().Format(time.DateOnly), Cutoff: formatCutoff(c, model.DefaultCutoff),
		Band: formatBand(c, model.DefaultBand), Currency: c.T("tui.currency.default")}
	title := c.T("tui.workshop.new")
	if w != nil {
		title = c.T("tui.workshop.edit")
		f.Name, f.Date, f.Company, f.Currency = w.Name, w.Date, w.OurCompany, w.Currency
		f.Cutoff = formatCutoff(c, w.Thresholds.Normalized().Risk)
		f.Band = formatBand(c, w.Thresholds.BandWidth())
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title(c.T("field.workshop.name")).Value(&f.Name).CharLimit(80).Validate(c.requiredName),
		huh.NewInput().Title(c.T("field.workshop.date")).Description(c.T("field.workshop.date.help")).Value(&f.Date).CharLimit(10).Validate(c.validDate),
		huh.NewInput().Title(c.T("field.workshop.company")).Value(&f.Company).CharLimit(80),
		huh.NewInput().Title(c.T("field.workshop.cutoff")).Description(c.T("field.workshop.cutoff.help")).Value(&f.Cutoff).CharLimit(4).Validate(c.validCutoff),
		huh.NewInput().Title(c.T("field.workshop.band")).Description(c.T("field.workshop.band.help")).Value(&f.Band).CharLimit(4).Validate(c.validBand),
		huh.NewInput().Title(c.T("field.workshop.currency")).Description(c.T("field.workshop.currency.help")).Value(&f.Currency).CharLimit(3),
	))
	db := c.Store
	return newFormScreen(c, title, form, func() tea.Cmd {
		ws := model.Workshop{ID: store.NewID(), HorizonMonths: model.DefaultHorizonMonths}
		if w != nil {
			ws = *w
		}
		ws.Name = model.CleanText(f.Name)
		ws.Date = strings.TrimSpace(f.Date)
		ws.OurCompany = model.CleanText(f.Company)
		cut, _ := parseNumber(f.Cutoff)
		band, _ := parseNumber(f.Band)
		// The band and the rates are kept; only what the form shows changes.
		ws.Thresholds = model.Thresholds{Impact: cut, Risk: cut, Value: cut, Attractiveness: cut}.WithBand(band)
		ws.Currency = strings.ToUpper(model.CleanText(f.Currency))
		done := c.T("tui.workshop.created", ws.Name)
		if w != nil {
			done = c.T("tui.workshop.saved", ws.Name)
		}
		return func() tea.Msg {
			if err := db.PutWorkshop(ws); err != nil {
				return fail(err)
			}
			if w != nil {
				return screen.StatusMsg{Text: done}
			}
			// A new workshop opens at once: adding customers comes next.
			d, err := db.Load(ws.ID)
			if err != nil {
				return fail(err)
			}
			return datasetMsg{data: d, then: newCustomers(c), status: done}
		}
	})
}

func formatCutoff(c *Common, v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if c.Lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// formatBand writes a band as typed: 0.25, or 0,25 in Swedish.
func formatBand(c *Common, v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if c.Lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// parseNumber reads a number written with a decimal comma or point and
// spaces between thousands.
func parseNumber(s string) (float64, error) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "_", "").Replace(strings.TrimSpace(s))
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	} else {
		s = strings.ReplaceAll(s, ",", "")
	}
	return strconv.ParseFloat(s, 64)
}

func (c *Common) requiredName(s string) error {
	if model.CleanText(s) == "" {
		return errors.New(c.T("field.required"))
	}
	return nil
}

func (c *Common) validDate(s string) error {
	if _, err := time.Parse(time.DateOnly, strings.TrimSpace(s)); err != nil {
		return errors.New(c.T("field.date.invalid"))
	}
	return nil
}

func (c *Common) validCutoff(s string) error {
	v, err := parseNumber(s)
	if err != nil || v < 1 || v > 5 {
		return errors.New(c.T("field.cutoff.invalid"))
	}
	return nil
}

func (c *Common) validBand(s string) error {
	v, err := parseNumber(s)
	if err != nil || v < 0 || v > model.MaxBand {
		return errors.New(c.T("field.band.invalid"))
	}
	return nil
}

// validRevenue accepts what an import accepts ("2,5 Mkr", "150 tkr",
// "SEK 2 500 000"): one parser for both.
func (c *Common) validRevenue(s string) error {
	if _, _, ok := report.ParseAmount(s); !ok {
		return errors.New(c.T("field.revenue.invalid"))
	}
	return nil
}

// customerFields is the heap value a customer form writes into.
type customerFields struct {
	Name, Offering, Revenue, Currency, Notes string
}

// newCustomerForm adds a customer to the open workshop, or edits cu.
func newCustomerForm(c *Common, cu *model.Customer) *formScreen {
	f := &customerFields{Currency: c.T("tui.currency.default")}
	title := c.T("tui.customer.new")
	if cu != nil {
		title = c.T("tui.customer.edit")
		f.Name, f.Offering, f.Currency, f.Notes = cu.Name, cu.Offering, cu.Currency, cu.Notes
		if cu.Revenue != nil {
			f.Revenue = strconv.FormatFloat(*cu.Revenue, 'f', -1, 64)
		}
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title(c.T("field.customer.name")).Value(&f.Name).CharLimit(100).Validate(c.requiredName),
		huh.NewInput().Title(c.T("field.customer.offering")).Description(c.T("field.customer.offering.help")).Value(&f.Offering).CharLimit(120),
		huh.NewInput().Title(c.T("field.customer.revenue")).Value(&f.Revenue).CharLimit(20).Validate(c.validRevenue),
		huh.NewInput().Title(c.T("field.customer.currency")).Value(&f.Currency).CharLimit(3),
		huh.NewText().Title(c.T("field.customer.notes")).Value(&f.Notes).CharLimit(2000).Lines(3),
	))
	db, wid := c.Store, c.Data.Workshop.ID
	return newFormScreen(c, title, form, func() tea.Cmd {
		x := model.Customer{ID: store.NewID(), WorkshopID: wid}
		if cu != nil {
			x = *cu
		}
		x.Name = model.CleanText(f.Name)
		x.Offering = model.CleanText(f.Offering)
		x.Currency = strings.ToUpper(model.CleanText(f.Currency))
		x.Notes = model.CleanNote(f.Notes)
		x.Revenue = nil
		if v, cur, ok := report.ParseAmount(f.Revenue); ok {
			x.Revenue = v
			if cur != "" && (x.Currency == "" || x.Currency == strings.ToUpper(c.T("tui.currency.default"))) {
				// "2 Meur" says the currency too.
				x.Currency = cur
			}
		}
		done := c.T("tui.customer.created", x.Name)
		if cu != nil {
			done = c.T("tui.customer.saved", x.Name)
		}
		return func() tea.Msg {
			if err := db.PutCustomer(x); err != nil {
				return fail(err)
			}
			d, err := db.Load(wid)
			if err != nil {
				return fail(err)
			}
			// The list selects the customer just added or edited.
			return datasetMsg{data: d, focus: x.ID, status: done}
		}
	})
}

// newConfirm asks before anything destructive, in a dialog over the
// screen that asks; onYes runs when the user says yes, after the writes
// before it.
func newConfirm(c *Common, text string, onYes tea.Cmd) tea.Cmd {
	return screen.Ask(screen.NewConfirm(text, c.writes.Later(onYes)))
}
