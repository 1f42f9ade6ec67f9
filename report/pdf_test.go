package report_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"styrka/model"
	"styrka/report"
)

// readPDF reads a PDF back with pdfcpu, validating it: its page count
// and the text of each page. fpdf writes text in the Go fonts as UTF-16
// strings, which are decoded here.
func readPDF(t testing.TB, data []byte) (pages int, text []string) {
	t.Helper()
	conf := pdfmodel.NewDefaultConfiguration()
	ctx, err := api.ReadAndValidate(bytes.NewReader(data), conf)
	if err != nil {
		t.Fatalf("the PDF does not validate: %v", err)
	}
	for i := 1; i <= ctx.PageCount; i++ {
		r, err := pdfcpu.ExtractPageContent(ctx, i)
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		content, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		text = append(text, pdfStrings(content))
	}
	return ctx.PageCount, text
}

// pdfStrings decodes the (…) strings of a content stream, one line per
// text operator.
func pdfStrings(content []byte) string {
	var out strings.Builder
	for i := 0; i < len(content); i++ {
		if content[i] != '(' {
			continue
		}
		var raw []byte
		depth := 1
		for i++; i < len(content) && depth > 0; i++ {
			c := content[i]
			switch c {
			case '\\':
				i++
				if i >= len(content) {
					break
				}
				switch e := content[i]; e {
				case 'n':
					raw = append(raw, '\n')
				case 'r':
					raw = append(raw, '\r')
				case 't':
					raw = append(raw, '\t')
				case 'b':
					raw = append(raw, '\b')
				case 'f':
					raw = append(raw, '\f')
				default:
					if e >= '0' && e <= '7' {
						v := 0
						for k := 0; k < 3 && i < len(content) && content[i] >= '0' && content[i] <= '7'; k++ {
							v = v*8 + int(content[i]-'0')
							i++
						}
						i--
						raw = append(raw, byte(v))
					} else {
						raw = append(raw, e)
					}
				}
				continue
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					continue
				}
			}
			raw = append(raw, c)
		}
		i--
		u := make([]uint16, 0, len(raw)/2)
		for k := 0; k+1 < len(raw); k += 2 {
			u = append(u, uint16(raw[k])<<8|uint16(raw[k+1]))
		}
		out.WriteString(string(utf16.Decode(u)))
		out.WriteByte('\n')
	}
	return out.String()
}

func pdfBrief(t testing.TB, in report.Input, id string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.WritePDFBrief(&b, in, id); err != nil {
		t.Fatalf("WritePDFBrief: %v", err)
	}
	return b.Bytes()
}

func TestPDFBrief(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, cid := plannedInput(t, lang)
			c := in.Content
			data := pdfBrief(t, in, cid)
			if !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Fatalf("not a PDF: %q", data[:min(20, len(data))])
			}
			pages, text := readPDF(t, data)
			if pages != 1 {
				t.Fatalf("%d pages, want 1", pages)
			}
			for _, want := range []string{
				c.T("brief.title", plannedCustomer), c.T("brief.scores"), c.T("brief.worksheet"), c.T("brief.centre"),
				"Åsa Lind", "Örjan Häll", "Treårsavtal, +3 % på stålpriset", c.T("centre.warn.no_economic_buyer"),
				c.T("brief.warnings"), "Erbjud konsignationslager", c.Kraljic["leverage"].Name,
			} {
				if !strings.Contains(text[0], want) {
					t.Errorf("the page has no %q", want)
				}
			}
			t.Logf("%d bytes", len(data))
		})
	}
}

// TestPDFBriefCuts: a brief far longer than a page stays on one page,
// with a note that names what was cut; hostile text neither breaks the
// PDF nor panics.
func TestPDFBriefCuts(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, cid := plannedInput(t, lang)
			base := in.Dataset.Stakeholders[0]
			for i := range 60 {
				s := base
				s.ID = fmt.Sprintf("x-%d", i)
				s.Name = fmt.Sprintf("Person %d 😀 \x1b[31mröd\x1b[0m \u202e%s", i, strings.Repeat("å", 60))
				in.Dataset.Stakeholders = append(in.Dataset.Stakeholders, s)
			}
			in.Dataset.Worksheets[0].Notes = strings.Repeat("Lång anteckning med å, ä och ö. ", 40)
			in.Dataset.Worksheets[0].Give = []string{strings.Repeat("ge ", 200)}
			data := pdfBrief(t, in, cid)
			pages, text := readPDF(t, data)
			if pages != 1 {
				t.Fatalf("%d pages, want 1", pages)
			}
			cut := strings.SplitN(in.Content.T("pdf.cut", "%s"), "%s", 2)[0]
			if !strings.Contains(text[0], cut) || !strings.Contains(text[0], in.Content.T("brief.centre")) {
				t.Errorf("no note of what was cut (%q) in:\n%s", cut, text[0])
			}
			if strings.ContainsRune(text[0], 0x1b) || strings.ContainsRune(text[0], 0x202e) {
				t.Error("control characters reached the PDF")
			}
		})
	}
	// A customer with nothing answered and no planning at all.
	in := demoInput(t, "en")
	in.Dataset.Customers = append(in.Dataset.Customers, model.Customer{ID: "empty", WorkshopID: in.Dataset.Workshop.ID, Name: "Tom"})
	if pages, _ := readPDF(t, pdfBrief(t, in, "empty")); pages != 1 {
		t.Errorf("empty customer: %d pages", pages)
	}
	var b bytes.Buffer
	if err := report.WritePDFBrief(&b, in, "nobody"); !errors.Is(err, report.ErrNoCustomer) {
		t.Errorf("missing customer: %v", err)
	}
}

func BenchmarkPDFBrief(b *testing.B) {
	in, cid := plannedInput(b, "sv")
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := report.WritePDFBrief(&buf, in, cid); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}

func TestPDFReportAndHandout(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, _ := plannedInput(t, lang)
			c := in.Content
			var b bytes.Buffer
			if err := report.WritePDFReport(&b, in); err != nil {
				t.Fatal(err)
			}
			pages, text := readPDF(t, b.Bytes())
			all := strings.Join(text, "\n")
			if pages < 3 {
				t.Errorf("the workshop report has %d pages", pages)
			}
			for _, want := range []string{c.T("report.title", in.Dataset.Workshop.Name), c.T("report.priorities"), "Östervik Vagnfabrik AB", "Åkerlunds Järnhandel AB",
				c.T("pdf.page", 2, fmt.Sprint(pages)), c.Regimes["interdependence"].Name} {
				if !strings.Contains(all, want) {
					t.Errorf("the report has no %q", want)
				}
			}
			if strings.Contains(all, "**") || strings.Contains(all, "{nb}") {
				t.Error("Markdown markers or the page-count alias left in the PDF")
			}

			b.Reset()
			if err := report.WritePDFHandout(&b, in, plannedCustomer); err != nil {
				t.Fatal(err)
			}
			hp, htext := readPDF(t, b.Bytes())
			hall := strings.Join(htext, "\n")
			if hp < 1 || hp > 6 {
				t.Errorf("the handout has %d pages", hp)
			}
			for _, q := range c.Questions() {
				if !strings.Contains(hall, q.Anchors[0][:min(20, len(q.Anchors[0]))]) {
					t.Errorf("the handout has no anchor of %s", q.ID)
					break
				}
			}
			if !strings.Contains(hall, plannedCustomer) || !strings.Contains(hall, "______") {
				t.Error("the handout names no customer, or lost its lines to write on")
			}
			t.Logf("report %d pages, handout %d pages", pages, hp)
		})
	}
}
