package report

import "styrka/model"

// PortfolioText is the portfolio in words and numbers, as the workshop
// report words it, for a surface that lays it out itself (the terminal
// UI's portfolio screen).
type PortfolioText struct {
	Portfolio model.Portfolio
	// Headline is how much revenue sits where the customer dominates and
	// Basis what the revenue is counted in; both "" without revenue.
	Headline, Basis string
	// Tables are by power balance, by Kraljic class, by preferencing
	// class and by priority (with the effort), groups without customers
	// left out but for the priorities.
	Tables []PortfolioTable
	// Concentration and Effort are the sentences on the concentration
	// (none without revenue) and on the effort against the priorities.
	Concentration, Effort []string
}

// PortfolioTable is one breakdown of the portfolio.
type PortfolioTable struct {
	Title string
	Rows  []PortfolioRow
}

// PortfolioRow is one group of a breakdown; Open and EffortShare are
// set when HasEffort.
type PortfolioRow struct {
	Group                  string
	Customers              int
	CustomerShare, Revenue float64
	RevenueShare           float64
	Open                   int
	EffortShare            float64
	HasEffort              bool
}

// PortfolioOf sums up the input's customers and words the result.
func PortfolioOf(in Input) PortfolioText {
	p := in.portfolio()
	out := PortfolioText{Portfolio: p}
	basis, conc, effort := in.portfolioSentences(p)
	if p.Revenue > 0 {
		out.Headline, out.Basis = in.portfolioHeadline(p), basis
	}
	out.Concentration, out.Effort = conc, effort
	titles := []string{in.t("portfolio.regimes"), in.t("portfolio.kraljic"), in.t("portfolio.pref"), in.t("portfolio.priorities")}
	for i, rows := range in.portfolioTables(p) {
		t := PortfolioTable{Title: titles[i]}
		for _, r := range rows {
			t.Rows = append(t.Rows, PortfolioRow{Group: r.Group, Customers: r.Customers, CustomerShare: r.CustomerShare,
				Revenue: r.Revenue, RevenueShare: r.RevenueShare, Open: r.Open, EffortShare: r.EffortShare, HasEffort: r.HasEffort})
		}
		out.Tables = append(out.Tables, t)
	}
	return out
}
