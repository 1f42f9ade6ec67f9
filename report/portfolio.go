package report

import (
	"fmt"
	"slices"
	"strings"

	"styrka/model"
)

// The portfolio (issue 14): the share of revenue and of customers per
// power balance, class and priority, the concentration of revenue, and
// whether the action plan's effort follows the priorities. The workshop
// report has it as a section, the workbook as a sheet, and
// WritePortfolioSVG draws it as a chart for a slide.

// portfolio sums up the input's customers.
func (in Input) portfolio() model.Portfolio {
	return model.NewPortfolio(in.assess(), in.Dataset.Actions)
}

// portfolioRow is one group of a portfolio table in words and numbers.
type portfolioRow struct {
	Table, Group       string
	Customers          int
	CustomerShare      float64
	Revenue            float64
	RevenueShare       float64
	Open               int
	EffortShare        float64
	HasEffort, Present bool
}

// portfolioTables are the four tables in order: by power balance, by
// Kraljic class, by preferencing class, by priority (with the effort).
// A group without customers is left out, but for the priorities.
func (in Input) portfolioTables(p model.Portfolio) [][]portfolioRow {
	unplaced := in.t("portfolio.unplaced")
	name := func(s, fallback string) string {
		if s == "" {
			return unplaced
		}
		return fallback
	}
	var regimes, kraljic, pref, prio []portfolioRow
	for _, g := range p.Regimes {
		if g.Customers > 0 {
			regimes = append(regimes, portfolioRow{Table: in.t("portfolio.regimes"), Group: name(string(g.Key), in.regimeName(g.Key)), Customers: g.Customers, CustomerShare: g.CustomerShare, Revenue: g.Revenue, RevenueShare: g.RevenueShare})
		}
	}
	for _, g := range p.Kraljic {
		if g.Customers > 0 {
			kraljic = append(kraljic, portfolioRow{Table: in.t("portfolio.kraljic"), Group: name(string(g.Key), in.kraljicName(g.Key)), Customers: g.Customers, CustomerShare: g.CustomerShare, Revenue: g.Revenue, RevenueShare: g.RevenueShare})
		}
	}
	for _, g := range p.Pref {
		if g.Customers > 0 {
			pref = append(pref, portfolioRow{Table: in.t("portfolio.pref"), Group: name(string(g.Key), in.prefName(g.Key)), Customers: g.Customers, CustomerShare: g.CustomerShare, Revenue: g.Revenue, RevenueShare: g.RevenueShare})
		}
	}
	effort := map[model.Priority]model.Effort{}
	for _, e := range p.Effort {
		effort[e.Priority] = e
	}
	for _, g := range p.Priorities {
		if g.Key == model.NoPriority && g.Customers == 0 {
			continue
		}
		r := portfolioRow{Table: in.t("portfolio.priorities"), Group: g.Key.String(), Customers: g.Customers, CustomerShare: g.CustomerShare, Revenue: g.Revenue, RevenueShare: g.RevenueShare}
		if g.Key == model.NoPriority {
			r.Group = unplaced
			r.Open, r.HasEffort = p.Unplaced, true
			if p.OpenActions > 0 {
				r.EffortShare = float64(p.Unplaced) / float64(p.OpenActions)
			}
		} else {
			e := effort[g.Key]
			r.Open, r.EffortShare, r.HasEffort = e.Open, e.Share, true
		}
		prio = append(prio, r)
	}
	return [][]portfolioRow{regimes, kraljic, pref, prio}
}

// headline is the portfolio's first sentence: how much revenue sits
// where the customer dominates.
func (in Input) portfolioHeadline(p model.Portfolio) string {
	for _, g := range p.Regimes {
		if g.Key == model.BuyerDominance {
			return in.t("portfolio.headline", Percent(in.Lang, g.RevenueShare))
		}
	}
	return ""
}

// portfolioSentences are what the portfolio says in words: its basis,
// the concentration and the effort.
func (in Input) portfolioSentences(p model.Portfolio) (basis string, concentration, effort []string) {
	if cur := in.Dataset.Workshop.Currency; cur != "" {
		basis = in.t("portfolio.basis", cur, p.WithRevenue, p.Customers)
	} else {
		basis = in.t("portfolio.basis.nocurrency", p.WithRevenue, p.Customers)
	}
	if p.Revenue > 0 {
		concentration = append(concentration,
			in.t("portfolio.top", len(p.Top), Percent(in.Lang, p.TopShare)),
			in.t("portfolio.hhi", Number(in.Lang, p.HHI, 0), in.t("conc."+string(p.Concentration()))))
	}
	if p.OpenActions == 0 {
		return basis, concentration, []string{in.t("effort.none")}
	}
	follows := true
	for _, e := range p.Effort {
		if e.Follows() {
			continue
		}
		follows = false
		key := "effort.more"
		if e.Diff() < 0 {
			key = "effort.less"
		}
		effort = append(effort, in.t(key, e.Priority.String(), Percent(in.Lang, e.Share), Percent(in.Lang, e.RevenueShare)))
	}
	if follows {
		effort = append(effort, in.t("effort.follows"))
	}
	if p.Unplaced > 0 {
		effort = append(effort, in.t("effort.unplaced", p.Unplaced))
	}
	return basis, concentration, effort
}

// writePortfolio writes the portfolio section of the workshop report.
func writePortfolio(b *strings.Builder, in Input) {
	p := in.portfolio()
	if p.Customers == 0 {
		return
	}
	fmt.Fprintf(b, "## %s\n\n", in.t("report.portfolio"))
	basis, conc, effort := in.portfolioSentences(p)
	if p.Revenue > 0 {
		fmt.Fprintf(b, "**%s**\n\n", in.portfolioHeadline(p))
		fmt.Fprintf(b, "%s\n\n", basis)
	} else {
		fmt.Fprintf(b, "%s\n\n", in.t("portfolio.norevenue"))
	}
	for _, rows := range in.portfolioTables(p) {
		if len(rows) == 0 {
			continue
		}
		fmt.Fprintf(b, "### %s\n\n", rows[0].Table)
		effortCols := rows[0].HasEffort
		head := []string{in.t("col.group"), in.t("col.customers"), in.t("col.custshare"), in.t("col.revshare")}
		if effortCols {
			head = append(head, in.t("col.openactions"), in.t("col.effortshare"))
		}
		fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
		for _, r := range rows {
			rev := "–"
			if p.Revenue > 0 {
				rev = Percent(in.Lang, r.RevenueShare)
			}
			cells := []string{r.Group, fmt.Sprint(r.Customers), Percent(in.Lang, r.CustomerShare), rev}
			if effortCols {
				cells = append(cells, fmt.Sprint(r.Open), Percent(in.Lang, r.EffortShare))
			}
			fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
		}
		b.WriteString("\n")
	}
	if len(conc) > 0 {
		fmt.Fprintf(b, "### %s\n\n%s\n\n", in.t("portfolio.concentration"), strings.Join(conc, " "))
		for i, t := range p.Top {
			fmt.Fprintf(b, "%d. %s: %s\n", i+1, mdEscape(t.Name), Percent(in.Lang, t.Share))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "### %s\n\n", in.t("portfolio.effort"))
	for _, s := range effort {
		fmt.Fprintf(b, "- %s\n", s)
	}
	b.WriteString("\n")
}

// portfolioSheet is the portfolio as a workbook sheet: one row per group
// of each table, then the concentration.
func portfolioSheet(in Input) sheet {
	p := in.portfolio()
	pct := func(s float64) float64 { return round2(s * 100) }
	s := sheet{Name: in.t("report.portfolio"), Columns: []column{
		{in.t("col.breakdown"), colText}, {in.t("col.group"), colText}, {in.t("col.customers"), colInt},
		{in.t("col.custshare") + " (%)", colScore}, {in.t("col.revenue"), colMoney}, {in.t("col.revshare") + " (%)", colScore},
		{in.t("col.openactions"), colInt}, {in.t("col.effortshare") + " (%)", colScore},
	}}
	var rows [][]any
	for _, table := range in.portfolioTables(p) {
		for _, r := range table {
			row := []any{r.Table, r.Group, r.Customers, pct(r.CustomerShare), nil, nil, nil, nil}
			if p.Revenue > 0 {
				row[4], row[5] = r.Revenue, pct(r.RevenueShare)
			}
			if r.HasEffort {
				row[6], row[7] = r.Open, pct(r.EffortShare)
			}
			rows = append(rows, row)
		}
	}
	if p.Revenue > 0 {
		conc := in.t("portfolio.concentration")
		for _, t := range p.Top {
			rows = append(rows, []any{conc, t.Name, 1, nil, t.Revenue, pct(t.Share), nil, nil})
		}
		rows = append(rows, []any{conc, in.t("portfolio.top", len(p.Top), Percent(in.Lang, p.TopShare)), len(p.Top), nil, nil, pct(p.TopShare), nil, nil})
		rows = append(rows, []any{conc, in.t("portfolio.hhi", Number(in.Lang, p.HHI, 0), in.t("conc."+string(p.Concentration()))), nil, nil, nil, nil, nil, nil})
	}
	s.Rows = slices.Values(rows)
	return s
}
