package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"styrka/model"
)

// WritePortfolioSVG draws the portfolio as a chart for a 16:9 slide: per
// priority, its share of the revenue beside its share of the action
// plan's open actions, under the headline of how much revenue sits where
// the customer dominates, with the concentration beside it.
func WritePortfolioSVG(w io.Writer, in Input) error {
	p := in.portfolio()
	esc := func(s string) string {
		var sb strings.Builder
		_ = xml.EscapeText(&sb, []byte(model.SafeLine(s)))
		return sb.String()
	}
	const (
		left, top, right, bottom = 130.0, 200.0, 1100.0, 760.0
		revColour, effColour     = "#2f5da8", "#e0953a"
	)
	var b strings.Builder
	title := in.t("chart.portfolio.title")
	fmt.Fprintf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"title\" font-family=\"%s\">\n",
		SVGWidth, SVGHeight, SVGWidth, SVGHeight, svgFont)
	fmt.Fprintf(&b, "<title id=\"title\">%s</title>\n", esc(title+": "+in.Dataset.Workshop.Name))
	b.WriteString("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
	fmt.Fprintf(&b, "<text x=\"%g\" y=\"70\" font-size=\"36\" font-weight=\"bold\" fill=\"#1e3c6e\">%s</text>\n", left, esc(title))
	if p.Revenue > 0 {
		fmt.Fprintf(&b, "<text x=\"%g\" y=\"120\" font-size=\"26\" fill=\"#222\">%s</text>\n", left, esc(in.portfolioHeadline(p)))
	} else {
		fmt.Fprintf(&b, "<text x=\"%g\" y=\"120\" font-size=\"22\" fill=\"#555\">%s</text>\n", left, esc(in.t("portfolio.norevenue")))
	}
	// Legend.
	fmt.Fprintf(&b, "<rect x=\"%g\" y=\"150\" width=\"22\" height=\"22\" fill=\"%s\"/><text x=\"%g\" y=\"168\" font-size=\"20\">%s</text>\n", left, revColour, left+30, esc(in.t("chart.revenue")))
	fmt.Fprintf(&b, "<rect x=\"%g\" y=\"150\" width=\"22\" height=\"22\" fill=\"%s\"/><text x=\"%g\" y=\"168\" font-size=\"20\">%s</text>\n", left+260, effColour, left+290, esc(in.t("chart.effort")))
	// Axis from 0 to 100 %.
	h := bottom - top
	for _, pct := range []float64{0, 25, 50, 75, 100} {
		y := bottom - h*pct/100
		fmt.Fprintf(&b, "<line x1=\"%g\" y1=\"%.1f\" x2=\"%g\" y2=\"%.1f\" stroke=\"#dddddd\"/>\n", left, y, right, y)
		fmt.Fprintf(&b, "<text x=\"%g\" y=\"%.1f\" font-size=\"18\" text-anchor=\"end\" fill=\"#666\">%s</text>\n", left-12, y+6, esc(Percent(in.Lang, pct/100)))
	}
	groups := []model.Priority{model.P1, model.P2, model.P3, model.P4}
	slot := (right - left) / float64(len(groups))
	barW := slot * 0.32
	effort := map[model.Priority]model.Effort{}
	for _, e := range p.Effort {
		effort[e.Priority] = e
	}
	for i, pr := range groups {
		var rev float64
		for _, g := range p.Priorities {
			if g.Key == pr {
				rev = g.RevenueShare
			}
		}
		eff := effort[pr].Share
		x := left + float64(i)*slot + slot*0.16
		for k, v := range []float64{rev, eff} {
			colour := revColour
			if k == 1 {
				colour = effColour
			}
			bh := h * v
			bx := x + float64(k)*barW
			fmt.Fprintf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", bx, bottom-bh, barW-4, bh, colour)
			fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"18\" text-anchor=\"middle\">%s</text>\n", bx+barW/2-2, bottom-bh-8, esc(Percent(in.Lang, v)))
		}
		fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%g\" font-size=\"24\" font-weight=\"bold\" text-anchor=\"middle\">%s</text>\n", x+barW, bottom+36, pr.String())
	}
	fmt.Fprintf(&b, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#444\"/>\n", left, bottom, right, bottom)
	// The concentration and the effort in words, on the right.
	basis, conc, effortText := in.portfolioSentences(p)
	y := top
	fmt.Fprintf(&b, "<text x=\"1150\" y=\"%g\" font-size=\"22\" font-weight=\"bold\" fill=\"#1e3c6e\">%s</text>\n", y, esc(in.t("portfolio.concentration")))
	y += 34
	for _, s := range append(append([]string{basis}, conc...), effortText...) {
		for _, l := range wrapWords(s, 34) {
			fmt.Fprintf(&b, "<text x=\"1150\" y=\"%g\" font-size=\"18\" fill=\"#333\">%s</text>\n", y, esc(l))
			y += 24
			if y > bottom+40 {
				break
			}
		}
		y += 10
	}
	b.WriteString("</svg>\n")
	return writeText(w, b.String())
}

// wrapWords breaks text into lines of at most width characters, at spaces.
func wrapWords(s string, width int) []string {
	var lines []string
	var cur []rune
	// A number keeps its unit: "68 %" is never broken.
	s = strings.ReplaceAll(s, " %", "\u00a0%")
	for _, word := range strings.Split(s, " ") {
		if word == "" {
			continue
		}
		wr := []rune(word)
		if len(cur) > 0 && len(cur)+1+len(wr) > width {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, wr...)
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}
