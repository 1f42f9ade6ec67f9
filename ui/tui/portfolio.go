package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/report"
	"styrka/ui/screen"
)

// The portfolio (domain.md §8), opened from the customer list: revenue
// and customers per power balance, per class and per priority, the
// concentration of revenue on few customers (the largest five's share,
// the Herfindahl–Hirschman index with its reading), and the action plan's
// effort against the revenue per priority. The words and numbers are
// report.PortfolioOf's; this screen draws the shares as bars of text.

// portfolioScreen is the workshop's portfolio as a page that scrolls.
type portfolioScreen struct {
	c      *Common
	ws     *Workshop
	lines  []string
	offset int
	width  int
	height int
}

func newPortfolio(c *Common, ws *Workshop) *portfolioScreen {
	s := &portfolioScreen{c: c, ws: ws}
	s.build()
	return s
}

func (s *portfolioScreen) Init() tea.Cmd { return nil }
func (s *portfolioScreen) Typing() bool  { return false }
func (s *portfolioScreen) Title() string { return s.c.T("report.portfolio") }

func (s *portfolioScreen) SetSize(w, h int) {
	if w == s.width && h == s.height {
		return
	}
	s.width, s.height = w, h
	s.build()
}

func (s *portfolioScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.c.Keys.PageDown}
}

func (s *portfolioScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}}
}

func (s *portfolioScreen) visible() int   { return max(s.height-1, 1) }
func (s *portfolioScreen) maxOffset() int { return max(len(s.lines)-s.visible(), 0) }

func (s *portfolioScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case screen.DataChanged, tea.BackgroundColorMsg:
		s.build()
	case tea.KeyPressMsg:
		if to, ok := screen.Step(msg, s.c.Keys.Lists(), s.offset, s.maxOffset(), max(s.visible()-1, 1)); ok {
			s.offset = min(max(to, 0), s.maxOffset())
		}
	}
	return s, nil
}

func (s *portfolioScreen) View() string {
	st := s.c.Styles
	title := s.c.T("report.portfolio")
	if d := s.ws.Data(); d != nil {
		title += ": " + model.SafeLine(d.Workshop.Name)
	}
	n := s.visible()
	right := ""
	if len(s.lines) > n {
		right = s.c.T("tui.brief.lines", s.offset+1, min(s.offset+n, len(s.lines)), len(s.lines))
	}
	title = screen.Truncate(title, max(s.width-ansi.StringWidth(right)-1, 0))
	gap := max(s.width-ansi.StringWidth(title)-ansi.StringWidth(right), 0)
	head := st.Title.Render(title) + strings.Repeat(" ", gap) + st.Muted.Render(right)
	end := min(s.offset+n, len(s.lines))
	return head + "\n" + strings.Join(s.lines[min(s.offset, end):end], "\n")
}

// shareBar draws a share of 0–1 as a bar of w cells of full, the rest
// dotted.
func shareBar(share float64, w int, full string) string {
	n := min(max(int(share*float64(w)+0.5), 0), w)
	if n == 0 && share > 0 {
		n = 1 // a share above nothing shows
	}
	return strings.Repeat(full, n) + strings.Repeat("·", w-n)
}

// build lays the portfolio out for the current width.
func (s *portfolioScreen) build() {
	s.lines = nil
	w := s.width
	if w <= 0 {
		return
	}
	st := s.c.Styles
	in := reportInput(s.c, s.ws)
	pt := report.PortfolioOf(in)
	p := pt.Portfolio
	if p.Customers == 0 {
		s.lines = append([]string{""}, screen.Styled(screen.Wrap(s.c.T("tui.portfolio.empty"), w), st.Muted)...)
		s.offset = 0
		return
	}
	lang := s.c.Lang
	withRevenue := p.Revenue > 0
	out := []string{""}
	if withRevenue {
		out = append(out, screen.Styled(screen.Wrap(pt.Headline, w), st.Heading)...)
		out = append(out, screen.Styled(screen.Wrap(pt.Basis, w), st.Muted)...)
	} else {
		out = append(out, screen.Styled(screen.Wrap(s.c.T("portfolio.norevenue"), w), st.Warning)...)
	}

	// The columns: the group's name, the revenue bar and share (or the
	// customers' where no revenue is known), the customers, and at the
	// priorities the effort bar and share.
	nameW := 0
	for _, t := range pt.Tables {
		for _, r := range t.Rows {
			nameW = max(nameW, ansi.StringWidth(r.Group))
		}
	}
	nameW = min(nameW, max(w/4, 10))
	const pctW = 5
	custW := max(ansi.StringWidth(s.c.T("col.customers")), 9)
	// Room for two bars on a line: name, revenue, customers, effort and
	// the open actions, with the gaps between them.
	barW := min(max((w-nameW-custW-2*(pctW+1)-6-5)/2, 6), 30)
	bar := func(share float64, full string) string {
		return shareBar(share, barW, full) + " " + screen.Align(report.Percent(lang, share), pctW, true)
	}
	main := s.c.T("tui.portfolio.revenue")
	if !withRevenue {
		main = s.c.T("col.custshare")
	}
	for _, t := range pt.Tables {
		if len(t.Rows) == 0 {
			continue
		}
		out = append(out, "", s.heading(t.Title, w))
		effort := t.Rows[0].HasEffort
		header := screen.PadRight("", nameW) + "  " + screen.PadRight(main, barW+1+pctW) + "  " + screen.Align(s.c.T("col.customers"), custW, true)
		if effort {
			header += "  " + s.c.T("tui.portfolio.effort")
		}
		out = append(out, st.Muted.Render(screen.Truncate(header, w)))
		for _, r := range t.Rows {
			share := r.RevenueShare
			if !withRevenue {
				share = r.CustomerShare
			}
			line := st.Text.Render(screen.Cell(r.Group, nameW)) + "  " + st.BarFull.Render(bar(share, "█")) + "  " +
				st.Text.Render(screen.Align(strconv.Itoa(r.Customers)+" "+screen.Align(report.Percent(lang, r.CustomerShare), pctW, true), custW, true))
			if effort {
				line += "  " + st.Key.Render(bar(r.EffortShare, "▒")) + st.Muted.Render(" ("+strconv.Itoa(r.Open)+")")
			}
			out = append(out, fitStyled(line, w))
		}
		if effort {
			out = append(out, st.Muted.Render(screen.Truncate(s.c.T("tui.portfolio.legend"), w)))
		}
	}

	if len(pt.Concentration) > 0 {
		out = append(out, "", s.heading(s.c.T("portfolio.concentration"), w))
		for _, c := range pt.Concentration {
			out = append(out, screen.Styled(screen.Wrap(c, w), st.Text)...)
		}
		topW := 0
		for _, tc := range p.Top {
			topW = max(topW, ansi.StringWidth(model.SafeLine(tc.Name)))
		}
		topW = min(topW, max(w/3, 12))
		for i, tc := range p.Top {
			line := st.Muted.Render(strconv.Itoa(i+1)+". ") + st.Text.Render(screen.Cell(model.SafeLine(tc.Name), topW)) + "  " + st.BarFull.Render(bar(tc.Share, "█"))
			out = append(out, fitStyled(line, w))
		}
	}

	out = append(out, "", s.heading(s.c.T("portfolio.effort"), w))
	for _, e := range pt.Effort {
		out = append(out, screen.Hanging("• ", e, w, st.Muted, st.Text)...)
	}
	s.lines = out
	s.offset = min(s.offset, s.maxOffset())
}

// heading is a section title with a rule to the edge, as the brief's.
func (s *portfolioScreen) heading(title string, w int) string { return sectionHeading(s.c, title, w) }

// fitStyled cuts a styled line to w cells.
func fitStyled(line string, w int) string {
	if ansi.StringWidth(line) <= w {
		return line
	}
	return ansi.Truncate(line, w, "…")
}
