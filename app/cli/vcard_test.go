package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every phone and e-mail of a card goes through import-vcard, list --json and export-vcard.
func TestVCardCommandsKeepEveryPhone(t *testing.T) {
	t.Setenv("LOGE_LANG", "en")
	dir := t.TempDir()
	db := filepath.Join(dir, "desk.db")
	if code, _, errs := runCLI(t, "init", "--db", db, "--name", "Camille Laurent"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	card := filepath.Join(dir, "in.vcf")
	os.WriteFile(card, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Le Caveau\r\nORG:Le Caveau\r\n"+
		"TEL;TYPE=WORK:+33 1 40 00 00 01\r\nTEL;TYPE=FAX:+33 1 40 00 00 02\r\nTEL;TYPE=CELL:+33 6 00 00 00 03\r\n"+
		"EMAIL;TYPE=WORK:resa@caveau.example\r\nEMAIL;TYPE=HOME:chef@caveau.example\r\nEND:VCARD\r\n"), 0o644)
	if code, _, errs := runCLI(t, "import-vcard", "--db", db, card); code != 0 {
		t.Fatalf("import-vcard: %s", errs)
	}
	_, js, _ := runCLI(t, "list", "--db", db, "--json", "vendors")
	var vs []struct {
		Phone    string
		Channels []struct{ Medium, Kind, Value string }
	}
	if err := json.Unmarshal([]byte(js), &vs); err != nil || len(vs) != 1 {
		t.Fatalf("list: %v %s", err, js)
	}
	if vs[0].Phone != "+33 1 40 00 00 01" || len(vs[0].Channels) != 5 || vs[0].Channels[1].Kind != "fax" {
		t.Fatalf("vendor %+v", vs[0])
	}
	out := filepath.Join(dir, "out.vcf")
	if code, _, errs := runCLI(t, "export-vcard", "--db", db, out); code != 0 {
		t.Fatalf("export-vcard: %s", errs)
	}
	b, _ := os.ReadFile(out)
	if n, m := strings.Count(string(b), "\nTEL"), strings.Count(string(b), "\nEMAIL"); n != 3 || m != 2 {
		t.Fatalf("export has %d TEL and %d EMAIL lines:\n%s", n, m, b)
	}
}
