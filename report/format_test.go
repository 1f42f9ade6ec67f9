package report_test

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
)

// Swedish as golang.org/x/text writes it: a no-break space (U+00A0)
// between digit groups and a minus sign (U+2212), not a hyphen.
const (
	nbsp  = "\u00a0"
	minus = "\u2212"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		lang     string
		v        float64
		decimals int
		want     string
	}{
		{"sv", 3.4, 1, "3,4"},
		{"sv", 3.4, 0, "3"},
		{"sv", 3.4, 2, "3,40"},
		{"sv", 3, 1, "3,0"},
		{"sv", 12500000, 0, "12" + nbsp + "500" + nbsp + "000"},
		{"sv", 1234.5, 1, "1" + nbsp + "234,5"},
		{"sv", 999, 0, "999"},
		{"sv", 1000, 0, "1" + nbsp + "000"},
		{"sv", -1.5, 1, minus + "1,5"},
		{"sv", -1234567.891, 2, minus + "1" + nbsp + "234" + nbsp + "567,89"},
		{"sv", 0, 1, "0,0"},
		{"sv", 2.25, 3, "2,25"}, // more than 2 decimals are capped at 2
		{"en", 3.4, 1, "3.4"},
		{"en", 3.4, 0, "3"},
		{"en", 12500000, 0, "12,500,000"},
		{"en", 12500000, 2, "12,500,000.00"},
		{"en", 1234.5, 1, "1,234.5"},
		{"en", -1.5, 1, "-1.5"},
		{"en", 0, 1, "0.0"},
		// Any language but Swedish is written in English.
		{"de", 1234.5, 1, "1,234.5"},
		{"", 3.4, 1, "3.4"},
	}
	for _, tt := range tests {
		if got := report.Number(tt.lang, tt.v, tt.decimals); got != tt.want {
			t.Errorf("Number(%q, %v, %d) = %q, want %q", tt.lang, tt.v, tt.decimals, got, tt.want)
		}
	}
}

func TestSigned(t *testing.T) {
	tests := []struct {
		lang string
		v    float64
		want string
	}{
		{"sv", 2.6, "+2,6"},
		{"sv", -0.6, minus + "0,6"},
		{"sv", 0, "0,0"},
		{"sv", 1234.5, "+1" + nbsp + "234,5"},
		{"en", 2.6, "+2.6"},
		{"en", -1.9, "-1.9"},
		{"en", 0, "0.0"},
	}
	for _, tt := range tests {
		if got := report.Signed(tt.lang, tt.v, 1); got != tt.want {
			t.Errorf("Signed(%q, %v, 1) = %q, want %q", tt.lang, tt.v, got, tt.want)
		}
	}
}

// TestSignedRoundsToZero: a room to move of ±0.04 is shown with one
// decimal as "+0,0" / "−0,0", a sign on a zero.
func TestSignedRoundsToZero(t *testing.T) {

	for _, lang := range langs {
		zero := report.Number(lang, 0, 1)
		for _, v := range []float64{0.04, -0.04} {
			if got := report.Signed(lang, v, 1); got != zero {
				t.Errorf("Signed(%q, %v, 1) = %q, want %q", lang, v, got, zero)
			}
		}
	}
}

func TestRevenue(t *testing.T) {
	rev := func(v float64) *float64 { return &v }
	tests := []struct {
		lang string
		c    model.Customer
		want string
	}{
		{"sv", model.Customer{}, ""},
		{"en", model.Customer{Currency: "SEK"}, ""},
		{"sv", model.Customer{Revenue: rev(38000000), Currency: "SEK"}, "38" + nbsp + "000" + nbsp + "000 SEK"},
		{"en", model.Customer{Revenue: rev(38000000), Currency: "SEK"}, "38,000,000 SEK"},
		{"en", model.Customer{Revenue: rev(1999.6)}, "2,000"},
		{"sv", model.Customer{Revenue: rev(0), Currency: "EUR"}, "0 EUR"},
	}
	for _, tt := range tests {
		if got := report.Revenue(tt.lang, tt.c); got != tt.want {
			t.Errorf("Revenue(%q, %+v) = %q, want %q", tt.lang, tt.c, got, tt.want)
		}
	}
}

func TestBar(t *testing.T) {
	tests := []struct {
		v     float64
		width int
		want  string
	}{
		{0, 10, "░░░░░░░░░░"},
		{1, 10, "██░░░░░░░░"},
		{2.5, 10, "█████░░░░░"},
		{5, 10, "██████████"},
		{4.6, 10, "█████████▎"},
		{3.9, 10, "███████▊░░"},
		{1, 5, "█░░░░"},
		{2.5, 5, "██▌░░"},
		{5, 1, "█"},
		{0.1, 1, "░"}, // 0.16 eighths round to none
		{0.5, 1, "▏"},
		{2.5, 1, "▌"},
		{6, 4, "████"},   // above the scale: full
		{-1, 4, "░░░░"},  // below: empty
		{3, 0, ""},       // no room
		{3, -2, ""},      // negative width
		{4.99, 3, "███"}, // rounds up to full, not past it
	}
	for _, tt := range tests {
		got := report.Bar(tt.v, tt.width)
		if got != tt.want {
			t.Errorf("Bar(%v, %d) = %q, want %q", tt.v, tt.width, got, tt.want)
		}
	}
}

func TestBarWidth(t *testing.T) {
	values := []float64{0, 1, 2.5, 5, -3, 7, math.NaN(), math.Inf(1), math.Inf(-1)}
	for v := 0.0; v <= 5; v += 0.01 {
		values = append(values, v)
	}
	for width := 0; width <= 40; width++ {
		for _, v := range values {
			got := report.Bar(v, width)
			if n := utf8.RuneCountInString(got); n != width {
				t.Fatalf("Bar(%v, %d) = %q is %d runes wide, want %d", v, width, got, n, width)
			}
			if strings.ContainsRune(got, ' ') {
				t.Fatalf("Bar(%v, %d) = %q has a space", v, width, got)
			}
		}
	}
	// A bar grows with the score.
	prev := ""
	for v := 1.0; v <= 5; v += 0.1 {
		got := report.Bar(v, 10)
		if fill(got) < fill(prev) {
			t.Errorf("Bar(%.1f) = %q is shorter than the bar before, %q", v, got, prev)
		}
		prev = got
	}
}

// fill is a bar's length in eighths of a cell.
func fill(bar string) int {
	n := 0
	for _, r := range bar {
		switch {
		case r == '█':
			n += 8
		case r >= '▉' && r <= '▏':
			n += int('▏'-r) + 1
		}
	}
	return n
}

func TestLabelsOf(t *testing.T) {
	all := func(s string) report.Labels {
		return report.Labels{Kraljic: s, Preferencing: s, Regime: s, Priority: s, Room: s, Stance: s}
	}
	in := demoInput(t, "sv")
	c := in.Content
	qs := c.Questions()
	placed := assessmentOf(t, in, customerID(t, in.Dataset, "Mälarö Lyftteknik AB"))

	// Only set A answered: the Kraljic class is known, nothing else.
	onlyA := map[string]model.Answer{}
	// Only supply risk and relative value: the regime and the room are
	// known, but neither class and so no priority.
	riskValue := map[string]model.Answer{}
	for _, q := range qs {
		if q.Set == model.SetThem {
			onlyA[q.ID] = model.Answer{QuestionID: q.ID, Score: 4}
		}
		if q.Dimension == model.SupplyRisk || q.Dimension == model.RelativeValue {
			riskValue[q.ID] = model.Answer{QuestionID: q.ID, Score: 2}
		}
	}
	th := model.DefaultThresholds()
	tests := []struct {
		name string
		lang string
		c    *assets.Content
		a    model.Assessment
		want report.Labels
	}{
		{"not placed sv", "sv", c, model.Assess(th, qs, model.Customer{}, nil), all("–")},
		{"not placed en", "en", assets.MustBuiltin("en"), model.Assess(th, qs, model.Customer{}, nil), all("–")},
		{"placed sv", "sv", c, placed, report.Labels{
			Kraljic: "Strategisk", Preferencing: "Kärnkund", Regime: "Ömsesidigt beroende",
			Priority: "P1", Room: "Balanserat handlingsutrymme (" + minus + "0,5)", Stance: "Balans",
		}},
		{"placed en", "en", assets.MustBuiltin("en"), placed, report.Labels{
			Kraljic: "Strategic", Preferencing: "Core", Regime: "Interdependence",
			Priority: "P1", Room: "Balanced room to move (-0.5)", Stance: "Balance",
		}},
		{"on the line en", "en", assets.MustBuiltin("en"), assessmentOf(t, in, customerID(t, in.Dataset, "Skogsviks Bruk AB")), report.Labels{
			Kraljic: "Strategic", Preferencing: "Exploitable", Regime: "Interdependence", Priority: "P2",
			Room: "Balanced room to move (-0.3)", Stance: "Balance",
			OnLine: "Profit impact → Bottleneck × Exploitable, Interdependence, P2",
		}},
		{"set A only", "en", assets.MustBuiltin("en"), model.Assess(th, qs, model.Customer{}, onlyA), report.Labels{
			Kraljic: "Strategic", Preferencing: "–", Regime: "–", Priority: "–", Room: "–", Stance: "–",
		}},
		{"risk and value only", "en", assets.MustBuiltin("en"), model.Assess(th, qs, model.Customer{}, riskValue), report.Labels{
			Kraljic: "–", Preferencing: "–", Regime: "Independence", Priority: "–", Room: "Balanced room to move (0.0)",
			Stance: "Balance (indicative: Kraljic's stances are for strategic items)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := report.LabelsOf(tt.c, tt.lang, tt.a); got != tt.want {
				t.Errorf("LabelsOf = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
