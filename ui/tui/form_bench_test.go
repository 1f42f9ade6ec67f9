package tui

import "testing"

// BenchmarkFormView draws the customer form, the form a facilitator types
// into most.
func BenchmarkFormView(b *testing.B) {
	m, _ := openDemo(b, "en")
	press(b, m, "n")
	b.ReportAllocs()
	for b.Loop() {
		_ = m.stack.View()
	}
}
