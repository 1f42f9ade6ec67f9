package report

import (
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"slices"
	"sync"
)

// The customers of an export as WriteJSON indents it: a line break can
// only be part of the layout (JSON writes one in a text as \n), so these
// are where the list starts, where one customer ends and the next starts,
// and where the list ends.
var (
	customersOpen = []byte("\n  \"customers\": [\n    {")
	customerNext  = []byte("\n    },\n    {")
	customersEnd  = []byte("\n    }\n  ]")
)

// minPartsSize is the size of an export from which decodeDocument reads
// the customers in parts at once; below it one goroutine is quick enough.
const minPartsSize = 4 << 20

// decodeInParts decodes an export laid out as WriteJSON writes it with
// workers goroutines, each reading a run of customers, and
// reports whether it could. Decoding was most of an import's time, one
// processor's work while another had none. The rest of the document, the
// customers taken out, is read as streamDocument reads it, which also
// confirms that the list cut out is the document's own (its place is where
// the customers' value is); a part that is not a run of whole customers
// does not decode. Anything else (another layout, a problem) is false:
// the caller reads the document in one piece then.
func decodeInParts(data []byte, workers int) (importDocument, bool) {
	var in importDocument
	i := bytes.Index(data, customersOpen)
	if i < 0 {
		return in, false
	}
	open := i + len(customersOpen) - len("[\n    {") // the '['
	n := bytes.Index(data[open:], customersEnd)
	if n < 0 {
		return in, false
	}
	end := open + n + len(customersEnd) // after the ']'
	list := data[open+1 : end-len("\n  ]")]

	// The document with an empty list in place of the customers.
	rest := make([]byte, 0, open+2+len(data)-end)
	rest = append(append(append(rest, data[:open]...), "[]"...), data[end:]...)
	at, ok := streamDocument(rest, &in)
	if !ok || at != int64(open)+1 || len(in.Customers) != 0 {
		return in, false
	}

	// Cut the list into runs of customers of about the same size.
	var parts [][]byte
	for start := 0; start < len(list); {
		cut := len(list)
		if len(parts) < workers-1 {
			target := start + (len(list)-start)/(workers-len(parts))
			if k := bytes.Index(list[target:], customerNext); k >= 0 {
				cut = target + k + len("\n    }")
			}
		}
		parts = append(parts, list[start:cut])
		start = cut + len(",")
	}
	decoded := make([][]importCustomer, len(parts))
	good := make([]bool, len(parts))
	var wg sync.WaitGroup
	for k, part := range parts {
		wg.Go(func() {
			dec := json.NewDecoder(io.MultiReader(bytes.NewReader([]byte("[")), bytes.NewReader(part), bytes.NewReader([]byte("]"))))
			if _, ok := streamCustomers(dec, &decoded[k]); !ok {
				return
			}
			_, err := dec.Token()
			good[k] = err == io.EOF
		})
	}
	wg.Wait()
	if slices.Contains(good, false) {
		return in, false
	}
	in.Customers = slices.Concat(decoded...)
	return in, true
}

// encodeBlock is how many customers one goroutine of encodeInParts encodes
// at a time: enough that handing them over costs little, few enough that
// the blocks waiting to be written hold little.
const encodeBlock = 64

// encodeInParts writes the records of customers 0 to n-1 as the list of
// an indented export holds them (without its brackets), in order, each
// block of customers made, encoded and indented by one of up to four
// goroutines: that was most of an export's time, one processor's work.
func encodeInParts(w io.Writer, n int, record func(i int) CustomerRecord) error {
	type result struct {
		b   *[]byte
		err error
	}
	// The blocks' buffers go round: a new one for every block grew by
	// doubling to hold it, twice what the whole export allocates else.
	var buffers sync.Pool
	buffer := func() *[]byte {
		if b, ok := buffers.Get().(*[]byte); ok {
			*b = (*b)[:0]
			return b
		}
		return new([]byte)
	}
	encode := func(from, to int) result {
		outp, bufp := buffer(), buffer()
		defer buffers.Put(bufp)
		out, buf := *outp, *bufp
		for j := from; j < to; j++ {
			rec := record(j)
			b, err := json.Marshal(&rec)
			if err != nil {
				return result{err: err}
			}
			if j > 0 {
				out = append(out, ',')
			}
			out = append(out, "\n    "...)
			buf = indentJSON(buf[:0], b, "    ")
			out = append(out, buf...)
		}
		*outp, *bufp = out, buf
		return result{b: outp}
	}
	workers := min(runtime.GOMAXPROCS(0), 4)
	if workers < 2 || n <= encodeBlock {
		r := encode(0, n)
		if r.err != nil {
			return r.err
		}
		_, err := w.Write(*r.b)
		return err
	}
	// Blocks are handed out in order; their results wait in that order,
	// at most twice as many as there are goroutines.
	pending := make(chan chan result, 2*workers)
	running := make(chan struct{}, workers)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(pending)
		for from := 0; from < n; from += encodeBlock {
			done := make(chan result, 1)
			select {
			case pending <- done:
			case <-stop:
				return
			}
			select {
			case running <- struct{}{}:
			case <-stop:
				return
			}
			go func() {
				done <- encode(from, min(from+encodeBlock, n))
				<-running
			}()
		}
	}()
	for done := range pending {
		r := <-done
		if r.err != nil {
			return r.err
		}
		if _, err := w.Write(*r.b); err != nil {
			return err
		}
		buffers.Put(r.b)
	}
	return nil
}
