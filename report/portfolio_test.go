package report_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"styrka/report"
)

func TestPortfolioSection(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, _ := plannedInput(t, lang)
			c := in.Content
			md := markdown(t, in)
			sec, ok := section(md, c.T("report.portfolio"))
			if !ok {
				t.Fatal("no portfolio section")
			}
			// The demo's buyer-dominance customers hold 42 % of its revenue.
			for _, want := range []string{c.T("portfolio.headline", "42 %"), "### " + c.T("portfolio.priorities"), c.T("portfolio.top", 5, "68 %"),
				"Herfindahl", "| P1 | 2 |", c.T("effort.unplaced", 0)[:10]} {
				if !strings.Contains(sec, want) {
					t.Errorf("the portfolio has no %q:\n%s", want, sec)
				}
			}
		})
	}
}

func TestPortfolioSheetAndChart(t *testing.T) {
	in, _ := plannedInput(t, "en")
	c := in.Content
	f := openXLSX(t, in)
	rows, err := f.GetRows(c.T("report.portfolio"))
	if err != nil || len(rows) < 10 || rows[0][1] != c.T("col.group") {
		t.Fatalf("portfolio sheet: %v, %v", rows, err)
	}
	found := false
	for _, r := range rows {
		if len(r) > 5 && r[0] == c.T("portfolio.regimes") && r[1] == c.Regimes["buyer_dominance"].Name && r[5] == "42.20" {
			found = true
		}
	}
	if !found {
		t.Errorf("no row of buyer dominance with its share: %v", rows)
	}

	var b bytes.Buffer
	if err := report.Write(&b, "portfolio-svg", in, report.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&b)
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the chart is not XML: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
		}
	}
	for _, want := range []string{c.T("chart.portfolio.title"), c.T("portfolio.headline", "42 %"), "P1", "P4"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the chart has no %q", want)
		}
	}
}

func TestStakeholderSheet(t *testing.T) {
	in, _ := plannedInput(t, "sv")
	c := in.Content
	f := openXLSX(t, in)
	if got := f.GetSheetList(); got[len(got)-2] != c.T("brief.centre") {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows(c.T("brief.centre"))
	if err != nil || len(rows) != 3 || rows[1][1] != "Örjan Häll" || rows[2][3] != c.T("role.gatekeeper") || rows[2][7] != "2026-04-20" {
		t.Errorf("stakeholders sheet: %q, %v", rows, err)
	}
}
