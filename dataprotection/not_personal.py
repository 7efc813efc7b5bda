"""Models of ours with personal-looking fields that the retention schedule does not cover, and
why (tests/dataprotection/test_retention.py holds the two lists together)."""

# Models of ours with personal-looking fields that hold no one's personal data, or whose
# personal data another kind's rule removes; each with the reason.
NOT_PERSONAL: dict[str, str] = {
    "nolimits.SiteSettings": "the council's own contact details, published on the site",
    "nolimits.NavigationSettings": "menus editors write",
    "nolimits.HomePage": "editors' page content",
    "nolimits.ContentPage": "editors' page content",
    "nolimits.StoryIndexPage": "editors' page content",
    "nolimits.StoryPage": "published with the person's consent; editors unpublish on request",
    "nolimits.OutboxStatusChange": "system events only: claims, sends and retries",
    "nolimits.WorkerHeartbeat": "a worker's name, no person",
    "nolimits.KeptList": (
        "a copy of what a person's own page shows from the records listed here, kept 15 minutes"
        " at most (nolimits.kept_lists); erasure deletes it and a job deletes expired ones"
    ),
    "pledges.CampaignPage": "editors' page content",
    "pledges.GivingSettings": "limits and wording editors set",
    "pledges.GiftAidClaim": "a claim's reference and totals; who made it is a staff member",
    "pledges.StripeProduct": "Stripe's product id",
    "pledges.PayoutLine": "Stripe's balance lines: amounts and ids, no person",
    "pledges.PledgeStatusChange": "system and donor moves; reasons are Stripe's event types",
    "pledges.DonationStatusChange": "system moves; reasons are Stripe's event types",
    "pledges.StripeEventStatusChange": "system moves",
    "pledges.Adjustment": "a refund or dispute: amounts and Stripe's id",
    "volunteers.TrainingCourse": "courses staff set up",
    "volunteers.Handbook": "handbook versions staff publish",
    "volunteers.VolunteeringSettings": "limits and wording staff set",
    "volunteers.ReminderSent": "keys of reminders sent (record ids), no contents",
    "volunteers.OpportunityIndexPage": "editors' page content",
    "volunteers.OpportunityStatusChange": "coordinators' decisions on a published opportunity",
    "volunteers.ExpenseClaimStatusChange": "decisions; the reason is kept on the claim, removed with it",
    "grants.Category": "grant categories",
    "grants.Round": "grant rounds",
    "grants.FundPage": "editors' page content",
    "grants.DecisionTemplate": "templates the panel writes",
    "grants.GrantsSettings": "settings",
    "grants.GrantPayment": "the payment finance records: amount, date, method, reference (kept)",
    "impact.OpenDataSettings": "the council's publisher details",
    "impact.CategoryPurpose": "a category's codelist entry",
    "impact.OpenGrantReference": "published anonymised identifiers",
    "impact.Encouragement": "messages programme leads write for champions to share",
    "dataprotection.AccessExport": "the record of answering a person's request for their data, "
    "kept as evidence (UK GDPR accountability); the ZIP itself leaves storage when its link "
    "expires (dataprotection.tasks.delete_expired_copies) and erasure blanks the person's name",
    "dataprotection.Erasure": "the record of an erasure, kept as evidence; it names the person by "
    "a reference (user 42), never by name",
}
