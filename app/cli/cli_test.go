package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	"loge/data/imap"
	"loge/data/imap/imaptest"
	"loge/data/outbox"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	i18n.Load(os.Getenv("LOGE_LANG")) // as main does for every run
	code = Run(context.Background(), args, &out, &errb)
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

// What the sync stored, for scripts and tests: every message with its mailbox, UID and headers.
func TestListMessages(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := runCLI(t, "demo-init", "--db", db); code != 0 {
		t.Fatalf("demo-init: %s", errs)
	}
	var all, inbox []messageRow
	_, out, _ := runCLI(t, "list", "--db", db, "--json", "messages")
	if err := json.Unmarshal([]byte(out), &all); err != nil || len(all) < 50 {
		t.Fatalf("list messages: %v, %d rows", err, len(all))
	}
	code, out, errs := runCLI(t, "list", "--db", db, "--json", "messages", "--mailbox", "inbox", "--limit", "5")
	if code != 0 || json.Unmarshal([]byte(out), &inbox) != nil || len(inbox) != 5 {
		t.Fatalf("list messages --mailbox inbox --limit 5: %d %s %s", code, out, errs)
	}
	for i, m := range inbox {
		if m.Mailbox != "INBOX" || m.UID == 0 || m.MessageID == "" || m.FromAddr == "" || m.Subject == "" || m.Flags == nil {
			t.Fatalf("incomplete row %+v", m)
		}
		if _, err := time.Parse(time.RFC3339, m.Date); err != nil {
			t.Fatalf("date %q: %v", m.Date, err)
		}
		if i > 0 && m.UID <= inbox[i-1].UID {
			t.Fatalf("not by UID: %d after %d", m.UID, inbox[i-1].UID)
		}
	}
	if code, _, errs := runCLI(t, "list", "--db", db, "messages", "--mailbox", "Nowhere"); code != 2 || !strings.Contains(errs, "Nowhere") {
		t.Fatalf("unknown mailbox: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "list", "--db", db, "messages", "--limit", "-1"); code != 2 {
		t.Fatalf("negative limit: %d", code)
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
	if code != 2 || !strings.Contains(errs, "guests, stays, requests, vendors ou messages") {
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
	d := imaptest.RealDovecot(t)
	t.Setenv("LOGE_LANG", "en")
	t.Setenv("LOGE_TEST_PASS", d.Pass2)
	// Put three messages in a mailbox of bob's own.
	ctx := context.Background()
	c, err := imap.Dial(ctx, imap.Config{Host: d.Host, Port: d.TLSPort, User: d.User2, Secret: d.Pass2, CAFile: d.CAFile}, nil)
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
	// A mistyped --db never becomes an empty desk synced into: sync wants a desk made by init.
	if code, _, errs := runCLI(t, base...); code != 1 || !strings.Contains(errs, "loge init --db") {
		t.Fatalf("sync into no desk: %d %s", code, errs)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("sync created a desk file")
	}
	if code, out, errs := runCLI(t, "init", "--db", db); code != 0 || !strings.Contains(out, db) {
		t.Fatalf("init: %d %s %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "init", "--db", db); code != 1 || !strings.Contains(errs, "already a desk") {
		t.Fatalf("second init: %d %s", code, errs)
	}
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
	dir, err := os.MkdirTemp("", "loge-cli-test")
	if err == nil {
		buildLogeProgram(dir)
	}
	code := m.Run()
	imaptest.StopDovecot()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// The test binary doubles as `loge` when LOGE_RUN_MAIN is set, so a test can kill a real process.
func init() {
	if os.Getenv("LOGE_RUN_MAIN") == "1" {
		i18n.Load(os.Getenv("LOGE_LANG"))
		os.Exit(Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
}

// Every command says what it does in both languages.
func TestEveryCommandHasItsSummary(t *testing.T) {
	for _, lang := range i18n.Languages {
		i18n.Load(lang)
		for _, c := range append(commands, command{name: "gui"}) {
			if k := "cli.cmd." + c.name; i18n.T(k) == k {
				t.Errorf("%s: no %s", lang, k)
			}
		}
	}
}

func TestQueueAndSendPendingExactlyOnce(t *testing.T) {
	d := imaptest.RealDovecot(t)
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
	c, err := imap.Dial(context.Background(), imap.Config{Host: d.Host, Port: d.TLSPort, User: d.User2, Secret: d.Pass2, CAFile: d.CAFile}, nil)
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
	cmd := logeCommand(args...)
	cmd.Env = append(cmd.Env, "LOGE_FAULT=exit-after-submit")
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
	if code, _, errs := runCLI(t, "itinerary-pdf", "--db", db, "--stay", stay.ID, dir); code != 2 || !strings.Contains(errs, "dossier") {
		t.Fatalf("a folder as OUT: %d %q, want the sentence about a folder", code, errs)
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

// queueMails puts n mails in a new desk's outbox, each to its own guest, and returns the desk path
// and the Message-IDs.
func queueMails(t *testing.T, n int) (string, []string) {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "desk.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var ids []string
	for i := 1; i <= n; i++ {
		to, _ := outbox.ParseAddresses(fmt.Sprintf("Invité %d <guest%d@example.com>", i, i))
		from, _ := outbox.ParseAddresses("Conciergerie <concierge@hotel-lumiere.example>")
		d := outbox.Draft{From: from[0], To: to, Subject: fmt.Sprintf("Votre table n° %d", i), Body: "Bonjour,\nvotre table est confirmée.\n"}
		raw, id, err := outbox.Build(d, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		o := desk.OutboxItem{MessageID: id, From: "concierge@hotel-lumiere.example", To: outbox.FormatAddresses(to), Subject: d.Subject, Raw: raw, Rcpts: outbox.Recipients(d)}
		if err := st.QueueOutbox(ctx, &o); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return db, ids
}

// delivered counts the sink's mails by Message-ID.
func delivered(sink *outbox.Sink) map[string]int {
	n := map[string]int{}
	for _, r := range sink.Received() {
		for _, line := range strings.Split(string(r.Data), "\r\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, "Message-Id") {
				n[strings.Trim(strings.TrimSpace(v), "<>")]++
				break
			}
		}
	}
	return n
}

// sendPendingArgs are the flags of a send-pending through the sink, with Sent copies in bob's
// Sent on the real Dovecot.
func sendPendingArgs(t *testing.T, db string, sink *outbox.Sink) []string {
	d := imaptest.RealDovecot(t)
	t.Setenv("LOGE_IMAP_PASS", d.Pass2)
	return []string{"send-pending", "--db", db, "--smtp-host", "127.0.0.1", "--smtp-port", fmt.Sprint(sink.Port()),
		"--smtp-security", "insecure-plain", "--host", d.Host, "--port", fmt.Sprint(d.TLSPort), "--user", d.User2,
		"--password-env", "LOGE_IMAP_PASS", "--ca-file", d.CAFile}
}

// checkOutboxOnce: every mail delivered at most once; a mail marked sent was delivered exactly once
// (or found in Sent); none left waiting silently: each is sent or waits, unsure, for the user.
func checkOutboxOnce(t *testing.T, db string, ids []string, sink *outbox.Sink) (unsure int) {
	t.Helper()
	got := delivered(sink)
	for id, n := range got {
		if n > 1 {
			t.Errorf("%s delivered %d times", id, n)
		}
	}
	_, js, _ := runCLI(t, "outbox", "--db", db, "--json")
	var rows []struct {
		MessageID string `json:"message_id"`
		State     string
	}
	if err := json.Unmarshal([]byte(js), &rows); err != nil || len(rows) != len(ids) {
		t.Fatalf("outbox --json: %v\n%s", err, js)
	}
	for _, r := range rows {
		switch r.State {
		case "sent":
			if got[r.MessageID] != 1 {
				t.Errorf("%s is marked sent but was delivered %d times", r.MessageID, got[r.MessageID])
			}
		case "unsure":
			unsure++
		default:
			t.Errorf("%s left %s after the last drain", r.MessageID, r.State)
		}
	}
	return unsure
}

// slowOutbox is a desk with 30 queued mails, an SMTP sink that takes 30 ms to answer each (as real
// submission servers that scan mail), and the send-pending arguments that drain one into the other.
func slowOutbox(t *testing.T) (sink *outbox.Sink, db string, ids []string, args []string) {
	t.Helper()
	t.Setenv("LOGE_LANG", "en")
	sink, err := outbox.StartSink(outbox.SinkOptions{Delay: 30 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	db, ids = queueMails(t, 30)
	return sink, db, ids, sendPendingArgs(t, db, sink)
}

// Random SIGKILLs of a real `loge send-pending` while a slow server (30 ms per mail, as real
// submission servers that scan mail) takes 30 mails: 5 guests used to receive their mail twice.
func TestSendPendingKilledAtRandomNeverSendsTwice(t *testing.T) {
	sink, db, ids, args := slowOutbox(t)
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewSource(seed))
	t.Logf("seed %d", seed)
	kills := 0
	for run := 0; run < 25 && len(delivered(sink)) < len(ids); run++ {
		cmd := logeCommand(args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Half the kills at a random moment of the run, half just after the server took a mail,
		// inside or just past its 30 ms answer: the window in which a mail used to go twice.
		before := len(sink.Received())
		var kill <-chan time.Time
		if run%2 == 0 {
			kill = time.After(time.Duration(50+rng.Intn(250)) * time.Millisecond)
		} else {
			tick := make(chan time.Time, 1)
			kill = tick
			// Drawn here: the watcher may outlive this run (the process can finish first), and
			// the next run's draws must not race with it.
			// Right after the first mail the server takes, then a random part of its answer time.
			pause := time.Duration(rng.Intn(40)) * time.Millisecond
			go func() {
				for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
					if len(sink.Received()) > before {
						time.Sleep(pause)
						break
					}
				}
				tick <- time.Now()
			}()
		}
		select {
		case <-done: // finished before its kill
		case <-kill:
			cmd.Process.Kill()
			<-done
			kills++
		}
	}
	if code, out, errs := runCLI(t, args...); code != 0 {
		t.Fatalf("final drain: %d %s %s", code, out, errs)
	}
	unsure := checkOutboxOnce(t, db, ids, sink)
	t.Logf("%d kills, %d mails delivered, %d unsure (shown to the user, not re-sent)", kills, len(delivered(sink)), unsure)
	if kills < 6 {
		t.Fatalf("only %d runs were killed: the test did not test", kills)
	}
}

// Two send-pending started together on 30 queued mails delivered every one of them twice.
func TestTwoSendPendingAtOnceSendEachMailOnce(t *testing.T) {
	sink, db, ids, args := slowOutbox(t)
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for i := 0; i < 2; i++ {
		cmd := logeCommand(args...)
		var b bytes.Buffer
		cmd.Stdout, cmd.Stderr = &b, &b
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, &b)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("drainer %d: %v\n%s", i, err, outs[i])
		}
	}
	if unsure := checkOutboxOnce(t, db, ids, sink); unsure != 0 || len(delivered(sink)) != 30 {
		t.Fatalf("%d delivered, %d unsure; want all 30 once\n%s\n%s", len(delivered(sink)), unsure, outs[0], outs[1])
	}
}

// Two desk files share one mailbox through loge sync: a vendor imported on one, a logbook entry
// written on it, both on the other after the syncs; stats counts the team.
func TestTeamThroughTheSyncCommand(t *testing.T) {
	d := imaptest.RealDovecot(t)
	t.Setenv("LOGE_LANG", "en")
	t.Setenv("LOGE_TEST_PASS", d.Pass)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "morning.db"), filepath.Join(dir, "evening.db")
	for db, name := range map[string]string{a: "Camille Laurent", b: "Julien Bertin"} {
		if code, _, errs := runCLI(t, "init", "--db", db, "--name", name); code != 0 {
			t.Fatalf("init: %s", errs)
		}
	}
	card := filepath.Join(dir, "v.vcf")
	os.WriteFile(card, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Le Caveau des Arts\r\nORG:Le Caveau des Arts\r\nTEL:+33 1 40 00 00 00\r\nEND:VCARD\r\n"), 0o644)
	if code, _, errs := runCLI(t, "import-vcard", "--db", a, card); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	if code, _, errs := runCLI(t, "logbook", "add", "--db", a, "Mme Rossi arrive à 23h, garder la 512."); code != 0 {
		t.Fatalf("logbook add: %s", errs)
	}
	sync := func(db string) string {
		code, out, errs := runCLI(t, "sync", "--db", db, "--host", d.Host, "--port", fmt.Sprint(d.TLSPort), "--user", d.User,
			"--password-env", "LOGE_TEST_PASS", "--ca-file", d.CAFile)
		if code != 0 {
			t.Fatalf("sync %s: %d %s", db, code, errs)
		}
		return out
	}
	if out := sync(a); !strings.Contains(out, "Team:") {
		t.Fatalf("no team summary: %q", out)
	}
	sync(b)
	_, js, _ := runCLI(t, "list", "--db", b, "--json", "vendors")
	if !strings.Contains(js, "Le Caveau des Arts") {
		t.Fatalf("vendor not on the evening desk: %s", js)
	}
	_, js, _ = runCLI(t, "logbook", "--db", b, "--json")
	var entries []struct {
		Text, Author string
		Read         bool
	}
	json.Unmarshal([]byte(js), &entries)
	if len(entries) != 1 || entries[0].Author != "Camille Laurent" || entries[0].Read || !strings.Contains(entries[0].Text, "512") {
		t.Fatalf("logbook on the evening desk: %s", js)
	}
	_, js, _ = runCLI(t, "stats", "--db", b, "--json")
	var stats struct {
		Pending int `json:"team_ops_pending"`
		Desks   int `json:"team_desks"`
	}
	json.Unmarshal([]byte(js), &stats)
	if stats.Desks != 2 || stats.Pending != 0 {
		t.Fatalf("team stats: %s", js)
	}
}

// backup, check and restore as a concierge runs them after a crash damaged the desk.
func TestBackupCheckRestore(t *testing.T) {
	t.Setenv("LOGE_LANG", "en")
	dir := t.TempDir()
	db := filepath.Join(dir, "desk.db")
	if code, _, errs := runCLI(t, "demo-init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := runCLI(t, "backup", "--db", db)
	if code != 0 || !strings.Contains(out, "Backup written") {
		t.Fatalf("backup: %d %q %q", code, out, errs)
	}
	_, js, _ := runCLI(t, "backup", "--db", db, "--list", "--json")
	var list []struct{ Path string }
	if err := json.Unmarshal([]byte(js), &list); err != nil || len(list) != 1 {
		t.Fatalf("backup --list --json: %q %v", js, err)
	}
	if code, out, _ := runCLI(t, "check", "--db", db); code != 0 || !strings.Contains(out, "whole") {
		t.Fatalf("check of a whole desk: %d %q", code, out)
	}
	storetest.Damage(t, db)
	if code, _, errs := runCLI(t, "check", "--db", db); code != 1 || !strings.Contains(errs, "loge restore") {
		t.Fatalf("check of a damaged desk: %d %q", code, errs)
	}
	if code, out, errs := runCLI(t, "restore", "--db", db, list[0].Path); code != 0 || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCLI(t, "check", "--db", db); code != 0 {
		t.Fatalf("check after restore: %d %q", code, out)
	}
	if code, _, errs := runCLI(t, "backup", "--db", db, list[0].Path); code != 1 || !strings.Contains(errs, "does not overwrite") {
		t.Fatalf("backup onto an existing file: %d %q", code, errs)
	}
}

// loge-cli has no window: its help does not offer one, and names itself in every line.
func TestLogeCLIHelpOffersNoWindow(t *testing.T) {
	t.Setenv("LOGE_LANG", "en")
	defer func(p string) { Program = p }(Program)
	Program = "loge-cli"
	code, out, _ := runCLI(t, "help")
	if code != 0 || strings.Contains(out, "--demo") || !strings.Contains(out, "  loge-cli sync --db PATH") ||
		strings.Contains(out, "  loge sync") {
		t.Fatalf("loge-cli help (%d):\n%s", code, out)
	}
	code, out, _ = runCLI(t, "help", "sync")
	if code != 0 || !strings.HasPrefix(out, "loge-cli sync --db PATH") || !strings.Contains(out, "loge-cli sync") ||
		strings.Contains(out, "loge sync") {
		t.Fatalf("loge-cli help sync (%d):\n%s", code, out)
	}
}
