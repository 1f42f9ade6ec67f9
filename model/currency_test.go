package model_test

import (
	"slices"
	"testing"

	. "styrka/model"
)

func TestConvertRevenueAndRank(t *testing.T) {
	cust := func(id string, r *float64, cur string) Customer {
		return Customer{ID: id, Name: id, Revenue: r, Currency: cur}
	}
	tests := []struct {
		name        string
		w           Workshop
		cs          []Customer
		base        []*float64 // BaseRevenue per customer; nil entries for none
		noRate      []bool
		order       []string
		basis       string
		unconverted []string
	}{
		{
			name:   "EUR 2 M ranks above SEK 3 M once converted",
			w:      Workshop{Currency: "SEK", Rates: map[string]float64{"EUR": 11.5}},
			cs:     []Customer{cust("sek", rev(3e6), "SEK"), cust("eur", rev(2e6), "eur")},
			base:   []*float64{rev(3e6), rev(23e6)},
			noRate: []bool{false, false},
			order:  []string{"eur", "sek"}, basis: "SEK",
		},
		{
			name:   "no rate: the revenue is left out of ranking and flagged",
			w:      Workshop{Currency: "SEK"},
			cs:     []Customer{cust("eur", rev(2e9), "EUR"), cust("sek", rev(3e6), "SEK")},
			base:   []*float64{nil, rev(3e6)},
			noRate: []bool{true, false},
			order:  []string{"sek", "eur"}, basis: "SEK", unconverted: []string{"EUR"},
		},
		{
			name:   "a revenue without currency is in the base",
			w:      Workshop{Currency: "sek"},
			cs:     []Customer{cust("none", rev(5), ""), cust("sek", rev(4), "SEK")},
			base:   []*float64{rev(5), rev(4)},
			noRate: []bool{false, false},
			order:  []string{"none", "sek"}, basis: "SEK",
		},
		{
			name:   "no base, one currency: that currency is the base",
			w:      Workshop{},
			cs:     []Customer{cust("a", rev(1), "NOK"), cust("b", rev(2), "NOK"), cust("c", nil, "")},
			base:   []*float64{rev(1), rev(2), nil},
			noRate: []bool{false, false, false},
			order:  []string{"b", "a", "c"}, basis: "NOK",
		},
		{
			name:   "no base, several currencies: nothing can be compared",
			w:      Workshop{Rates: map[string]float64{"EUR": 11}},
			cs:     []Customer{cust("eur", rev(1), "EUR"), cust("sek", rev(2), "SEK"), cust("none", rev(3), "")},
			base:   []*float64{nil, nil, nil},
			noRate: []bool{true, true, true},
			order:  []string{"eur", "none", "sek"}, unconverted: []string{"EUR", "SEK"},
		},
		{
			name:   "a zero or negative rate is no rate",
			w:      Workshop{Currency: "SEK", Rates: map[string]float64{"EUR": 0, "USD": -2}},
			cs:     []Customer{cust("eur", rev(1), "EUR"), cust("usd", rev(1), "USD")},
			base:   []*float64{nil, nil},
			noRate: []bool{true, true},
			order:  []string{"eur", "usd"}, basis: "SEK", unconverted: []string{"EUR", "USD"},
		},
		{
			name:   "no revenue at all",
			w:      Workshop{},
			cs:     []Customer{cust("a", nil, ""), cust("b", nil, "SEK")},
			base:   []*float64{nil, nil},
			noRate: []bool{false, false},
			order:  []string{"a", "b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := make([]Assessment, len(tt.cs))
			for i, c := range tt.cs {
				as[i] = Assessment{Customer: c, BaseRevenue: c.Revenue, Priority: P1}
			}
			ConvertRevenue(as, tt.w)
			for i, a := range as {
				switch want := tt.base[i]; {
				case want == nil && a.BaseRevenue != nil:
					t.Errorf("%s: BaseRevenue = %v, want none", a.Customer.ID, *a.BaseRevenue)
				case want != nil && (a.BaseRevenue == nil || !near(*a.BaseRevenue, *want)):
					t.Errorf("%s: BaseRevenue = %v, want %v", a.Customer.ID, a.BaseRevenue, *want)
				}
				if a.NoRate != tt.noRate[i] {
					t.Errorf("%s: NoRate = %v, want %v", a.Customer.ID, a.NoRate, tt.noRate[i])
				}
			}
			if got := ids(Rank(as)); !slices.Equal(got, tt.order) {
				t.Errorf("Rank = %v, want %v", got, tt.order)
			}
			b := tt.w.Basis(tt.cs)
			if b.Base != tt.basis || !slices.Equal(b.Unconverted, tt.unconverted) {
				t.Errorf("Basis = %+v, want base %q unconverted %v", b, tt.basis, tt.unconverted)
			}
		})
	}
}

// TestDatasetAssessConverts: the dataset's assessment converts revenue,
// while Assess on its own leaves it as entered.
func TestDatasetAssessConverts(t *testing.T) {
	qs := questionsN(1)
	d := Dataset{
		Workshop:  Workshop{Thresholds: DefaultThresholds(), Currency: "SEK", Rates: map[string]float64{"EUR": 10}},
		Customers: []Customer{{ID: "e", Name: "e", Revenue: rev(2), Currency: "EUR"}, {ID: "s", Name: "s", Revenue: rev(3), Currency: "SEK"}},
	}
	as := d.Assess(qs)
	if *as[0].BaseRevenue != 20 || *as[1].BaseRevenue != 3 {
		t.Errorf("BaseRevenue = %v, %v; want 20, 3", *as[0].BaseRevenue, *as[1].BaseRevenue)
	}
	if got := ids(Rank(as)); !slices.Equal(got, []string{"e", "s"}) {
		t.Errorf("Rank = %v", got)
	}
	if a := Assess(d.Workshop.Thresholds, qs, d.Customers[0], nil); *a.BaseRevenue != 2 {
		t.Errorf("Assess alone: BaseRevenue = %v, want 2", *a.BaseRevenue)
	}
}
