package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/demo"
	"loge/data/desk"
	"loge/data/store"
)

func cmdDemoInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("demo-init", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fi, err := os.Stat(*db); err == nil && fi.Size() > 0 {
		return &exitError{code: 1, msg: i18n.T("err.demo_exists", map[string]any{"Path": *db})}
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := demo.Seed(ctx, st, time.Now()); err != nil {
		return err
	}
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, i18n.T("cli.demo_written", map[string]any{"Path": st.Path(), "Guests": s.Guests, "Messages": s.Messages}))
	return nil
}

func cmdStats(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("stats", stderr)
	asJSON := fs.Bool("json", false, "cli.flag_json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, s)
	}
	fmt.Fprintln(stdout, i18n.T("cli.stats", map[string]any{"Messages": s.Messages, "Mailboxes": s.Mailboxes, "Guests": s.Guests,
		"Stays": s.Stays, "Requests": s.Requests, "Vendors": s.Vendors, "Outbox": s.OutboxPending}))
	return nil
}

func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("search", stderr)
	asJSON := fs.Bool("json", false, "cli.flag_json")
	limit := fs.Int("limit", 20, "cli.flag_limit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		return usageErr("%s", i18n.T("cli.search_needs_query"))
	}
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.SearchAll(ctx, q, *limit)
	if err != nil {
		return err
	}
	if res.Incomplete() {
		// On stderr: the JSON on stdout stays the list of hits scripts read.
		fmt.Fprintln(stderr, i18n.T("cli.search_incomplete", map[string]any{"N": res.Unindexed}))
	}
	hits := res.Hits
	if hits == nil {
		hits = []desk.Hit{}
	}
	if *asJSON {
		return writeJSON(stdout, hits)
	}
	for _, h := range hits {
		fmt.Fprintf(stdout, "%-8s %s\t%s\n", i18n.T("kind."+h.Kind), h.Title, h.Snippet)
	}
	return nil
}

// listed rows: stable JSON field names for scripts.
type guestRow struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Title       string `json:"title"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Languages   string `json:"languages"`
	Emails      string `json:"emails"`
	Phones      string `json:"phones"`
	Nationality string `json:"nationality"`
	VIP         int    `json:"vip"`
	Allergies   string `json:"allergies"`
	Preferences string `json:"preferences"`
}

type stayRow struct {
	ID        string `json:"id"`
	GuestID   string `json:"guest_id"`
	GuestName string `json:"guest_name"`
	Arrival   string `json:"arrival"`
	Departure string `json:"departure"`
	Room      string `json:"room"`
	PartySize int    `json:"party_size"`
	Status    string `json:"status"`
}

type requestRow struct {
	ID           string `json:"id"`
	GuestID      string `json:"guest_id"`
	GuestName    string `json:"guest_name"`
	StayID       string `json:"stay_id"`
	Kind         string `json:"kind"`
	Title        string `json:"title"`
	VendorID     string `json:"vendor_id"`
	VendorName   string `json:"vendor_name"`
	StartsAt     string `json:"starts_at"`
	PartySize    int    `json:"party_size"`
	Status       string `json:"status"`
	Confirmation string `json:"confirmation"`
	PriceCents   int64  `json:"price_cents"`
	Currency     string `json:"currency"`
}

type vendorRow struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Category     string `json:"category"`
	Status       string `json:"status"`
	StatusReason string `json:"status_reason"`
	Phone        string `json:"phone"` // the first phone, as documents use it
	Email        string `json:"email"`
	City         string `json:"city"`
	// Channels are every phone, e-mail and address, in the desk's order.
	Channels []channelRow `json:"channels"`
}

type channelRow struct {
	Medium string `json:"medium"` // phone, email, address
	Kind   string `json:"kind"`
	Value  string `json:"value"`
}

func channelRows(cs []desk.Channel) []channelRow {
	out := []channelRow{}
	for _, c := range cs {
		out = append(out, channelRow{c.Medium, c.Kind, c.Value})
	}
	return out
}

// messageRow is a stored message as `loge list messages` shows it: what the sync made of it.
type messageRow struct {
	ID        int64    `json:"id"`
	Mailbox   string   `json:"mailbox"`
	UID       uint32   `json:"uid"`
	MessageID string   `json:"message_id"`
	From      string   `json:"from"`
	FromAddr  string   `json:"from_addr"`
	Subject   string   `json:"subject"`
	Date      string   `json:"date"`
	Flags     []string `json:"flags"`
}

func cmdList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("list", stderr)
	asJSON := fs.Bool("json", false, "cli.flag_json")
	mailbox := fs.String("mailbox", "", "cli.flag_list_mailbox")
	limit := fs.Int("limit", 0, "cli.flag_list_limit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() < 1 {
		return usageErr("%s", i18n.T("cli.list_needs_kind"))
	}
	what := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil { // flags may follow the kind: list messages --limit 5
		return err
	}
	if fs.NArg() != 0 {
		return usageErr("%s", i18n.T("cli.list_needs_kind"))
	}
	switch what {
	case "guests", "stays", "requests", "vendors", "messages":
	default:
		return usageErr("%s", i18n.T("cli.list_needs_kind"))
	}
	if *limit < 0 {
		return usageErr("%s", i18n.T("cli.bad_limit", map[string]any{"N": *limit}))
	}
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var rows []any
	var lines []string
	switch what {
	case "messages":
		mbs, err := st.Mailboxes(ctx)
		if err != nil {
			return err
		}
		names := map[int64]string{}
		var only int64
		for _, m := range mbs {
			names[m.ID] = m.Name
			if *mailbox != "" && (m.Name == *mailbox || strings.EqualFold(m.Role, *mailbox)) && only == 0 {
				only = m.ID
			}
		}
		if *mailbox != "" && only == 0 {
			return usageErr("%s", i18n.T("cli.no_such_mailbox", map[string]any{"Name": *mailbox}))
		}
		ms, err := st.ListMessages(ctx, only, *limit)
		if err != nil {
			return err
		}
		for _, m := range ms {
			from := m.FromAddr
			if m.FromName != "" {
				from = m.FromName + " <" + m.FromAddr + ">"
			}
			flags := m.Flags
			if flags == nil {
				flags = []string{}
			}
			rows = append(rows, messageRow{m.ID, names[m.MailboxID], m.UID, m.MessageID, m.FromName, m.FromAddr, m.Subject,
				m.Date.In(st.Loc).Format(time.RFC3339), flags})
			lines = append(lines, fmt.Sprintf("%s\t%s\t%s\t%s", m.Date.In(st.Loc).Format("2006-01-02 15:04"), names[m.MailboxID], from, m.Subject))
		}
	case "guests":
		gs, err := st.Guests(ctx, "")
		if err != nil {
			return err
		}
		for _, g := range gs {
			rows = append(rows, guestRow{g.ID, g.Name(), g.Title, g.FirstName, g.LastName, g.Languages, g.Emails, g.Phones, g.Nationality, g.VIP, g.Allergies, g.Preferences})
			lines = append(lines, g.Name())
		}
	case "stays":
		ss, err := st.Stays(ctx, "")
		if err != nil {
			return err
		}
		for _, s := range ss {
			arr, dep := s.Arrival.In(st.Loc), s.Departure.In(st.Loc) // the hotel's clock, not the computer's
			rows = append(rows, stayRow{s.ID, s.GuestID, s.GuestName, arr.Format(time.RFC3339), dep.Format(time.RFC3339), s.Room, s.PartySize, s.Status})
			lines = append(lines, fmt.Sprintf("%s\t%s → %s\t%s", s.GuestName, arr.Format("2006-01-02"), dep.Format("2006-01-02"), s.Room))
		}
	case "requests":
		rs, err := st.Requests(ctx, store.RequestFilter{})
		if err != nil {
			return err
		}
		for _, r := range rs {
			rows = append(rows, requestRow{r.ID, r.GuestID, r.GuestName, r.StayID, r.Kind, r.Title, r.VendorID, r.VendorName, r.StartsAt.Format(time.RFC3339), r.PartySize, r.Status, r.Confirmation, r.PriceCents, r.Currency})
			lines = append(lines, fmt.Sprintf("%s\t%s\t%s\t%s", r.StartsAt.Format("2006-01-02 15:04"), r.GuestName, r.Title, i18n.T("status."+r.Status)))
		}
	case "vendors":
		vs, err := st.Vendors(ctx, store.VendorFilter{})
		if err != nil {
			return err
		}
		for _, v := range vs {
			rows = append(rows, vendorRow{v.ID, v.Name, v.Category, v.Status, v.StatusReason, v.Phone, v.Email, v.City, channelRows(v.Channels)})
			lines = append(lines, fmt.Sprintf("%s\t%s\t%s", v.Name, i18n.T("category."+v.Category), i18n.T("vstatus."+v.Status)))
		}
	default:
		return usageErr("%s", i18n.T("cli.list_needs_kind"))
	}
	if *asJSON {
		if rows == nil {
			rows = []any{}
		}
		return writeJSON(stdout, rows)
	}
	for _, l := range lines {
		fmt.Fprintln(stdout, l)
	}
	return nil
}

type logRow struct {
	ID         string   `json:"id"`
	At         string   `json:"at"`
	Author     string   `json:"author"`
	Text       string   `json:"text"`
	TargetKind string   `json:"target_kind,omitempty"`
	TargetID   string   `json:"target_id,omitempty"`
	ReadBy     []string `json:"read_by"`
	Read       bool     `json:"read"` // by this desk
}

// cmdLogbook lists the shift logbook, or with "add TEXT" writes an entry as this desk.
func cmdLogbook(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	add := len(args) > 0 && args[0] == "add"
	if add {
		args = args[1:]
	}
	fs, db := newFlags("logbook", stderr)
	asJSON := fs.Bool("json", false, "cli.flag_json")
	kind := fs.String("about", "", "cli.flag_log_about")
	id := fs.String("id", "", "cli.flag_log_id")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if add {
		text := strings.TrimSpace(strings.Join(fs.Args(), " "))
		if text == "" {
			return usageErr("%s", i18n.T("cli.log_needs_text"))
		}
		e := desk.LogEntry{Body: text, TargetKind: *kind, TargetID: *id}
		if err := st.AddLogEntry(ctx, &e); err != nil {
			return err
		}
		fmt.Fprintln(stdout, i18n.T("cli.log_added", map[string]any{"ID": e.ID}))
		return nil
	}
	entries, err := st.LogEntries(ctx, 0)
	if err != nil {
		return err
	}
	rows := []logRow{}
	for _, e := range entries {
		read := false
		for _, d := range e.ReadBy {
			read = read || d == st.DeskID()
		}
		rows = append(rows, logRow{e.ID, e.At.Format(time.RFC3339), e.AuthorName, e.Body, e.TargetKind, e.TargetID, e.ReadBy, read})
	}
	if *asJSON {
		return writeJSON(stdout, rows)
	}
	for _, r := range rows {
		mark := " "
		if !r.Read {
			mark = "•"
		}
		fmt.Fprintf(stdout, "%s %s  %s: %s\n", mark, r.At, r.Author, r.Text)
	}
	return nil
}
