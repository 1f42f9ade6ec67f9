package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"styrka/model"
)

// WritePDFBrief writes one customer's brief on one A4 page, for a seller
// to print and take into the room: the position and the scores, the
// negotiation worksheet, the buying centre, the warnings, the top
// actions, the target and what to validate. What does not fit is cut,
// with a note naming it at the foot of the page; nothing spills onto a
// second page.
func WritePDFBrief(w io.Writer, in Input, customerID string) (err error) {
	defer recoverPDF(&err)
	a, ok := in.assessment(customerID)
	if !ok {
		return fmt.Errorf("customer %s: %w", customerID, ErrNoCustomer)
	}
	f := newPDF(in.t("brief.title", a.Customer.Name), in.Today, false)
	f.AddPage()
	pg := &page{f: f, y: pdfMargin, bottom: pageH - pdfMargin - 9}
	in.briefPage(pg, a)
	pg.footer(in, pageH-pdfMargin-6)
	return writePDF(w, f)
}

// assessment scores one customer of the input.
func (in Input) assessment(customerID string) (model.Assessment, bool) {
	for _, a := range in.Dataset.Assess(in.Content.Questions()) {
		if a.Customer.ID == customerID {
			return a, true
		}
	}
	return model.Assessment{}, false
}

// page lays out text top down on one page, between y and bottom; what
// does not fit is recorded in cut, section by section.
type page struct {
	f         *fpdf.Fpdf
	y, bottom float64
	section   string
	cut       []string
	full      bool
}

// Type sizes in points, and the line height as a multiple.
const (
	sizeTitle   = 15.0
	sizeHeading = 9.5
	sizeBody    = 8.0
	sizeSmall   = 7.0
	leading     = 1.3
)

func lineHeight(size float64) float64 { return size * 0.3528 * leading }

func (p *page) font(style string, size float64) { p.f.SetFont(fontSans, style, size) }

// begin starts a section: its heading is drawn with the first line that
// follows it, never alone at the foot of the page.
func (p *page) begin(name string) {
	p.section = name
}

func (p *page) markCut() {
	if p.section != "" && (len(p.cut) == 0 || p.cut[len(p.cut)-1] != p.section) {
		p.cut = append(p.cut, p.section)
	}
}

// fits reports whether h more millimetres fit; a miss marks the section
// cut and the page full.
func (p *page) fits(h float64) bool {
	if p.full || p.y+h > p.bottom {
		p.full = true
		p.markCut()
		return false
	}
	return true
}

// heading draws the current section's heading when it and one body line
// fit.
func (p *page) heading() bool {
	h := lineHeight(sizeHeading) + 1.2
	if !p.fits(h + lineHeight(sizeBody)) {
		return false
	}
	p.font("B", sizeHeading)
	p.f.SetTextColor(30, 60, 110)
	p.f.SetXY(pdfMargin, p.y+1.2)
	p.f.CellFormat(pageW-2*pdfMargin, lineHeight(sizeHeading), pdfText(p.section), "", 0, "L", false, 0, "")
	p.f.SetDrawColor(180, 190, 210)
	p.f.Line(pdfMargin, p.y+h, pageW-pdfMargin, p.y+h)
	p.f.SetTextColor(0, 0, 0)
	p.y += h + 0.6
	return true
}

// para draws wrapped text at an indent, with an optional marker in the
// indent, at most maxLines lines (0: all); lines that do not fit are cut,
// the last one drawn ending in "…".
func (p *page) para(style string, size, indent float64, marker, text string, maxLines int) bool {
	if p.full {
		p.markCut()
		return false
	}
	p.font(style, size)
	w := pageW - 2*pdfMargin - indent
	lines := pdfLines(p.f, text, w)
	lh := lineHeight(size)
	short := false
	if maxLines > 0 && len(lines) > maxLines {
		lines, short = lines[:maxLines], true
	}
	if !p.fits(lh) {
		return false
	}
	for i, l := range lines {
		if p.y+lh > p.bottom {
			p.full = true
			p.markCut()
			break
		}
		last := i == len(lines)-1
		if (last && short) || (p.y+2*lh > p.bottom && !last) {
			l = ellipsize(p.f, l, w)
		}
		if i == 0 && marker != "" {
			p.f.SetXY(pdfMargin+indent-4, p.y)
			p.f.CellFormat(4, lh, pdfText(marker), "", 0, "L", false, 0, "")
			p.font(style, size)
		}
		p.f.SetXY(pdfMargin+indent, p.y)
		p.f.CellFormat(w, lh, l, "", 0, "L", false, 0, "")
		p.y += lh
	}
	return !p.full
}

// labelWidth is the width of the labels of labelled lines.
const labelWidth = 42.0

// labelled draws "Label: text" with the label in bold, wrapped.
func (p *page) labelled(label, text string, grey bool) bool {
	if p.full {
		p.markCut()
		return false
	}
	lw := labelWidth
	p.font("", sizeBody)
	w := pageW - 2*pdfMargin - lw
	lines := pdfLines(p.f, text, w)
	lh := lineHeight(sizeBody)
	if !p.fits(lh) {
		return false
	}
	p.font("B", sizeBody)
	p.f.SetXY(pdfMargin, p.y)
	p.f.CellFormat(lw, lh, fitText(p.f, label+":", lw-1), "", 0, "L", false, 0, "")
	p.font("", sizeBody)
	if grey {
		p.f.SetTextColor(120, 120, 120)
	}
	for _, l := range lines {
		if !p.fits(lh) {
			break
		}
		p.f.SetXY(pdfMargin+lw, p.y)
		p.f.CellFormat(w, lh, l, "", 0, "L", false, 0, "")
		p.y += lh
	}
	p.f.SetTextColor(0, 0, 0)
	return !p.full
}

// checkbox draws a box, ticked or not, at the indent before a line.
func (p *page) checkbox(done bool, text string) bool {
	if p.full || !p.fits(lineHeight(sizeBody)) {
		return false
	}
	y := p.y + 0.6
	p.f.SetDrawColor(60, 60, 60)
	p.f.Rect(pdfMargin+0.5, y, 2.6, 2.6, "D")
	if done {
		p.f.Line(pdfMargin+0.9, y+1.4, pdfMargin+1.6, y+2.2)
		p.f.Line(pdfMargin+1.6, y+2.2, pdfMargin+2.8, y+0.4)
	}
	return p.para("", sizeBody, 4.5, "", text, 2)
}

// space adds a gap.
func (p *page) space(h float64) {
	if !p.full {
		p.y += h
	}
}

// footer draws the date and, when something was cut, the note naming it.
func (p *page) footer(in Input, y float64) {
	f := p.f
	f.SetTextColor(110, 110, 110)
	p.font("I", sizeSmall)
	f.SetXY(pdfMargin, y)
	day := in.Today
	if day.IsZero() {
		day = time.Now()
	}
	if len(p.cut) > 0 {
		f.SetTextColor(150, 40, 40)
		note := in.t("pdf.cut", strings.Join(p.cut, ", "))
		f.MultiCell(pageW-2*pdfMargin, lineHeight(sizeSmall), pdfText(note), "", "L", false)
		f.SetTextColor(110, 110, 110)
		f.SetXY(pdfMargin, y+2*lineHeight(sizeSmall))
	}
	f.CellFormat(pageW-2*pdfMargin, lineHeight(sizeSmall), pdfText(in.t("pdf.generated", day.Format(time.DateOnly))), "", 0, "R", false, 0, "")
	f.SetTextColor(0, 0, 0)
}

// briefPage lays out the brief.
func (in Input) briefPage(p *page, a model.Assessment) {
	c := in.Content
	f := p.f
	cu := a.Customer
	l := LabelsOf(c, in.Lang, a)
	plan := PlanningOf(in, a)

	p.font("B", sizeTitle)
	f.SetXY(pdfMargin, p.y)
	f.CellFormat(pageW-2*pdfMargin, lineHeight(sizeTitle), fitText(f, in.t("brief.title", cu.Name), pageW-2*pdfMargin), "", 0, "L", false, 0, "")
	p.y += lineHeight(sizeTitle) + 0.5
	var meta []string
	if cu.Offering != "" {
		meta = append(meta, in.t("brief.offering", cu.Offering))
	}
	if r := Revenue(in.Lang, cu); r != "" {
		meta = append(meta, in.t("brief.revenue", r))
	}
	ws := in.Dataset.Workshop
	meta = append(meta, in.t("brief.workshop", ws.Name, ws.Date))
	f.SetTextColor(90, 90, 90)
	p.para("", sizeBody, 0, "", strings.Join(meta, " · "), 2)
	f.SetTextColor(0, 0, 0)
	p.space(1.5)

	// Position on the left, scores on the right, side by side.
	p.begin(in.t("brief.position"))
	top := p.y
	colW := (pageW - 2*pdfMargin - 6) / 2
	if p.fits(34) {
		p.heading()
		rows := [][2]string{
			{in.t("col.kraljic"), l.Kraljic}, {in.t("col.preferencing"), l.Preferencing},
			{in.t("col.regime"), l.Regime}, {in.t("col.priority"), l.Priority}, {in.t("col.room"), l.Room},
		}
		if a.Room.Placed {
			rows = append(rows, [2]string{in.t("tui.brief.stance"), l.Stance})
		}
		if l.OnLine != "" {
			rows = append(rows, [2]string{in.t("col.online"), l.OnLine})
		}
		y := p.y
		for _, r := range rows {
			p.font("B", sizeBody)
			f.SetXY(pdfMargin, y)
			f.CellFormat(40, lineHeight(sizeBody), fitText(f, r[0], 39), "", 0, "L", false, 0, "")
			p.font("", sizeBody)
			f.SetXY(pdfMargin+40, y)
			f.CellFormat(colW-40, lineHeight(sizeBody), fitText(f, r[1], colW-40), "", 0, "L", false, 0, "")
			y += lineHeight(sizeBody)
		}
		// The scores.
		x := pdfMargin + colW + 6
		sy := top
		p.font("B", sizeHeading)
		f.SetTextColor(30, 60, 110)
		f.SetXY(x, sy+1.2)
		f.CellFormat(colW, lineHeight(sizeHeading), pdfText(in.t("brief.scores")), "", 0, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
		sy = p.y
		for _, d := range model.Dimensions {
			s := a.Scores[d]
			p.font("", sizeBody)
			f.SetXY(x, sy)
			f.CellFormat(34, lineHeight(sizeBody), pdfText(c.Dimensions[d].Name), "", 0, "L", false, 0, "")
			bx, bw := x+35, colW-35-22
			f.SetDrawColor(170, 170, 170)
			f.Rect(bx, sy+0.9, bw, 2.4, "D")
			val := in.t("brief.notplaced")
			if s.Placed {
				f.SetFillColor(60, 100, 170)
				f.Rect(bx, sy+0.9, bw*(s.Value-1)/4, 2.4, "F")
				cut := ws.Thresholds.Normalized().For(d)
				f.SetDrawColor(200, 60, 60)
				f.Line(bx+bw*(cut-1)/4, sy+0.3, bx+bw*(cut-1)/4, sy+3.9)
				val = Number(in.Lang, s.Value, 1) + "  " + in.t("brief.coverage", s.Known, s.Questions)
			}
			f.SetXY(bx+bw+1.5, sy)
			f.CellFormat(20, lineHeight(sizeBody), pdfText(val), "", 0, "L", false, 0, "")
			sy += lineHeight(sizeBody) * 1.35
		}
		p.y = max(y, sy) + 1.5
	}

	p.begin(in.t("brief.worksheet"))
	if p.heading() {
		for _, line := range plan.Worksheet.Lines {
			p.labelled(line.Label, line.Text, line.Blank)
		}
		alt := plan.Worksheet.Alternatives
		if alt == "" {
			alt = strings.Join(pdfAlternatives(in, a), " · ")
			if alt == "" {
				alt = in.t("ws.noanswers")
			}
		}
		p.labelled(in.t("ws.alternatives"), alt, false)
		p.labelled(in.t("ws.tactics"), plan.Worksheet.Tactics, false)
		if cell, ok := a.Cell(); ok {
			p.labelled(in.t("label.negotiation"), c.Cells[cell.Key()].Negotiation, false)
		} else if a.Regime != "" {
			p.labelled(in.t("label.negotiation"), c.Regimes[a.Regime].Negotiation, false)
		}
		p.labelled(in.t("ws.room"), plan.Worksheet.Room, false)
		if plan.Worksheet.Notes != "" {
			p.labelled(in.t("ws.notes"), plan.Worksheet.Notes, false)
		}
		p.space(1)
	}

	p.begin(in.t("brief.centre"))
	if p.heading() {
		if len(plan.Centre) == 0 {
			p.para("I", sizeBody, 0, "", in.t("brief.centre.none"), 1)
		} else {
			p.table([]string{in.t("col.name"), in.t("col.title"), in.t("col.role"), in.t("col.attitude"), in.t("col.level"), in.t("col.relowner"), in.t("col.lastcontact")},
				[]float64{34, 30, 30, 22, 20, 24, 22}, centreCells(plan.Centre), maxCentreRows)
		}
		p.space(1)
	}

	var warnings []string
	for _, wk := range a.Warnings {
		warnings = append(warnings, c.Warnings[wk])
	}
	warnings = append(warnings, plan.CentreWarnings...)
	if len(warnings) > 0 {
		p.begin(in.t("brief.warnings"))
		if p.heading() {
			for _, wt := range warnings {
				f.SetTextColor(160, 40, 40)
				p.para("", sizeBody, 4, "!", wt, 3)
				f.SetTextColor(0, 0, 0)
			}
			p.space(1)
		}
	}

	open := model.FilterActions(in.planActions(cu.ID), model.ActionFilter{Status: model.StatusOpen})
	if len(open) > 0 {
		p.begin(in.t("report.actions"))
		if p.heading() {
			for i, act := range open {
				if i == 5 {
					p.section = in.t("report.actions")
					p.markCut()
					break
				}
				p.para("", sizeBody, 4, "-", in.actionLine(act, false), 2)
			}
			p.space(1)
		}
	}

	p.begin(in.t("brief.target"))
	if p.heading() {
		line := plan.Target.Line
		if plan.Target.Status != "" {
			line += " " + plan.Target.Status
		}
		p.para("", sizeBody, 0, "", line, 2)
		for _, g := range plan.Target.Gap {
			p.para("", sizeBody, 4, "-", g, 2)
		}
		if len(plan.Target.Progress) > 0 {
			p.para("I", sizeBody, 0, "", strings.Join(plan.Target.Progress, " · "), 2)
		}
		p.space(1)
	}

	if len(plan.Checklist) > 0 {
		p.begin(in.t("brief.validate"))
		if p.heading() {
			for _, cl := range plan.Checklist {
				p.checkbox(cl.Done, cl.Question+" ("+cl.Note+")")
			}
		}
	}
}

// pdfAlternatives is what set A's answers say of their alternatives to
// us, one short item per answer: the anchor chosen, and the evidence.
func pdfAlternatives(in Input, a model.Assessment) []string {
	var out []string
	for _, alt := range model.Alternatives(in.Content.Questions(), in.Dataset.Answers[a.Customer.ID]) {
		s := in.t("answer.dontknow")
		if alt.Answer.Score.Known() {
			s = fmt.Sprintf("%d – %s", alt.Answer.Score, alt.Anchor)
		}
		out = append(out, s)
	}
	return out
}

func centreCells(rows []StakeholderRow) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = []string{r.Name, r.Title, r.Role, r.Attitude, r.Level, r.Owner, r.LastContact}
	}
	return out
}

// maxCentreRows is the most people of the buying centre the page shows,
// so that a large one leaves room for the warnings and actions after it.
const maxCentreRows = 10

// table draws a header row and at most maxRows rows of cells, each cut to
// its column; rows that do not fit, or are past maxRows, are cut.
func (p *page) table(head []string, widths []float64, rows [][]string, maxRows int) {
	lh := lineHeight(sizeBody)
	draw := func(cells []string, style string) {
		p.font(style, sizeBody)
		x := pdfMargin
		for i, cell := range cells {
			if i >= len(widths) {
				break
			}
			p.f.SetXY(x, p.y)
			p.f.CellFormat(widths[i], lh, fitText(p.f, cell, widths[i]-1), "", 0, "L", false, 0, "")
			x += widths[i]
		}
		p.y += lh
	}
	if !p.fits(2 * lh) {
		return
	}
	p.f.SetTextColor(90, 90, 90)
	draw(head, "B")
	p.f.SetTextColor(0, 0, 0)
	for i, r := range rows {
		if i == maxRows {
			p.markCut()
			return
		}
		if !p.fits(lh) {
			return
		}
		draw(r, "")
	}
}
