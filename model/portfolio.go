package model

import (
	"cmp"
	"slices"
	"strings"
)

// Group is one slice of the portfolio: the customers in a regime, a
// class or a priority, with their revenue in the base currency.
type Group[K comparable] struct {
	Key       K       `json:"key"`
	Customers int     `json:"customers"`
	Revenue   float64 `json:"revenue"`
	// CustomerShare and RevenueShare are shares of all customers and of
	// all known revenue, 0–1.
	CustomerShare float64 `json:"customer_share"`
	RevenueShare  float64 `json:"revenue_share"`
}

// Effort is the action plan's open actions at one priority against the
// share of revenue there.
type Effort struct {
	Priority Priority `json:"priority"`
	Open     int      `json:"open"`
	// Share is the share of all open actions, 0–1; RevenueShare the share
	// of the revenue at the priority.
	Share        float64 `json:"share"`
	RevenueShare float64 `json:"revenue_share"`
}

// EffortTolerance is how far, in share points, the effort at a priority
// may lie from its revenue share before the portfolio says so.
const EffortTolerance = 0.10

// Diff is the effort share minus the revenue share: below zero the
// priority gets less effort than its revenue.
func (e Effort) Diff() float64 { return e.Share - e.RevenueShare }

// Follows reports whether the effort lies within EffortTolerance of the
// revenue share.
func (e Effort) Follows() bool {
	return e.Diff() >= -EffortTolerance-epsilon && e.Diff() <= EffortTolerance+epsilon
}

// TopCustomer is one of the largest customers by revenue.
type TopCustomer struct {
	CustomerID string  `json:"customer_id"`
	Name       string  `json:"name"`
	Revenue    float64 `json:"revenue"`
	Share      float64 `json:"share"`
}

// TopN is how many of the largest customers the concentration counts.
const TopN = 5

// Portfolio is the workshop's customers as a whole (domain.md §8): the
// share of revenue and of customers per regime, class and priority, the
// concentration of revenue on few customers, and whether the action
// plan's effort follows the priorities.
type Portfolio struct {
	Customers int `json:"customers"`
	// Revenue is the known revenue in the base currency; WithRevenue the
	// customers it comes from, NoRevenue those whose revenue is unknown
	// or cannot be converted.
	Revenue     float64 `json:"revenue"`
	WithRevenue int     `json:"with_revenue"`
	NoRevenue   int     `json:"no_revenue"`
	// The groups in display order; the zero key (last) holds the
	// customers not placed there.
	Regimes    []Group[Regime]       `json:"regimes"`
	Kraljic    []Group[Kraljic]      `json:"kraljic"`
	Pref       []Group[Preferencing] `json:"preferencing"`
	Priorities []Group[Priority]     `json:"priorities"`
	// Top are the TopN largest customers; TopShare their share of the
	// revenue. HHI is the Herfindahl–Hirschman index of the revenue
	// shares in per cent (Σ sᵢ², 0–10,000).
	Top      []TopCustomer `json:"top"`
	TopShare float64       `json:"top_share"`
	HHI      float64       `json:"hhi"`
	// Effort per priority P1–P4, and the open actions of customers
	// without a priority.
	Effort      []Effort `json:"effort"`
	OpenActions int      `json:"open_actions"`
	Unplaced    int      `json:"unplaced_actions"`
}

// HHI yardsticks of the competition authorities: below 1,500
// unconcentrated, above 2,500 highly concentrated.
const (
	HHIModerate = 1500
	HHIHigh     = 2500
)

// Concentration names how concentrated revenue is by the HHI.
type Concentration string

const (
	Unconcentrated Concentration = "unconcentrated"
	Moderate       Concentration = "moderate"
	Concentrated   Concentration = "concentrated"
)

// Concentration reads the HHI.
func (p Portfolio) Concentration() Concentration {
	switch {
	case p.HHI > HHIHigh:
		return Concentrated
	case p.HHI >= HHIModerate:
		return Moderate
	}
	return Unconcentrated
}

// NewPortfolio sums up assessed customers (with BaseRevenue converted, as
// Dataset.Assess gives them) and their actions.
func NewPortfolio(as []Assessment, actions []Action) Portfolio {
	p := Portfolio{Customers: len(as)}
	for _, a := range as {
		if a.BaseRevenue != nil && *a.BaseRevenue >= 0 {
			p.Revenue += *a.BaseRevenue
			p.WithRevenue++
		} else {
			p.NoRevenue++
		}
	}
	p.Regimes = groups(as, p, append(slices.Clone(Regimes), ""), func(a Assessment) Regime { return a.Regime })
	p.Kraljic = groups(as, p, append(slices.Clone(KraljicClasses), ""), func(a Assessment) Kraljic { return a.Kraljic })
	p.Pref = groups(as, p, append(slices.Clone(PreferencingClasses), ""), func(a Assessment) Preferencing { return a.Pref })
	p.Priorities = groups(as, p, []Priority{P1, P2, P3, P4, NoPriority}, func(a Assessment) Priority { return a.Priority })

	var tops []TopCustomer
	for _, a := range as {
		if a.BaseRevenue != nil && *a.BaseRevenue > 0 {
			tops = append(tops, TopCustomer{CustomerID: a.Customer.ID, Name: a.Customer.Name, Revenue: *a.BaseRevenue})
		}
	}
	slices.SortStableFunc(tops, func(x, y TopCustomer) int {
		return cmp.Or(cmp.Compare(y.Revenue, x.Revenue), cmp.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)))
	})
	if p.Revenue > 0 {
		for i := range tops {
			tops[i].Share = tops[i].Revenue / p.Revenue
			pct := tops[i].Share * 100
			p.HHI += pct * pct
		}
	}
	p.Top = tops[:min(TopN, len(tops))]
	for _, t := range p.Top {
		p.TopShare += t.Share
	}

	priority := make(map[string]Priority, len(as))
	for _, a := range as {
		priority[a.Customer.ID] = a.Priority
	}
	open := map[Priority]int{}
	for _, act := range actions {
		pr, ok := priority[act.CustomerID]
		if !ok || act.Status != StatusOpen {
			continue
		}
		p.OpenActions++
		if pr == NoPriority {
			p.Unplaced++
		}
		open[pr]++
	}
	for _, g := range p.Priorities {
		if g.Key == NoPriority {
			continue
		}
		e := Effort{Priority: g.Key, Open: open[g.Key], RevenueShare: g.RevenueShare}
		if p.OpenActions > 0 {
			e.Share = float64(e.Open) / float64(p.OpenActions)
		}
		p.Effort = append(p.Effort, e)
	}
	return p
}

func groups[K comparable](as []Assessment, p Portfolio, keys []K, key func(Assessment) K) []Group[K] {
	out := make([]Group[K], len(keys))
	index := make(map[K]int, len(keys))
	for i, k := range keys {
		out[i].Key = k
		index[k] = i
	}
	for _, a := range as {
		i, ok := index[key(a)]
		if !ok {
			continue
		}
		out[i].Customers++
		if a.BaseRevenue != nil && *a.BaseRevenue >= 0 {
			out[i].Revenue += *a.BaseRevenue
		}
	}
	for i := range out {
		if p.Customers > 0 {
			out[i].CustomerShare = float64(out[i].Customers) / float64(p.Customers)
		}
		if p.Revenue > 0 {
			out[i].RevenueShare = out[i].Revenue / p.Revenue
		}
	}
	return out
}
