package report

import (
	"io"
	"strings"

	"github.com/go-pdf/fpdf"
)

// The workshop report and the handout as PDF, on as many pages as they
// need: the Markdown styrka writes for them is laid out on A4 pages. It
// reads only the Markdown that styrka itself writes (headings, paragraphs,
// bullets, checkboxes, tables, quotes and fenced text such as the map);
// user text in it is escaped, so every marker it meets is styrka's own.

// mdStyle sizes a Markdown document's text in points.
type mdStyle struct {
	body, small, h1, h2, h3 float64
	// gap is the space after a paragraph, in millimetres.
	gap float64
	// keep is how many body lines a ### heading takes to the next page
	// with it: a handout's question stays whole with its anchors.
	keep int
}

var (
	reportStyle  = mdStyle{body: 9, small: 8, h1: 16, h2: 12, h3: 10, gap: 1.6, keep: 3}
	handoutStyle = mdStyle{body: 8, small: 7, h1: 13, h2: 10.5, h3: 8.5, gap: 0.8, keep: 12}
)

// WritePDFReport writes the workshop report as a PDF of as many pages as
// it needs.
func WritePDFReport(w io.Writer, in Input) (err error) {
	defer recoverPDF(&err)
	var md strings.Builder
	if err := WriteMarkdown(&md, in); err != nil {
		return err
	}
	f := newPDF(in.t("report.title", in.Dataset.Workshop.Name), in.Today, true)
	renderMarkdownPDF(f, in, md.String(), reportStyle)
	return writePDF(w, f)
}

// WritePDFHandout writes the handout (the question sheets, for one
// customer when customer is not empty) as a PDF on as few pages as it
// fits: smaller type, and the anchors of a question kept together.
func WritePDFHandout(w io.Writer, in Input, customer string) (err error) {
	defer recoverPDF(&err)
	var md strings.Builder
	if err := WriteHandout(&md, in, customer); err != nil {
		return err
	}
	title := in.t("handout.title")
	if name := in.Dataset.Workshop.Name; name != "" {
		title = in.t("handout.title.workshop", name)
	}
	f := newPDF(title, in.Today, true)
	renderMarkdownPDF(f, in, md.String(), handoutStyle)
	return writePDF(w, f)
}

// mdFlow lays Markdown out on pages.
type mdFlow struct {
	f     *fpdf.Fpdf
	s     mdStyle
	width float64
}

func renderMarkdownPDF(f *fpdf.Fpdf, in Input, md string, s mdStyle) {
	f.AliasNbPages("{nb}")
	f.SetAutoPageBreak(true, pdfMargin+4)
	f.SetFooterFunc(func() {
		f.SetY(pageH - pdfMargin)
		f.SetFont(fontSans, "I", s.small)
		f.SetTextColor(110, 110, 110)
		// fpdf puts the page count where "{nb}" stands.
		f.CellFormat(0, 4, pdfText(in.t("pdf.page", f.PageNo(), "{nb}")), "", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	m := &mdFlow{f: f, s: s, width: pageW - 2*pdfMargin}
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); {
		i = m.block(lines, i)
	}
}

// lh is the line height of a size in millimetres.
func (m *mdFlow) lh(size float64) float64 { return lineHeight(size) }

// need starts a new page unless h millimetres fit on this one.
func (m *mdFlow) need(h float64) {
	if m.f.GetY()+h > pageH-pdfMargin-4 {
		m.f.AddPage()
	}
}

// block lays out the block starting at lines[i] and returns the index
// after it.
func (m *mdFlow) block(lines []string, i int) int {
	l := lines[i]
	f := m.f
	switch {
	case strings.TrimSpace(l) == "":
		return i + 1
	case strings.HasPrefix(l, "```"):
		j := i + 1
		var code []string
		for j < len(lines) && !strings.HasPrefix(lines[j], "```") {
			code = append(code, lines[j])
			j++
		}
		m.code(code)
		return j + 1
	case strings.HasPrefix(l, "# "):
		m.heading(l[2:], m.s.h1, 2.5, 3)
	case strings.HasPrefix(l, "## "):
		m.heading(l[3:], m.s.h2, 1.5, 3)
	case strings.HasPrefix(l, "### "):
		m.heading(l[4:], m.s.h3, 1, m.s.keep)
	case strings.HasPrefix(l, "|"):
		j := i
		var rows [][]string
		for j < len(lines) && strings.HasPrefix(lines[j], "|") {
			if !isSeparatorRow(lines[j]) {
				rows = append(rows, splitRow(lines[j]))
			}
			j++
		}
		m.table(rows)
		return j
	case strings.HasPrefix(l, "> "):
		j := i
		var q []string
		for j < len(lines) && strings.HasPrefix(lines[j], ">") {
			q = append(q, strings.TrimSpace(strings.TrimPrefix(lines[j], ">")))
			j++
		}
		m.paragraph(strings.Join(q, "\n"), 6, "", true)
		return j
	case strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "  - "):
		// A bullet with its continuation lines (indented, not bullets).
		indent := 5.0
		text := strings.TrimPrefix(l, "- ")
		if strings.HasPrefix(l, "  - ") {
			indent, text = 10, strings.TrimPrefix(l, "  - ")
		}
		j := i + 1
		for j < len(lines) && strings.HasPrefix(lines[j], "  ") && !strings.HasPrefix(lines[j], "  - ") && strings.TrimSpace(lines[j]) != "" {
			text += "\n" + strings.TrimSpace(lines[j])
			j++
		}
		marker := "-"
		switch {
		case strings.HasPrefix(text, "[ ] "):
			marker, text = "[ ]", text[4:]
		case strings.HasPrefix(text, "[x] "):
			marker, text = "[x]", text[4:]
		}
		m.paragraph(text, indent, marker, false)
		// Items of a list sit close together.
		f.SetY(f.GetY() - m.s.gap*0.7)
		if j < len(lines) && strings.TrimSpace(lines[j]) == "" {
			f.SetY(f.GetY() + m.s.gap*0.7)
		}
		return j
	default:
		j := i
		var para []string
		for j < len(lines) && strings.TrimSpace(lines[j]) != "" && !startsBlock(lines[j]) {
			para = append(para, strings.TrimRight(lines[j], " "))
			j++
		}
		if j == i { // a line no rule took: write it as it is
			para, j = []string{l}, i+1
		}
		m.paragraph(strings.Join(para, "\n"), 0, "", false)
		return j
	}
	return i + 1
}

func startsBlock(l string) bool {
	for _, p := range []string{"#", "|", "> ", "- ", "```"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// heading writes a heading with keep body lines after it on its page: it
// never stands alone at the foot of one.
func (m *mdFlow) heading(text string, size, before float64, keep int) {
	f := m.f
	f.SetY(f.GetY() + before)
	m.need(m.lh(size) + float64(keep)*m.lh(m.s.body))
	f.SetFont(fontSans, "B", size)
	f.SetTextColor(30, 60, 110)
	f.SetX(pdfMargin)
	f.MultiCell(m.width, m.lh(size), pdfText(mdInline(text)), "", "L", false)
	f.SetTextColor(0, 0, 0)
	f.SetY(f.GetY() + 0.8)
}

// paragraph writes text with **bold**, _italic_ and `code` spans, at an
// indent and with an optional list marker; "\n" is a line break.
func (m *mdFlow) paragraph(text string, indent float64, marker string, italic bool) {
	f := m.f
	lh := m.lh(m.s.body)
	m.need(lh)
	f.SetLeftMargin(pdfMargin + indent)
	f.SetX(pdfMargin + indent)
	if marker != "" {
		y := f.GetY()
		switch marker {
		case "[ ]", "[x]":
			f.SetDrawColor(60, 60, 60)
			f.Rect(pdfMargin+indent-4, y+0.7, 2.6, 2.6, "D")
			if marker == "[x]" {
				f.Line(pdfMargin+indent-3.6, y+2.1, pdfMargin+indent-2.9, y+2.9)
				f.Line(pdfMargin+indent-2.9, y+2.9, pdfMargin+indent-1.7, y+1.1)
			}
		default:
			f.SetFont(fontSans, "", m.s.body)
			f.SetXY(pdfMargin+indent-3.5, y)
			f.CellFormat(3, lh, pdfText(marker), "", 0, "L", false, 0, "")
			f.SetXY(pdfMargin+indent, y)
		}
	}
	base := ""
	if italic {
		base = "I"
	}
	for k, line := range strings.Split(text, "\n") {
		if k > 0 {
			f.Ln(lh)
			f.SetX(pdfMargin + indent)
		}
		for _, sp := range spans(line) {
			style := base
			family := fontSans
			switch {
			case sp.code:
				family = fontMono
				style = ""
			case sp.bold:
				style = "B"
			case sp.italic:
				style = "I"
			}
			f.SetFont(family, style, m.s.body)
			f.Write(lh, pdfText(sp.text))
		}
	}
	f.Ln(lh)
	f.SetLeftMargin(pdfMargin)
	f.SetY(f.GetY() + m.s.gap)
}

// code writes fenced text in the monospaced font, sized so its widest
// line fits the page, and kept on one page when it can be.
func (m *mdFlow) code(lines []string) {
	f := m.f
	size := m.s.body
	f.SetFont(fontMono, "", size)
	widest := 0.0
	for _, l := range lines {
		widest = max(widest, f.GetStringWidth(pdfText(l)))
	}
	if widest > m.width && widest > 0 {
		size = max(4, size*m.width/widest)
	}
	lh := size * 0.3528 * 1.15
	m.need(min(float64(len(lines))*lh, pageH-2*pdfMargin-10))
	f.SetFont(fontMono, "", size)
	for _, l := range lines {
		m.need(lh)
		f.SetX(pdfMargin)
		f.CellFormat(m.width, lh, pdfText(l), "", 1, "L", false, 0, "")
	}
	f.SetY(f.GetY() + m.s.gap)
}

// table writes rows of cells (the first is the header), the columns as
// wide as their text asks within the page, the cells wrapped.
func (m *mdFlow) table(rows [][]string) {
	if len(rows) == 0 {
		return
	}
	f := m.f
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	// The largest size, down to 6 points, at which every column is as
	// wide as its longest word.
	var widths []float64
	size := m.s.small
	for ; ; size -= 0.5 {
		f.SetFont(fontSans, "B", size)
		natural := make([]float64, cols)
		words := make([]float64, cols)
		for _, r := range rows {
			for i, c := range r {
				t := pdfText(mdInline(c))
				natural[i] = max(natural[i], f.GetStringWidth(t)+2)
				for _, w := range strings.Fields(t) {
					words[i] = max(words[i], f.GetStringWidth(w)+4)
				}
			}
		}
		widths = fitColumns(natural, words, m.width)
		if widths != nil || size <= 6 {
			if widths == nil {
				widths = fitColumns(natural, make([]float64, cols), m.width)
			}
			break
		}
	}
	lh := m.lh(size)
	draw := func(r []string, header bool) {
		style := ""
		if header {
			style = "B"
		}
		f.SetFont(fontSans, style, size)
		cells := make([][]string, cols)
		n := 1
		for i := range cols {
			text := ""
			if i < len(r) {
				text = mdInline(r[i])
			}
			cells[i] = pdfLines(f, text, widths[i]-1)
			n = max(n, len(cells[i]))
		}
		m.need(float64(n) * lh)
		y := f.GetY()
		if header {
			f.SetFillColor(232, 236, 244)
			f.Rect(pdfMargin, y, m.width, float64(n)*lh, "F")
		}
		x := pdfMargin
		for i := range cols {
			for k, line := range cells[i] {
				f.SetXY(x, y+float64(k)*lh)
				f.CellFormat(widths[i], lh, line, "", 0, "L", false, 0, "")
			}
			x += widths[i]
		}
		f.SetDrawColor(220, 220, 220)
		f.Line(pdfMargin, y+float64(n)*lh, pdfMargin+m.width, y+float64(n)*lh)
		f.SetXY(pdfMargin, y+float64(n)*lh)
	}
	draw(rows[0], true)
	for _, r := range rows[1:] {
		draw(r, false)
	}
	f.SetY(f.GetY() + m.s.gap)
}

// fitColumns shares total out among columns: each its natural width
// when all fit; otherwise each at least its longest word, and what is
// left shared by how much more each would take. It returns nil when the
// longest words alone do not fit.
func fitColumns(natural, words []float64, total float64) []float64 {
	out := make([]float64, len(natural))
	sum, least := 0.0, 0.0
	for i, w := range natural {
		sum += w
		least += min(words[i], w)
	}
	if sum <= total {
		copy(out, natural)
		return out
	}
	if least > total {
		return nil
	}
	left, want := total-least, sum-least
	for i, w := range natural {
		floor := min(words[i], w)
		out[i] = floor
		if want > 0 {
			out[i] += left * (w - floor) / want
		}
	}
	return out
}

func isSeparatorRow(l string) bool {
	return strings.Trim(l, "|-: ") == ""
}

// splitRow splits a table row on its unescaped bars.
func splitRow(l string) []string {
	l = strings.TrimSpace(l)
	l = strings.TrimPrefix(l, "|")
	if strings.HasSuffix(l, "|") && !strings.HasSuffix(l, `\|`) {
		l = l[:len(l)-1]
	}
	var cells []string
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		switch {
		case l[i] == '\\' && i+1 < len(l) && l[i+1] == '|':
			b.WriteString(`\|`)
			i++
		case l[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(l[i])
		}
	}
	return append(cells, strings.TrimSpace(b.String()))
}

// span is a run of inline text in one style.
type span struct {
	text               string
	bold, italic, code bool
}

// spans splits a line of styrka's Markdown into styled runs: ** bold,
// _ or * italic, ` code; a backslash escapes the next character, and the
// entities mdEscape writes are decoded.
func spans(line string) []span {
	var out []span
	var cur span
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			cur.text = html(b.String())
			out = append(out, cur)
			b.Reset()
		}
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line):
			i++
			b.WriteByte(line[i])
		case cur.code && c != '`':
			b.WriteByte(c)
		case c == '`':
			flush()
			cur.code = !cur.code
		case c == '*' && i+1 < len(line) && line[i+1] == '*':
			flush()
			cur.bold = !cur.bold
			i++
		case c == '_' && (i > 0 && line[i-1] == '_' || i+1 < len(line) && line[i+1] == '_'):
			b.WriteByte(c) // a run of underscores is a line to write on
		case c == '*' || (c == '_' && (i == 0 || !isWordByte(line[i-1]) || i+1 == len(line) || !isWordByte(line[i+1]))):
			flush()
			cur.italic = !cur.italic
		default:
			b.WriteByte(c)
		}
	}
	flush()
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// mdInline is a span's text without its markers.
func mdInline(s string) string {
	var b strings.Builder
	for _, sp := range spans(s) {
		b.WriteString(sp.text)
	}
	return b.String()
}

var entities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

func html(s string) string { return entities.Replace(s) }
