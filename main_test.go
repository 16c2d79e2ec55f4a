package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loge/data/mail"
	"loge/data/mail/mailtest"
	"loge/data/outbox"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHeadlessCommands(t *testing.T) {
	t.Setenv("LOGE_LANG", "en")
	db := filepath.Join(t.TempDir(), "sub", "desk.db")
	if code, _, errs := runCLI(t, "demo-init", "--db", db); code != 0 {
		t.Fatalf("demo-init: %d %s", code, errs)
	}
	code, out, errs := runCLI(t, "stats", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("stats: %d %s", code, errs)
	}
	var stats map[string]any
	if err := json.Unmarshal([]byte(out), &stats); err != nil {
		t.Fatalf("stats JSON: %v\n%s", err, out)
	}
	want := map[string]float64{"messages": 60, "mailboxes": 3, "guests": 12, "stays": 10, "requests": 25, "vendors": 30}
	for k, min := range want {
		v, ok := stats[k].(float64)
		if !ok || v < min || v != float64(int(v)) {
			t.Errorf("stats.%s = %v, want an integer ≥ %v", k, stats[k], min)
		}
	}
	if _, ok := stats["outbox_pending"].(float64); !ok {
		t.Errorf("stats.outbox_pending missing: %v", stats)
	}

	code, out, errs = runCLI(t, "search", "--db", db, "--json", "reservation")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errs)
	}
	var hits []struct{ Kind, ID, Title, Snippet string }
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("search JSON: %v", err)
	}
	kinds := map[string]bool{}
	for _, h := range hits {
		kinds[h.Kind] = true
		if h.ID == "" || h.Title == "" && h.Kind != "message" {
			t.Errorf("incomplete hit %+v", h)
		}
	}
	if !kinds["message"] || !kinds["request"] {
		t.Errorf("search reservation found kinds %v", kinds)
	}

	for _, what := range []string{"guests", "stays", "requests", "vendors"} {
		code, out, errs = runCLI(t, "list", "--db", db, "--json", what)
		if code != 0 {
			t.Fatalf("list %s: %d %s", what, code, errs)
		}
		var rows []map[string]any
		if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) == 0 {
			t.Fatalf("list %s: %v %d rows", what, err, len(rows))
		}
		need := map[string][]string{"guests": {"id", "name"}, "stays": {"id", "guest_name", "arrival"}, "requests": {"id", "kind", "status"}, "vendors": {"id", "name", "category", "status"}}
		for _, f := range need[what] {
			if s, _ := rows[0][f].(string); s == "" {
				t.Errorf("list %s: field %s empty in %v", what, f, rows[0])
			}
		}
	}
}

func TestCLIErrorsAreClearAndTouchNothing(t *testing.T) {
	t.Setenv("LOGE_LANG", "fr")
	dir := t.TempDir()
	notDB := filepath.Join(dir, "liste.txt")
	content := []byte(strings.Repeat("Chambre 412 — M. Tanaka\n", 20))
	os.WriteFile(notDB, content, 0o644)
	code, _, errs := runCLI(t, "stats", "--db", notDB, "--json")
	if code == 0 || !strings.Contains(errs, "n'est pas un fichier de bureau Loge") {
		t.Fatalf("not a database: %d %q", code, errs)
	}
	if b, _ := os.ReadFile(notDB); !bytes.Equal(b, content) {
		t.Fatal("file changed")
	}
	code, _, errs = runCLI(t, "stats", "--db", filepath.Join(dir, "absent.db"))
	if code == 0 || !strings.Contains(errs, "Aucun fichier de bureau") {
		t.Fatalf("missing desk: %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "absent.db")); err == nil {
		t.Fatal("stats created a desk file")
	}
	code, _, errs = runCLI(t, "list", "--db", notDB, "boats")
	if code != 2 || !strings.Contains(errs, "guests, stays, requests ou vendors") {
		t.Fatalf("bad list kind: %d %q", code, errs)
	}
	code, _, errs = runCLI(t, "frobnicate")
	if code != 2 || !strings.Contains(errs, "commande inconnue") {
		t.Fatalf("unknown command: %d %q", code, errs)
	}
	db := filepath.Join(dir, "d.db")
	if code, _, errs := runCLI(t, "demo-init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	code, _, errs = runCLI(t, "demo-init", "--db", db)
	if code == 0 || !strings.Contains(errs, "existe déjà") {
		t.Fatalf("demo-init over an existing desk: %d %q", code, errs)
	}
}

func TestSyncCommandAgainstDovecot(t *testing.T) {
	d := mailtest.RealDovecot(t)
	t.Setenv("LOGE_LANG", "en")
	t.Setenv("LOGE_TEST_PASS", d.Pass2)
	// Put three messages in a mailbox of bob's own.
	ctx := context.Background()
	c, err := mail.Dial(ctx, mail.Config{Host: d.Host, Port: d.TLSPort, User: d.User2, Secret: d.Pass2, CAFile: d.CAFile}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	box := fmt.Sprintf("CLI%d", time.Now().UnixNano())
	if err := c.Create(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		raw := fmt.Sprintf("From: g%d@example.com\r\nSubject: Réservation %d\r\nMessage-ID: <cli%d-%s@example.com>\r\n\r\nBonjour\r\n", i, i, i, box)
		cmd := c.Append(box, int64(len(raw)), nil)
		cmd.Write([]byte(raw))
		cmd.Close()
		if _, err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "desk.db")
	base := []string{"sync", "--db", db, "--host", d.Host, "--port", fmt.Sprint(d.TLSPort), "--user", d.User2,
		"--password-env", "LOGE_TEST_PASS", "--ca-file", d.CAFile, "--mailbox", box}
	code, out, errs := runCLI(t, base...)
	if code != 0 {
		t.Fatalf("sync: %d %s", code, errs)
	}
	if !strings.Contains(out, "3 new") {
		t.Fatalf("summary: %q", out)
	}
	_, js, _ := runCLI(t, "stats", "--db", db, "--json")
	var s map[string]any
	json.Unmarshal([]byte(js), &s)
	if s["messages"] != float64(3) {
		t.Fatalf("stats after sync: %v", s)
	}
	// The password never lands in the database.
	if b, _ := os.ReadFile(db); bytes.Contains(b, []byte(d.Pass2)) {
		t.Fatal("password stored in the database")
	}
	// Clear failures, non-zero exit.
	t.Setenv("LOGE_TEST_PASS", "wrong")
	if code, _, errs := runCLI(t, base...); code == 0 || !strings.Contains(errs, "password") {
		t.Fatalf("wrong password: %d %q", code, errs)
	}
	t.Setenv("LOGE_TEST_PASS", d.Pass2)
	noCA := append([]string{}, base[:len(base)-4]...)
	noCA = append(noCA, "--mailbox", box)
	if code, _, errs := runCLI(t, noCA...); code == 0 || !strings.Contains(errs, "certificate") {
		t.Fatalf("untrusted certificate: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "sync", "--db", db, "--host", d.Host, "--user", "x"); code != 2 || !strings.Contains(errs, "--password-env") {
		t.Fatalf("missing flags: %d %q", code, errs)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	mailtest.StopDovecot()
	os.Exit(code)
}

// TestMain doubles as the loge binary when LOGE_RUN_MAIN is set, so a test can kill a real process.
func init() {
	if os.Getenv("LOGE_RUN_MAIN") == "1" {
		main()
	}
}

func TestQueueAndSendPendingExactlyOnce(t *testing.T) {
	d := mailtest.RealDovecot(t)
	t.Setenv("LOGE_LANG", "en")
	sink, err := outbox.StartSink(outbox.SinkOptions{User: "desk", Pass: "smtppw"})
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "desk.db")
	body := filepath.Join(dir, "body.txt")
	os.WriteFile(body, []byte("Bonjour Madame,\nvotre voiture vous attend à 9h, terminal 2E.\n"), 0o644)
	if code, _, errs := runCLI(t, "demo-init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	for i := 1; i <= 3; i++ {
		code, out, errs := runCLI(t, "queue", "--db", db, "--from", "Conciergerie <concierge@hotel-lumiere.example>",
			"--to", fmt.Sprintf("guest%d@example.com", i), "--subject", fmt.Sprintf("Transfert n° %d — confirmé", i), "--body-file", body)
		if code != 0 || !strings.Contains(out, "Queued") {
			t.Fatalf("queue %d: %d %s %s", i, code, out, errs)
		}
	}
	// Sent copies go to a folder of bob's, this test's own.
	c, err := mail.Dial(context.Background(), mail.Config{Host: d.Host, Port: d.TLSPort, User: d.User2, Secret: d.Pass2, CAFile: d.CAFile}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	t.Setenv("LOGE_SMTP_PASS", "smtppw")
	t.Setenv("LOGE_IMAP_PASS", d.Pass2)
	args := []string{"send-pending", "--db", db, "--smtp-host", "127.0.0.1", "--smtp-port", fmt.Sprint(sink.Port()),
		"--smtp-security", "insecure-plain", "--smtp-user", "desk", "--smtp-password-env", "LOGE_SMTP_PASS",
		"--host", d.Host, "--port", fmt.Sprint(d.TLSPort), "--user", d.User2, "--password-env", "LOGE_IMAP_PASS", "--ca-file", d.CAFile}
	for run := 0; run < 2; run++ {
		code, out, errs := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("send-pending run %d: %d %s %s", run, code, out, errs)
		}
	}
	if n := len(sink.Received()); n != 3 {
		t.Fatalf("SMTP received %d, want 3 (each once)", n)
	}
	_, js, _ := runCLI(t, "outbox", "--db", db, "--json")
	var rows []struct{ State string }
	json.Unmarshal([]byte(js), &rows)
	if len(rows) != 3 {
		t.Fatalf("outbox rows: %s", js)
	}
	for _, r := range rows {
		if r.State != "sent" {
			t.Fatalf("outbox states: %s", js)
		}
	}

	// A real process killed between SMTP acceptance and the Sent copy: never delivered twice.
	runCLI(t, "queue", "--db", db, "--from", "concierge@hotel-lumiere.example", "--to", "guest9@example.com", "--subject", "Crash", "--body-file", body)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "LOGE_RUN_MAIN=1", "LOGE_FAULT=exit-after-submit")
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 75 {
		t.Fatalf("the fault did not fire: %v", err)
	}
	if n := len(sink.Received()); n != 4 {
		t.Fatalf("before the crash the SMTP server should have the mail: %d", n)
	}
	if code, out, errs := runCLI(t, args...); code != 0 || !strings.Contains(out, "1 sent") {
		t.Fatalf("after the crash: %d %s %s", code, out, errs)
	}
	if n := len(sink.Received()); n != 4 {
		t.Fatalf("delivered again after the crash: %d", n)
	}
	sel, err := c.Select("Sent", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages < 4 {
		t.Fatalf("Sent holds %d", sel.NumMessages)
	}
}

func TestDocumentCommands(t *testing.T) {
	t.Setenv("LOGE_LANG", "fr")
	dir := t.TempDir()
	db := filepath.Join(dir, "desk.db")
	if code, _, errs := runCLI(t, "demo-init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	_, js, _ := runCLI(t, "list", "--db", db, "--json", "stays")
	var stays []struct {
		ID        string
		GuestName string `json:"guest_name"`
	}
	json.Unmarshal([]byte(js), &stays)
	stay := stays[0]
	pdf := filepath.Join(dir, "itineraire.pdf")
	if code, _, errs := runCLI(t, "itinerary-pdf", "--db", db, "--stay", stay.ID, pdf); code != 0 {
		t.Fatalf("itinerary-pdf: %s", errs)
	}
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, _ := exec.Command("pdftotext", pdf, "-").Output()
		if !strings.Contains(string(out), strings.Fields(stay.GuestName)[len(strings.Fields(stay.GuestName))-1]) {
			t.Fatalf("guest name not in the itinerary:\n%s", out)
		}
	}
	missing := filepath.Join(dir, "none.pdf")
	if code, _, errs := runCLI(t, "itinerary-pdf", "--db", db, "--stay", "no-such-stay", missing); code == 0 || !strings.Contains(errs, "n'existe plus") {
		t.Fatalf("unknown stay: %d %q", code, errs)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("a file was written for an unknown stay")
	}
	if code, _, errs := runCLI(t, "downtime-pdf", "--db", db, "--date", "25/11/2026", missing); code != 2 || !strings.Contains(errs, "2026-11-25") {
		t.Fatalf("bad date: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "downtime-pdf", "--db", db, filepath.Join(dir, "pack.pdf")); code != 0 {
		t.Fatalf("downtime-pdf: %s", errs)
	}
	ics := filepath.Join(dir, "sejour.ics")
	if code, _, errs := runCLI(t, "export-ics", "--db", db, "--stay", stay.ID, ics); code != 0 {
		t.Fatalf("export-ics: %s", errs)
	}
	if b, _ := os.ReadFile(ics); !bytes.HasPrefix(b, []byte("BEGIN:VCALENDAR\r\n")) {
		t.Fatal("not a calendar")
	}
	vcf := filepath.Join(dir, "prestataires.vcf")
	if code, _, errs := runCLI(t, "export-vcard", "--db", db, vcf); code != 0 {
		t.Fatalf("export-vcard: %s", errs)
	}
	if code, _, errs := runCLI(t, "demo-init", "--db", filepath.Join(dir, "other.db")); code != 0 {
		t.Fatal(errs)
	}
	other := filepath.Join(dir, "other.db")
	if code, out, errs := runCLI(t, "import-vcard", "--db", other, vcf); code != 0 || !strings.Contains(out, "doublons") {
		t.Fatalf("import-vcard into a desk that has them all: %d %s %s", code, out, errs)
	}
}
