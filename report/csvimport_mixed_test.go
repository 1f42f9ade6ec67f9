package report_test

import (
	"testing"

	"styrka/report"
)

// A list put together from two sources: a UTF-8 header and line, and a
// line appended in Windows-1252.
func TestParseCSVMixedEncodings(t *testing.T) {
	data := "Namn;Omsättning;Anteckningar\r\nBerg & Söner AB;1 200 000;Från mässan\r\n" +
		"Sm\xe5lands Gjuteri AB;750000;K\xf6per via ram\xe4vtal\r\n"
	list, err := report.ParseCSV([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if list.Encoding != report.Windows1252 || len(list.Ignored) != 0 || len(list.Rows) != 2 {
		t.Fatalf("encoding %s, ignored %q, %d rows", list.Encoding, list.Ignored, len(list.Rows))
	}
	for i, want := range []struct {
		name, notes string
		revenue     float64
	}{{"Berg & Söner AB", "Från mässan", 1.2e6}, {"Smålands Gjuteri AB", "Köper via ramävtal", 750000}} {
		c := list.Rows[i].Customer
		if c.Name != want.name || c.Notes != want.notes || c.Revenue == nil || *c.Revenue != want.revenue {
			t.Errorf("row %d: %q %q %v, want %q %q %v", i, c.Name, c.Notes, c.Revenue, want.name, want.notes, want.revenue)
		}
	}
}
