package tui

import (
	"errors"
	"strconv"
	"strings"
	"styrka/report"
	"styrka/store"
	"styrka/ui/screen"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"styrka/model"
	"styrka/ui/tui/workbench"
)

// workshopFields is the heap value a workshop form writes into.
type workshopFields struct {
	Name, Date, Company, Cutoff, Band, Currency string
}

// newWorkshopForm creates a workshop, or edits w when it is given.
func newWorkshopForm(c *Common, ws *Workshop, w *model.Workshop) *workbench.FormScreen {
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
		huh.NewInput().Title(c.T("field.workshop.name")).Value(&f.Name).CharLimit(80).Validate(c.RequiredName),
		huh.NewInput().Title(c.T("field.workshop.date")).Description(c.T("field.workshop.date.help")).Value(&f.Date).CharLimit(10).Validate(validDate(c)),
		huh.NewInput().Title(c.T("field.workshop.company")).Value(&f.Company).CharLimit(80),
		huh.NewInput().Title(c.T("field.workshop.cutoff")).Description(c.T("field.workshop.cutoff.help")).Value(&f.Cutoff).CharLimit(4).Validate(validCutoff(c)),
		huh.NewInput().Title(c.T("field.workshop.band")).Description(c.T("field.workshop.band.help")).Value(&f.Band).CharLimit(4).Validate(validBand(c)),
		huh.NewInput().Title(c.T("field.workshop.currency")).Description(c.T("field.workshop.currency.help")).Value(&f.Currency).CharLimit(3),
	))
	db := ws.Store()
	return workbench.NewFormScreen(c, title, form, func() tea.Cmd {
		wk := model.Workshop{ID: store.NewID(), HorizonMonths: model.DefaultHorizonMonths}
		if w != nil {
			wk = *w
		}
		wk.Name = model.CleanText(f.Name)
		wk.Date = strings.TrimSpace(f.Date)
		wk.OurCompany = model.CleanText(f.Company)
		cut, _ := parseNumber(f.Cutoff)
		band, _ := parseNumber(f.Band)
		// The band and the rates are kept; only what the form shows changes.
		wk.Thresholds = model.Thresholds{Impact: cut, Risk: cut, Value: cut, Attractiveness: cut}.WithBand(band)
		wk.Currency = strings.ToUpper(model.CleanText(f.Currency))
		done := c.T("tui.workshop.created", wk.Name)
		if w != nil {
			done = c.T("tui.workshop.saved", wk.Name)
		}
		return ws.Serial(func() tea.Msg {
			if err := db.PutWorkshop(wk); err != nil {
				return workbench.Fail(err)
			}
			if w != nil {
				return screen.StatusMsg{Text: done}
			}
			// A new workshop opens at once: adding customers comes next.
			d, err := db.Load(wk.ID)
			if err != nil {
				return workbench.Fail(err)
			}
			return workbench.DatasetMsg{Data: d, Then: newCustomers(c, ws), Status: done}
		})
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

func validDate(c *Common) func(string) error {
	return func(s string) error {
		if _, err := time.Parse(time.DateOnly, strings.TrimSpace(s)); err != nil {
			return errors.New(c.T("field.date.invalid"))
		}
		return nil
	}
}

func validCutoff(c *Common) func(string) error {
	return func(s string) error {
		v, err := parseNumber(s)
		if err != nil || v < 1 || v > 5 {
			return errors.New(c.T("field.cutoff.invalid"))
		}
		return nil
	}
}

func validBand(c *Common) func(string) error {
	return func(s string) error {
		v, err := parseNumber(s)
		if err != nil || v < 0 || v > model.MaxBand {
			return errors.New(c.T("field.band.invalid"))
		}
		return nil
	}
}

// validRevenue accepts what an import accepts ("2,5 Mkr", "150 tkr",
// "SEK 2 500 000"): one parser for both.
func validRevenue(c *Common) func(string) error {
	return func(s string) error {
		if _, _, ok := report.ParseAmount(s); !ok {
			return errors.New(c.T("field.revenue.invalid"))
		}
		return nil
	}
}

// customerFields is the heap value a customer form writes into.
type customerFields struct {
	Name, Offering, Revenue, Currency, Notes string
}

// newCustomerForm adds a customer to the open workshop, or edits cu.
func newCustomerForm(c *Common, ws *Workshop, cu *model.Customer) *workbench.FormScreen {
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
		huh.NewInput().Title(c.T("field.customer.name")).Value(&f.Name).CharLimit(100).Validate(c.RequiredName),
		huh.NewInput().Title(c.T("field.customer.offering")).Description(c.T("field.customer.offering.help")).Value(&f.Offering).CharLimit(120),
		huh.NewInput().Title(c.T("field.customer.revenue")).Value(&f.Revenue).CharLimit(20).Validate(validRevenue(c)),
		huh.NewInput().Title(c.T("field.customer.currency")).Value(&f.Currency).CharLimit(3),
		huh.NewText().Title(c.T("field.customer.notes")).Value(&f.Notes).CharLimit(2000).Lines(3),
	))
	db, wid := ws.Store(), ws.Data().Workshop.ID
	return workbench.NewFormScreen(c, title, form, func() tea.Cmd {
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
		return ws.Serial(func() tea.Msg {
			if err := db.PutCustomer(x); err != nil {
				return workbench.Fail(err)
			}
			d, err := db.Load(wid)
			if err != nil {
				return workbench.Fail(err)
			}
			// The list selects the customer just added or edited.
			return workbench.DatasetMsg{Data: d, Focus: x.ID, Status: done}
		})
	})
}
