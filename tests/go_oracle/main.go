// The oracle for tests/go_oracle.rs: Go's own net.SplitHostPort,
// net.JoinHostPort and net.LookupPort on the lines of stdin.
//
// Each line is "<op> <hex>..." with the arguments hex-encoded (any bytes):
//
//	s HOSTPORT    -> "ok <hex host> <hex port>" or "err <AddrError.Err>"
//	j HOST PORT   -> "ok <hex JoinHostPort(host, port)>"
//	p SERVICE     -> "ok <port>" or "err <Err>" (numbers only: no /etc/services)
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"strings"
)

func unhex(s string) string {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		f := strings.Split(in.Text(), " ")
		switch f[0] {
		case "s":
			host, port, err := net.SplitHostPort(unhex(f[1]))
			if err != nil {
				fmt.Fprintf(out, "err %s\n", err.(*net.AddrError).Err)
			} else {
				fmt.Fprintf(out, "ok %x %x\n", host, port)
			}
		case "j":
			fmt.Fprintf(out, "ok %x\n", net.JoinHostPort(unhex(f[1]), unhex(f[2])))
		case "p":
			port, err := net.LookupPort("tcp", unhex(f[1]))
			switch e := err.(type) {
			case nil:
				fmt.Fprintf(out, "ok %d\n", port)
			case *net.AddrError:
				fmt.Fprintf(out, "err %s\n", e.Err)
			case *net.DNSError:
				fmt.Fprintf(out, "err %s\n", e.Err)
			default:
				fmt.Fprintf(out, "err %v\n", err)
			}
		default:
			panic("unknown op " + f[0])
		}
	}
}
