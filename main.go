// styrka maps the power balance between a selling company and each of its
// customers: two guided question sets per customer, scored onto a
// quadrant map with recommended activities per segment.
package main

import (
	"context"
	"os"

	"styrka/ui/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], nil))
}
