package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"styrka/assets"
	"styrka/model"
)

// TestWriteDocumentIsTheEncoder: the export written field by field and
// customer by customer is byte for byte what json.Encoder writes for the
// whole document, for the demo in both languages, a workshop with no
// customers and one with text that JSON escapes.
func TestWriteDocumentIsTheEncoder(t *testing.T) {
	var docs []Document
	for _, lang := range []string{"sv", "en"} {
		ds, err := assets.DemoDataset(lang)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, NewDocument(ds, assets.MustBuiltin(lang).Questions()))
	}
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	w := model.Workshop{ID: "w", Name: "Tom <&> \"verkstad\"", Created: at, Updated: at}
	docs = append(docs, NewDocument(model.Dataset{Workshop: w}, nil))
	docs = append(docs, NewDocument(model.Dataset{Workshop: w, Customers: []model.Customer{{ID: "c", WorkshopID: "w", Name: "<b>\u2028\n\"</b> a{b}[c],d:e\\\\ \\\"{}[]\\\\", Created: at, Updated: at}}}, nil))
	for i, doc := range docs {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		if err := writeDocument(&got, doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			g, wb := got.Bytes(), want.Bytes()
			n := 0
			for n < min(len(g), len(wb)) && g[n] == wb[n] {
				n++
			}
			t.Fatalf("document %d differs at byte %d: got %q, want %q", i, n, g[max(0, n-40):min(len(g), n+40)], wb[max(0, n-40):min(len(wb), n+40)])
		}
	}
}
