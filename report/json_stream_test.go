package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
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
		qs := assets.MustBuiltin(lang).Questions()
		docs = append(docs, NewDocument(ds, qs))
		// WriteJSON makes the records as it writes them: the same bytes.
		var whole, streamed bytes.Buffer
		if err := writeDocument(&whole, NewDocument(ds, qs)); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&streamed, ds, qs); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(streamed.Bytes(), whole.Bytes()) {
			t.Errorf("%s: WriteJSON differs from the document written whole", lang)
		}
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

// TestDecodeDocumentIsUnmarshal: reading an export customer by customer
// gives what json.Unmarshal gives, for an export and for documents that
// json reads in its own ways (keys in other cases or twice, a null list,
// answers without fields the one before had, text after the document),
// and the same error for broken ones.
func TestDecodeDocumentIsUnmarshal(t *testing.T) {
	ds, err := assets.DemoDataset("sv")
	if err != nil {
		t.Fatal(err)
	}
	var export bytes.Buffer
	if err := WriteJSON(&export, ds, assets.MustBuiltin("sv").Questions()); err != nil {
		t.Fatal(err)
	}
	head := `{"format":"styrka-workshop","version":4,"workshop":{"id":"w","name":"W"},`
	docs := []string{
		export.String(),
		head + `"customers":[{"id":"a","answers":[{"question_id":"q1","note":"n","source":"doc","confirmed_by":"x"},{"question_id":"q2"}]},` +
			`{"id":"b","tags":["t"],"answers":[{"question_id":"q3"},{"question_id":"q4","score":2}]},{"id":"c"},{"id":"d","answers":[]},null]}`,
		head + `"customers":null}`,
		head + `"customers":[]}`,
		head + `"Customers":[{"id":"a"}]}`,
		head + `"customers":[{"id":"a"}],"customers":[{"name":"b"}]}`,
		head + `"workshop":{"name":"again"},"customers":[]}`,
		head + `"unknown":{"x":[1,2]},"customers":[]}`,
		head + `"customers":[{"id":"a","answers":[{"score":"3"}]}]}`,
		head + `"customers":[{"id":"a","answers":[{"score":3.5}]}]}`,
		head + `"customers":[{"id":"a"}]} {}`,
		head + `"customers":[{"id":"a"}]`,
		head + `"customers":[{"id":"a",}]}`,
		`[]`, `null`, ``, `{}`,
	}
	for i, doc := range docs {
		var want importDocument
		wantErr := json.Unmarshal([]byte(doc), &want)
		got, gotErr := decodeDocument([]byte(doc))
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("document %d: error %v, json.Unmarshal's is %v", i, gotErr, wantErr)
			continue
		}
		// Only the number of a customer's answers counts, not whether
		// an empty list is nil.
		for _, d := range []*importDocument{&want, &got} {
			for j := range d.Customers {
				if len(d.Customers[j].Answers) == 0 {
					d.Customers[j].Answers = nil
				}
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("document %d: got %+v, json.Unmarshal gives %+v", i, got, want)
		}
	}
}

// TestDecodeInParts: an export as WriteJSON writes it is read in parts
// into what json.Unmarshal gives, with any number of parts; a document
// laid out otherwise, or whose parts do not cut at customers, is left to
// the reading in one piece.
func TestDecodeInParts(t *testing.T) {
	ds, err := assets.DemoDataset("en")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, ds, assets.MustBuiltin("en").Questions()); err != nil {
		t.Fatal(err)
	}
	export := b.String()
	var want importDocument
	if err := json.Unmarshal([]byte(export), &want); err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2, 3, 4, 100} {
		got, ok := decodeInParts([]byte(export), workers)
		if !ok {
			t.Fatalf("%d parts: not read", workers)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d parts: got %+v, json.Unmarshal gives %+v", workers, got, want)
		}
	}

	cust := "\n    {\n      \"id\": \"a\",\n      \"answers\": []\n    },\n    {\n      \"id\": \"b\"\n    }\n  ]"
	others := []string{
		// Not this layout.
		`{"format":"styrka-workshop","customers":[{"id":"a"},{"id":"b"}]}`,
		// A list of that name and layout inside the workshop, and the
		// document's own empty.
		"{\n\"workshop\": {\n  \"customers\": [" + cust + "},\n  \"customers\": []\n}",
		// Two lists of customers.
		"{\n  \"customers\": [" + cust + ",\n  \"customers\": [" + cust + "\n}",
		// A list inside a customer that ends as the customers do.
		"{\n  \"customers\": [\n    {\n      \"x\": [\n    }\n  ]}\n    }\n  ]\n}",
		// Text after the document.
		"{\n  \"customers\": [" + cust + "\n} []",
	}
	for i, doc := range others {
		for _, workers := range []int{2, 3} {
			got, ok := decodeInParts([]byte(doc), workers)
			if !ok {
				continue
			}
			var want importDocument
			if err := json.Unmarshal([]byte(doc), &want); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("document %d, %d parts: read as %+v; json.Unmarshal gives %+v, %v", i, workers, got, want, err)
			}
		}
	}
}

// TestEncodeInParts: an export of more customers than one goroutine
// encodes at a time is still json.Encoder's bytes, and a record that
// cannot be encoded is an error, not a hang.
func TestEncodeInParts(t *testing.T) {
	qs := assets.MustBuiltin("en").Questions()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	rev := 1_000_000.0
	d := model.Dataset{Workshop: model.Workshop{ID: "w", Name: "Many", Thresholds: model.DefaultThresholds(), Created: at, Updated: at},
		Answers: map[string]map[string]model.Answer{}}
	for i := range 5*encodeBlock + 3 {
		c := model.Customer{ID: fmt.Sprintf("c%04d", i), WorkshopID: "w", Name: fmt.Sprintf("Kund %d", i), Revenue: &rev, Created: at, Updated: at}
		d.Customers = append(d.Customers, c)
		d.Answers[c.ID] = map[string]model.Answer{}
		for j, q := range qs[:i%len(qs)] {
			d.Answers[c.ID][q.ID] = model.Answer{CustomerID: c.ID, QuestionID: q.ID, Score: model.Score((i + j) % 6), At: at}
		}
	}
	var want, got bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	if err := enc.Encode(NewDocument(d, qs)); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&got, d, qs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("WriteJSON of %d customers differs from json.Encoder's", len(d.Customers))
	}

	nan := math.NaN()
	d.Customers[3*encodeBlock+1].Revenue = &nan
	if err := WriteJSON(io.Discard, d, qs); err == nil {
		t.Errorf("WriteJSON with a revenue that is not a number: no error")
	}
}
