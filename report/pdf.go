package report

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"styrka/model"
)

// PDF documents are laid out with go-pdf/fpdf in the Go fonts, which are
// compiled into the binary (golang.org/x/image/font/gofont) and embedded
// in every file, so å, ä and ö print right on any machine and nothing is
// fetched at run time.

// A4 in millimetres, and the margins every PDF keeps.
const (
	pageW, pageH = 210.0, 297.0
	pdfMargin    = 14.0
)

// The font families registered in every document.
const (
	fontSans = "go"
	fontMono = "gomono"
)

// newPDF starts an A4 document with the fonts registered (the monospaced
// one only when mono: every font registered is parsed and embedded, which
// is most of a PDF's cost), no automatic page breaks (the layouts break
// pages themselves) and the metadata set.
func newPDF(title string, made time.Time, mono bool) *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	f.SetAutoPageBreak(false, pdfMargin)
	f.SetCompression(true)
	f.AddUTF8FontFromBytes(fontSans, "", goregular.TTF)
	f.AddUTF8FontFromBytes(fontSans, "B", gobold.TTF)
	f.AddUTF8FontFromBytes(fontSans, "I", goitalic.TTF)
	if mono {
		f.AddUTF8FontFromBytes(fontMono, "", gomono.TTF)
	}
	f.SetTitle(pdfText(title), true)
	f.SetCreator("styrka", true)
	f.SetProducer("styrka", true)
	if made.IsZero() {
		made = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetCreationDate(made.UTC())
	f.SetModificationDate(made.UTC())
	f.SetCatalogSort(true)
	return f
}

// writePDF writes a finished document, or the first error its layout met.
func writePDF(w io.Writer, f *fpdf.Fpdf) error {
	if err := f.Error(); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}

// recoverPDF turns a panic of the PDF library into an error: whatever the
// text, a report never takes the program down.
func recoverPDF(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("write PDF: %v", r)
	}
}

// glyphs tells which runes the Go fonts can draw.
var glyphs = sync.OnceValue(func() func(rune) bool {
	regular, err1 := sfnt.Parse(goregular.TTF)
	mono, err2 := sfnt.Parse(gomono.TTF)
	if err1 != nil || err2 != nil {
		return func(r rune) bool { return r < 0x80 }
	}
	var mu sync.Mutex
	var buf sfnt.Buffer
	cache := map[rune]bool{}
	return func(r rune) bool {
		if r < 0x80 {
			return r >= 0x20
		}
		mu.Lock()
		defer mu.Unlock()
		if ok, seen := cache[r]; seen {
			return ok
		}
		i1, _ := regular.GlyphIndex(&buf, r)
		i2, _ := mono.GlyphIndex(&buf, r)
		ok := r <= 0xFFFF && i1 != 0 && i2 != 0
		cache[r] = ok
		return ok
	}
})

// pdfSubstitutes are drawn, where the fonts lack a rune, as ASCII.
var pdfSubstitutes = map[rune]string{'◐': "≈", '⚠': "!", '✓': "x", '✔': "x", '→': "->", '•': "-", '’': "'", '”': "\"", '“': "\""}

// pdfText makes text printable in the PDF: user text cleaned as for a
// terminal line (no controls, no escape sequences), and every rune the
// fonts cannot draw replaced, so the library never meets a rune it has no
// width for.
func pdfText(s string) string {
	s = model.SafeLine(s)
	has := glyphs()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch sub, ok := pdfSubstitutes[r]; {
		case has(r):
			b.WriteRune(r)
		case ok && strings.IndexFunc(sub, func(r rune) bool { return !has(r) }) < 0:
			b.WriteString(sub)
		case r >= 0x2500 && r <= 0x257F: // box drawing, as the map draws it
			b.WriteByte(boxASCII(r))
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// pdfLines wraps text to width w in the current font, each line made
// printable; an empty text is one empty line.
func pdfLines(f *fpdf.Fpdf, text string, w float64) []string {
	text = pdfText(text)
	if text == "" {
		return []string{""}
	}
	lines := f.SplitText(text, w)
	if len(lines) == 0 {
		return []string{""}
	}
	return lines
}

// ellipsize shortens a line so that it, with "…", fits width w.
func ellipsize(f *fpdf.Fpdf, line string, w float64) string {
	const dots = "…"
	if f.GetStringWidth(line+dots) <= w {
		return line + dots
	}
	r := []rune(line)
	for len(r) > 0 && f.GetStringWidth(string(r)+dots) > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + dots
}

// fitText is printable text cut with "…" to width w in the current font.
func fitText(f *fpdf.Fpdf, s string, w float64) string {
	s = pdfText(s)
	if f.GetStringWidth(s) <= w {
		return s
	}
	return ellipsize(f, s, w)
}

// boxASCII draws a box-drawing rune in ASCII: its lines as - and |, its
// corners and crossings as +.
func boxASCII(r rune) byte {
	switch r {
	case '─', '━', '┄', '┅', '┈', '┉', '╌', '╍', '═', '╴', '╶', '╸', '╺':
		return '-'
	case '│', '┃', '┆', '┇', '┊', '┋', '╎', '╏', '║', '╵', '╷', '╹', '╻':
		return '|'
	}
	return '+'
}
