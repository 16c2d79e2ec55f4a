// Package data holds Loge's domain types and its SQLite store. It never imports the GUI toolkit:
// the GUI (package app) and the command line (package main) both call into it.
package desk

import (
	"strconv"
	"time"
)

// Request kinds, as a concierge names them.
const (
	KindRestaurant = "restaurant"
	KindTransfer   = "transfer"
	KindTickets    = "tickets"
	KindSpa        = "spa"
	KindTour       = "tour"
	KindFlowers    = "flowers"
	KindOther      = "other"
)

// RequestKinds lists every request kind in display order.
var RequestKinds = []string{KindRestaurant, KindTransfer, KindTickets, KindSpa, KindTour, KindFlowers, KindOther}

// Request statuses: requested → pending vendor → confirmed → done, or declined/cancelled.
const (
	RequestRequested     = "requested"
	RequestPendingVendor = "pending_vendor"
	RequestConfirmed     = "confirmed"
	RequestDone          = "done"
	RequestDeclined      = "declined"
	RequestCancelled     = "cancelled"
)

// RequestStatuses lists every request status in workflow order.
var RequestStatuses = []string{RequestRequested, RequestPendingVendor, RequestConfirmed, RequestDone, RequestDeclined, RequestCancelled}

// Stay statuses.
const (
	StayExpected  = "expected"
	StayInHouse   = "in_house"
	StayDeparted  = "departed"
	StayCancelled = "cancelled"
)

// StayStatuses lists every stay status.
var StayStatuses = []string{StayExpected, StayInHouse, StayDeparted, StayCancelled}

// Vendor statuses.
const (
	VendorPreferred = "preferred"
	VendorApproved  = "approved"
	VendorDoNotUse  = "do_not_use"
	VendorClosed    = "closed"
)

// VendorStatuses lists every vendor status.
var VendorStatuses = []string{VendorPreferred, VendorApproved, VendorDoNotUse, VendorClosed}

// VendorCategories lists the vendor categories a desk books with.
var VendorCategories = []string{"restaurant", "transport", "tickets", "spa", "tours", "florist", "nightlife", "shopping", "wellness", "other"}

// Commission statuses.
const (
	CommissionNone     = ""
	CommissionExpected = "expected"
	CommissionSettled  = "settled"
	CommissionReversed = "reversed"
)

// CommissionStatuses lists every commission status, the empty one meaning "no commission".
var CommissionStatuses = []string{CommissionNone, CommissionExpected, CommissionSettled, CommissionReversed}

// Guest is a person the desk looks after. Shared with the team: UUID id and HLC.
type Guest struct {
	ID          string
	Title       string // "Mme", "Mr", "Dr"…
	FirstName   string
	LastName    string
	Languages   string // comma-separated ISO codes, preferred first: "fr,en"
	Emails      string // one per line
	Phones      string // one per line
	Nationality string // ISO country code
	VIP         int    // 0 (none) to 3
	Preferences string
	Allergies   string
	Notes       string
	UpdatedHLC  string
}

// Name is the guest's display name: title, first and last name.
func (g Guest) Name() string { return JoinNonEmpty(" ", g.Title, g.FirstName, g.LastName) }

// Stay is one visit of a guest to the hotel.
type Stay struct {
	ID         string
	GuestID    string
	Arrival    time.Time
	Departure  time.Time
	Room       string
	PartySize  int
	Status     string
	Notes      string
	UpdatedHLC string

	GuestName string // read-only, joined from the guest
}

// Request is something booked for a guest: a table, a car, tickets…
type Request struct {
	ID               string
	GuestID          string
	StayID           string // may be empty: a request for a guest not staying (a local VIP)
	Kind             string
	Title            string
	VendorID         string // may be empty until a vendor is chosen
	StartsAt         time.Time
	TimeZone         string // IANA name, e.g. "Europe/Paris"
	PartySize        int
	Status           string
	Confirmation     string
	PriceCents       int64
	Currency         string
	CommissionCents  int64
	CommissionStatus string
	HandledBy        string
	Notes            string
	// Private requests (a surprise) never appear on what the guest receives: itinerary, calendar.
	Private    bool
	UpdatedHLC string

	GuestName  string // read-only, joined
	VendorName string // read-only, joined
}

// Vendor is a restaurant, driver, florist… the desk books with. Phone, Email and Address are the
// first of Channels of their medium, read from the store; a caller that knows only one value may
// set it, and saving adds it first to Channels when they lack it (nothing is replaced).
type Vendor struct {
	ID              string
	Name            string
	Category        string
	Status          string
	StatusReason    string
	Phone           string
	Email           string
	Address         string
	Channels        []Channel // every phone, e-mail and postal address, in the desk's order
	City            string
	Website         string
	Hours           string
	Languages       string
	CommissionTerms string
	Notes           string
	UpdatedHLC      string
}

// VendorContact is a person at a vendor.
type VendorContact struct {
	ID         string
	VendorID   string
	Name       string
	Role       string
	Phone      string // the first of Channels, as Vendor.Phone
	Email      string
	Channels   []Channel
	Notes      string
	UpdatedHLC string
}

// Template is a mail template in one language.
type Template struct {
	ID         string
	Name       string
	Lang       string // "fr" or "en"
	Subject    string
	Body       string
	UpdatedHLC string
}

// Note is an internal note the team leaves on a thread, guest, stay, request or vendor.
type Note struct {
	ID         string
	TargetKind string // "thread", "guest", "stay", "request", "vendor"
	TargetID   string
	Author     string
	Body       string
	CreatedAt  time.Time
	UpdatedHLC string
}

// Account is a desk mailbox account. Passwords never live here: they are in the OS keyring.
type Account struct {
	ID           int64
	Name         string
	Email        string
	IMAPHost     string
	IMAPPort     int
	IMAPSecurity string // "tls", "starttls", "insecure-plain"
	IMAPUser     string
	SMTPHost     string
	SMTPPort     int
	SMTPSecurity string
	SMTPUser     string
	CAFile       string
	Signature    string
}

// TeamFolder is the mailbox folder where the desks of a team share their work (data/team); the
// mail sync leaves it alone.
const TeamFolder = "Loge"

// Mailbox roles from SPECIAL-USE.
const (
	RoleInbox   = "inbox"
	RoleSent    = "sent"
	RoleDrafts  = "drafts"
	RoleTrash   = "trash"
	RoleArchive = "archive"
)

// Mailbox is one IMAP folder of an account, with its sync state.
type Mailbox struct {
	ID            int64
	AccountID     int64
	Name          string
	Role          string
	UIDValidity   uint32
	UIDNext       uint32
	HighestModSeq uint64
	LastSync      time.Time
	// Keywords: the server keeps custom keywords here (PERMANENTFLAGS with \*), so mail status is
	// also set on the messages for other mail clients to see.
	Keywords bool
}

// Message is one stored mail. Raw bytes live in their own table and are read on demand.
type Message struct {
	ID             int64
	MailboxID      int64
	UID            uint32
	MessageID      string // RFC 5322 Message-ID, without angle brackets
	InReplyTo      string
	References     string // space-separated Message-IDs
	ThreadID       string
	FromName       string
	FromAddr       string
	To             string // "Name <addr>, …" decoded
	Cc             string
	Subject        string
	Date           time.Time
	Flags          []string
	Size           int64
	Snippet        string
	BodyText       string
	HasAttachments bool
	Vanished       bool // tombstone: gone from the server, kept here
	// Unindexed: stored by a sync, not reached by the background indexer yet, so not searchable;
	// the store decodes its text from the raw bytes when the message is read.
	Unindexed bool
}

// Seen reports whether the message carries \Seen.
func (m Message) Seen() bool { return HasFlag(m.Flags, `\Seen`) }

// Answered reports whether the message carries \Answered.
func (m Message) Answered() bool { return HasFlag(m.Flags, `\Answered`) }

// Attachment is the metadata of one attachment; its bytes are read from the raw message on demand.
type Attachment struct {
	ID          int64
	MessageID   int64
	Part        string // MIME part path, e.g. "2" or "2.1"
	Filename    string
	ContentType string
	Size        int64
}

// Outbox states.
const (
	OutboxQueued    = "queued"
	OutboxSending   = "sending"
	OutboxSent      = "sent"
	OutboxFailed    = "failed"
	OutboxCancelled = "cancelled"
)

// OutboxItem is one outgoing mail, stored complete before any attempt to send it.
type OutboxItem struct {
	ID        int64
	AccountID int64
	MessageID string
	From      string
	To        string
	Subject   string
	Raw       []byte
	State     string
	Attempts  int
	LastError string
	CreatedAt time.Time
	SentAt    time.Time
	InReplyTo string
	// Rcpts are the envelope recipients (To, Cc and Bcc).
	Rcpts       []string
	NextAttempt time.Time
	// Answers is the local id of the message this one replies to: it gets \Answered once sent.
	Answers int64
}

// Link ties a mail thread to a guest, stay or request. It holds the thread's Message-ID, not a
// local row id, so it survives a UIDVALIDITY change or a re-sync.
type Link struct {
	ID         string
	ThreadID   string
	TargetKind string // "guest", "stay", "request"
	TargetID   string
	UpdatedHLC string
}

// AttachmentRef is an attachment of a received mail kept with a guest's profile or a request: a
// reference to the message (its Message-ID, the same on every desk of a team) and the MIME part,
// never a second copy of the bytes, which are read again from the raw mail the desk keeps.
// Filename, ContentType and Size are the part's as the mail gave them, so a desk that does not
// hold the mail still lists it.
type AttachmentRef struct {
	ID          string
	MessageID   string // RFC 5322 Message-ID of the mail, without angle brackets
	Part        string // MIME part path, as Attachment.Part
	Filename    string
	ContentType string
	Size        int64
	TargetKind  string // "guest" or "request"
	TargetID    string
	UpdatedHLC  string
	// Read from this desk's mail, not shared: the mail's subject and sender, empty when this desk
	// does not hold it, and whether it holds the mail's raw bytes (the attachment can be read).
	Subject, From string
	Available     bool
}

// Thread is one row of the Inbox: the newest message of a conversation and its counts.
type Thread struct {
	ThreadID string
	Subject  string
	FromName string
	FromAddr string
	Last     time.Time
	Count    int
	Unread   int
	Answered bool
	Flags    []string // of the newest message
	Snippet  string
	LatestID int64
	// LatestMessageID is the newest message's Message-ID: a status set through an older one no
	// longer holds.
	LatestMessageID string
	Linked          int // number of planner links
}

// ThreadTeam is what the Inbox shows of a thread's team status at a moment.
type ThreadTeam struct {
	ClaimedBy   string // desk id, "" when unclaimed (or claimed by initials only Loge does not know)
	Initials    string // of the claiming desk
	Status      string // "", MailWaitingGuest, MailWaitingVendor, MailDone
	SnoozeUntil time.Time
	Replying    string // initials of the other desks writing a reply now, "JB, ZM"
}

// Snoozed reports whether the thread is out of the Inbox at now.
func (t ThreadTeam) Snoozed(now time.Time) bool { return t.SnoozeUntil.After(now) }

// Hit is one search result.
type Hit struct {
	Kind    string `json:"kind"` // message, guest, stay, request, vendor
	ID      string `json:"id"`
	Title   string `json:"title"`
	Snippet string `json:"snippet"`
}

// Team keywords on mail, visible to every desk and to ordinary mail clients. Loge sets them on the
// newest message of a thread where the server keeps keywords; between Loge desks the team log
// carries the same status (and alone where the server drops keywords).
const (
	KeywordDone      = "$Loge_Done"      // the desk has dealt with it
	KeywordWaiting   = "$Loge_Waiting"   // the desk waits for a vendor's answer
	KeywordWaitGuest = "$Loge_WaitGuest" // the desk waits for the guest
	KeywordSnoozed   = "$Loge_Snoozed"   // out of the Inbox until a time
	// KeywordClaimed + initials: claimed by (or assigned to) that desk, e.g. $Loge_Claimed_CL.
	KeywordClaimed = "$Loge_Claimed_"
)

// StatusKeywords are the keywords that say a status (claims aside).
var StatusKeywords = map[string]string{MailDone: KeywordDone, MailWaitingVendor: KeywordWaiting, MailWaitingGuest: KeywordWaitGuest}

// Stats counts what a desk holds.
type Stats struct {
	Messages      int `json:"messages"`
	Mailboxes     int `json:"mailboxes"`
	Accounts      int `json:"accounts"`
	Guests        int `json:"guests"`
	Stays         int `json:"stays"`
	Requests      int `json:"requests"`
	Vendors       int `json:"vendors"`
	Templates     int `json:"templates"`
	OutboxPending int `json:"outbox_pending"`
	Unread        int `json:"unread"`
	Links         int `json:"links"`
	SchemaVersion int `json:"schema_version"`
	// TeamOpsPending is how many of this desk's changes wait to reach the team folder.
	TeamOpsPending int `json:"team_ops_pending"`
	// TeamDesks is how many desks this desk knows in its team, itself included.
	TeamDesks int `json:"team_desks"`
	// Unindexed is how many messages wait for the background indexer: stored and browsable, not
	// searchable yet (0 once search is complete).
	Unindexed int `json:"unindexed"`
}

// Board is the shift view: what today and tomorrow hold, and what needs chasing.
type Board struct {
	Day, NextDay         string // YYYY-MM-DD
	Arrivals, Departures []Stay // today
	ArrivalsTomorrow     []Stay
	Bookings             []Request // today and tomorrow, by time; cancelled and declined left out
	Unconfirmed          []Request // requested or pending vendor, due within DueWithin or overdue
	Unanswered           []Message // guest mail unanswered for at least UnansweredAfter
	InHouseVIPs          []Stay
	UnansweredAfter      time.Duration
	DueWithin            time.Duration
}

// DefaultUnansweredHours is how long guest mail may wait before the Board lists it.
const DefaultUnansweredHours = 2

// UnansweredWindowDays is how far back the Board looks for mail still owed an answer: older mail
// left unanswered was dealt with some other way, or is the Inbox's to show.
const UnansweredWindowDays = 14

// Draft is a mail being written, autosaved on this desk only (synchronous=FULL).
type Draft struct {
	ID          int64
	AccountID   int64
	To, Cc, Bcc string
	Subject     string
	Body        string
	Answers     int64    // local id of the message replied to, 0 for a new mail
	Attachments []string // file paths
	Context     string   // "request:<id>", "stay:<id>", "guest:<id>", "vendor:<id>" or ""
	UpdatedAt   time.Time
}

// Outbox states beyond queued/sending/sent/failed/cancelled.
//
// A mail is "sending" from the moment a drainer claimed it, just before SMTP DATA, until the server
// answered. Only one drainer at a time works on a desk's outbox (outbox.Sender holds a lock for
// that), so a "sending" mail found by the next drainer was left by one that died: the server may
// or may not have it.
const (
	// OutboxSubmitted: the SMTP server accepted the mail; only the copy to Sent remains. A mail in
	// this state is never sent again.
	OutboxSubmitted = "submitted"
	// OutboxUnsure: the mail may have gone out before Loge stopped (or the connection broke while
	// the server answered) and it is not in Sent. It is never sent again on its own: the user
	// chooses between sending it again and marking it sent. Sent is looked at again meanwhile,
	// since many providers file submitted mail there themselves.
	OutboxUnsure = "unsure"
)

// UnsureRecheck is how long an unsure mail waits before Sent is searched for it again.
const UnsureRecheck = 5 * time.Minute

// RequestEvent is one status change in a request's timeline.
type RequestEvent struct {
	At       time.Time
	Who      string
	From, To string
}

// SearchKinds are the kinds of hit, in the order results are grouped.
var SearchKinds = []string{"guest", "stay", "request", "vendor", "message"}

// MessageIDFromHit parses the id of a message hit.
func MessageIDFromHit(h Hit) (int64, error) { return strconv.ParseInt(h.ID, 10, 64) }

// Op is one field of one shared entity set by one desk at one clock stamp: the unit the team shares
// through the mailbox. Value is JSON. The same ops in any order give the same state: for each
// field, the value with the greatest stamp wins.
type Op struct {
	Entity string `json:"e"`
	ID     string `json:"i"`
	Field  string `json:"f"`
	Value  string `json:"v"`
	HLC    string `json:"h"`
	Desk   string `json:"d"`
}

// Mail statuses a thread can be in for the team (besides none).
const (
	MailWaitingGuest  = "waiting_guest"
	MailWaitingVendor = "waiting_vendor"
	MailDone          = "done"
)

// MailStatus is what the team knows of a thread.
type MailStatus struct {
	ThreadID      string
	ClaimedBy     string    // desk id, "" when unclaimed
	Status        string    // "", MailWaitingGuest, MailWaitingVendor, MailDone
	StatusThrough string    // Message-ID of the newest message when Status was set
	SnoozeUntil   time.Time // zero when not snoozed
	UpdatedHLC    string
}

// TeamDesk is one desk of the team, this one included.
type TeamDesk struct {
	ID         string
	Name       string
	Initials   string
	LastActive time.Time // the newest change it made that this desk knows of
	ClockAhead time.Duration
	This       bool
}

// LogEntry is one line of the shift logbook.
type LogEntry struct {
	ID         string
	Author     string // desk id
	AuthorName string
	At         time.Time
	Body       string
	TargetKind string // "guest", "stay", "request", "thread" or ""
	TargetID   string
	ReadBy     []string // desk ids
	UpdatedHLC string
}

// MailChange is what a desk changes in a thread's team status; nil fields stay as they are.
type MailChange struct {
	Claim   *string    // the claiming desk's id, "" to release
	Status  *string    // "", MailWaitingGuest, MailWaitingVendor or MailDone
	Snooze  *time.Time // until when (zero: no longer snoozed)
	Through string     // the newest message of the thread now (with Status or Snooze)
}

// Effective is the status as the Inbox shows it at now, given the Message-ID of the thread's
// newest message from outside the desk: a newer message reopens a done, waiting or snoozed
// thread, and a snooze ends by itself.
func (m MailStatus) Effective(now time.Time, newestOutside string) (status string, snoozed bool) {
	reopened := newestOutside != "" && m.StatusThrough != "" && newestOutside != m.StatusThrough
	if reopened {
		return "", false
	}
	return m.Status, !m.SnoozeUntil.IsZero() && m.SnoozeUntil.After(now)
}

// PlannedStay is a stay as the week view draws it: with its guest's VIP level and whether the
// guest has allergies the desk must keep in mind.
type PlannedStay struct {
	Stay
	VIP       int
	Allergies bool
}
