package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loge/data/store"
)

// exportICSWithTZ runs the real `loge export-ics` in a process of its own whose computer zone is tz,
// and gives the file it wrote.
func exportICSWithTZ(t *testing.T, tz string, args ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.ics")
	cmd := logeCommand(append(append([]string{"export-ics"}, args...), out)...)
	cmd.Env = append(cmd.Env, "TZ="+tz)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("export-ics under TZ=%s: %v\n%s", tz, err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withoutStamp unfolds a calendar's lines and drops DTSTAMP, the moment of the export.
func withoutStamp(b []byte) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(string(b), "\r\n ", ""), "\r\n") {
		if !strings.HasPrefix(l, "DTSTAMP") {
			out = append(out, l)
		}
	}
	return out
}

// The same stay (and request) exported on a computer set to UTC and on one set to Tokyo gives the
// same calendar, DTSTAMP aside: every time in it is on the hotel's clock (its zone setting), none on
// the computer's.
func TestExportICSIsTheSameInEveryComputerZone(t *testing.T) {
	t.Setenv("LOGE_LANG", "fr")
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "desk.db")
	if code, _, errs := runCLI(t, "demo-init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetHotelZone(ctx, "Europe/Paris"); err != nil {
		t.Fatal(err)
	}
	// One request keeps a zone of its own (a show in New York): written on that clock, still not
	// on the computer's.
	rs, err := st.Requests(ctx, store.RequestFilter{})
	if err != nil || len(rs) == 0 {
		t.Fatalf("requests: %v (%d)", err, len(rs))
	}
	abroad := rs[len(rs)-1]
	abroad.TimeZone = "America/New_York"
	if err := st.UpdateRequest(ctx, &abroad, "test"); err != nil {
		t.Fatal(err)
	}
	st.Close()

	var stays []struct{ ID string }
	var requests []struct{ ID string }
	_, js, _ := runCLI(t, "list", "--db", db, "--json", "stays")
	json.Unmarshal([]byte(js), &stays)
	_, js, _ = runCLI(t, "list", "--db", db, "--json", "requests")
	json.Unmarshal([]byte(js), &requests)
	if len(stays) == 0 || len(requests) == 0 {
		t.Fatalf("the demo desk has %d stays and %d requests", len(stays), len(requests))
	}
	// Every stay (each calendar holds the stay's requests too) and a few requests on their own.
	type export struct{ name, flag, id string }
	var exports []export
	for i, s := range stays {
		exports = append(exports, export{fmt.Sprintf("stay %d", i+1), "--stay", s.ID})
	}
	for i, r := range requests[:min(3, len(requests))] {
		exports = append(exports, export{fmt.Sprintf("request %d", i+1), "--request", r.ID})
	}
	exports = append(exports, export{"request in New York", "--request", abroad.ID})
	for _, c := range exports {
		t.Run(c.name, func(t *testing.T) {
			utc := exportICSWithTZ(t, "UTC", "--db", db, c.flag, c.id)
			tokyo := exportICSWithTZ(t, "Asia/Tokyo", "--db", db, c.flag, c.id)
			a, b := withoutStamp(utc), withoutStamp(tokyo)
			if len(a) < 5 || !bytes.HasPrefix(utc, []byte("BEGIN:VCALENDAR")) {
				t.Fatalf("not a calendar:\n%s", utc)
			}
			if c.id == abroad.ID && !bytes.Contains(utc, []byte("DTSTART;TZID=America/New_York:")) {
				t.Errorf("the New York request is not on New York's clock:\n%s", utc)
			}
			n := max(len(a), len(b))
			diffs := 0
			for i := 0; i < n; i++ {
				var la, lb string
				if i < len(a) {
					la = a[i]
				}
				if i < len(b) {
					lb = b[i]
				}
				if la != lb {
					diffs++
					t.Errorf("line %d differs:\n\tTZ=UTC:        %q\n\tTZ=Asia/Tokyo: %q", i+1, la, lb)
				}
			}
			if diffs == 0 {
				t.Logf("%d lines, identical but DTSTAMP", len(a))
			}
		})
	}
}
