"""Demo content for `python manage.py load_demo`: the scheme as the council's report describes it.

Every person here is invented. Text is plain English, written for the people who will use it.
"""

DEMO_PASSWORD = "nolimits-demo"  # noqa: S105 - demo only; load_demo refuses to run in production

# (email, full name, kind, directorate, roles, is_superuser)
DEMO_ACCOUNTS = [
    ("admin@example.org", "Alex Admin", "staff", "resources", [], True),
    ("editor@example.org", "Eden Editor", "staff", "chief_executive", ["Editors"], False),
    (
        "coordinator@example.org",
        "Casey Coordinator",
        "staff",
        "children",
        ["Volunteer coordinators"],
        False,
    ),
    ("mentor@example.org", "Morgan Mentor", "staff", "children", ["Mentors"], False),
    ("panel@example.org", "Parker Panel", "staff", "adults", ["Grants panel"], False),
    (
        "young.panellist@example.org",
        "Riley Young-Panellist",
        "young_person",
        "",
        ["Grants panel"],
        False,
    ),
    (
        "chair@example.org",
        "Charlie Chair",
        "staff",
        "children",
        ["Grants panel", "Grants panel chairs"],
        False,
    ),
    ("finance@example.org", "Frankie Finance", "staff", "resources", ["Finance"], False),
    ("lead@example.org", "Logan Lead", "staff", "chief_executive", ["Programme leads"], False),
    ("donor@example.org", "Dana Donor", "staff", "place", [], False),
    ("councillor@example.org", "Cllr Jordan Councillor", "councillor", "", [], False),
    ("volunteer@example.org", "Val Volunteer", "staff", "adults", [], False),
    ("young.person@example.org", "Jamie Young", "young_person", "", [], False),
    # Grants: a personal adviser who may start an application with a young person.
    ("worker@example.org", "Wren Worker", "staff", "children", ["Workers"], False),
    # Impact: the champion for Resources (impact/demo_content.py gives them their directorate).
    (
        "champion@example.org",
        "Cameron Champion",
        "staff",
        "resources",
        ["Directorate champions"],
        False,
    ),
]

SITE_SETTINGS = {
    "council_name": "Thamesbrook Borough Council",
    "fund_holder_name": "Thamesbrook Community Foundation",
    "fund_holder_charity_number": "1234567",
    "contact_email": "nolimits@example.org",
    "contact_phone": "01234 567890",
    "contact_address": "No Limits team, Civic Offices, Thamesbrook",
}


def p(*paragraphs: str) -> dict:
    return {"type": "paragraph", "value": "".join(f"<p>{x}</p>" for x in paragraphs)}


def ul(*items: str) -> dict:
    return {
        "type": "paragraph",
        "value": "<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>",
    }


def h2(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def quote(text: str, by: str) -> dict:
    return {"type": "quote", "value": {"quote": text, "attribution": by}}


def faq(*pairs: tuple[str, str]) -> dict:
    items = [{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs]
    return {"type": "faq", "value": {"heading": "Questions people ask", "items": items}}


def inset(text: str) -> dict:
    return {"type": "inset_text", "value": {"text": f"<p>{text}</p>"}}


def cta(heading: str, text: str, label: str, page_id: int) -> dict:
    return {
        "type": "call_to_action",
        "value": {
            "heading": heading,
            "text": text,
            "link": {"label": label, "page": page_id, "url": ""},
        },
    }


# slug -> (title, intro, body, show in header navigation)
CONTENT_PAGES = {
    "about": (
        "What No Limits is",
        "No Limits is how everyone who works for the council, and every councillor, can do "
        "something for the children in our care and our care leavers.",
        [
            p(
                "As a council we are the corporate parent of every child in our care. "
                "That means all of us: not only social workers, but every member of staff and "
                "every councillor.",
                "No Limits gives you two ways to help. You can <b>give money</b> to a fund that "
                "young people apply to, or <b>give time</b> to a young person. "
                "Many people do both.",
            ),
            h2("How it started"),
            p(
                "Young people, staff and councillors designed No Limits together. A project team "
                "with people from every directorate runs it, and young people help decide who gets "
                "grants.",
                "The money is held by an independent charity, so every pound goes to young people.",
            ),
            quote(
                "I didn't know the council cared about what I wanted to do next. Now I do.",
                "Kai, 18",
            ),
        ],
        True,
    ),
    "give-money": (
        "Give money",
        "Give a small amount each month, or give to one of our campaigns. Every pound goes to "
        "care-experienced young people.",
        [
            h2("Give every month"),
            p(
                "Choose an amount, from as little as £2 a month. You can pay by card or Direct "
                "Debit, or, if you work for the council, straight from your pay.",
                "You can change the amount, pause or stop at any time.",
            ),
            h2("Gift Aid"),
            p(
                "If you pay UK tax, Gift Aid adds 25p to every £1 you give, at no cost to you. "
                "Gifts from your pay cannot have Gift Aid added."
            ),
            h2("Campaigns"),
            p(
                "Every Christmas our <b>Gift of Giving</b> campaign buys a book or a voucher for "
                "every child in our care. Our <b>starter packs</b> help young people set up their "
                "first home, go to university or get ready for a baby."
            ),
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Give every month",
                    "text": "By card, Direct Debit or from your pay. Change or stop at any time.",
                    "link": {"label": "Start giving", "page": None, "url": "/pledges/give/"},
                },
            },
            inset(
                'Give to a campaign: <a href="/gift-of-giving/">the Gift of Giving</a> at Christmas, '
                'or <a href="/starter-packs/">starter packs</a> for young people setting up home.'
            ),
        ],
        True,
    ),
    "give-time": (
        "Give time",
        "Spend time with a young person, or bring young people along to something you already do.",
        [
            h2("Two ways to give time"),
            ul(
                "<b>One to one</b>: meet a young person regularly, as a mentor or a friend, "
                "to help with the things that matter to them.",
                "<b>Come along</b>: invite young people to something you already do, such as a "
                "sports club, a choir, a walk or a visit to your workplace.",
            ),
            h2("Keeping young people safe"),
            p(
                "Before you meet a young person on your own you will need an enhanced DBS check, "
                "two references, a short interview and our two-day induction, which includes "
                "safeguarding. Training happens in work time.",
                "Every volunteer has a staff mentor to talk things through, and we pay agreed "
                "expenses.",
            ),
            faq(
                (
                    "How much time does it take?",
                    "Most mentors meet their young person for an hour or two every two weeks.",
                ),
                (
                    "Do I need experience?",
                    "No. You need to be reliable, kind and patient. We train you.",
                ),
            ),
        ],
        True,
    ),
    "grants": (
        "Apply for a grant",
        "If you are aged 16 to 25 and have been in care, you can ask No Limits for money "
        "towards something that will help you.",
        [
            h2("What you can ask for"),
            ul(
                "setting up your home",
                "education and training",
                "getting into work",
                "driving lessons",
                "hobbies and activities",
                "health and wellbeing",
            ),
            h2("How it works"),
            p(
                "Tell us what it is for, how much it costs and how it will help. Your personal "
                "adviser or social worker will be asked to support your application.",
                "A panel, which includes young people, looks at every application and will tell "
                "you what they decide.",
            ),
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Apply now",
                    "text": "It takes about ten minutes on your phone. You can save and finish later.",
                    "link": {
                        "label": "Start your application",
                        "page": None,
                        "url": "/grant-applications/",
                    },
                },
            },
        ],
        True,
    ),
    "care-leavers-offer": (
        "The care leavers' offer",
        "What the council offers every young person who has been in its care, up to the age of 25.",
        [
            p(
                "As your corporate parent we want to help you have the same chances as any other "
                "young person. This page sets out the support you can expect."
            ),
            h2("Support from a personal adviser"),
            p("You will have a personal adviser until you are 21, or 25 if you want one."),
            h2("Money and a home"),
            ul(
                "help to set up your first home",
                "council tax support",
                "a bursary if you go to college or university",
            ),
            h2("Work and training"),
            p("Work experience, apprenticeships and mentoring with council services."),
            faq(("Who can I talk to?", "Your personal adviser, or the No Limits team.")),
        ],
        True,
    ),
    "accessibility": (
        "Accessibility statement",
        "We want as many people as possible to be able to use this website.",
        [
            p(
                "You should be able to change colours and fonts, zoom in up to 400% without text "
                "spilling off the screen, and use the whole site with a keyboard or a screen "
                "reader.",
                "This website aims to meet the Web Content Accessibility Guidelines version 2.2 "
                "to level AA. If something does not work for you, please tell us.",
            ),
        ],
        False,
    ),
    "privacy": (
        "Privacy notice",
        "How No Limits uses the information you give us.",
        [
            p(
                "The council uses your information to run No Limits: to take your gifts, to keep "
                "young people safe when you volunteer, and to decide on grant applications.",
                "We keep only what we need, for as long as we need it, and we never sell it.",
            ),
        ],
        False,
    ),
}

HOME = {
    "title": "No Limits",
    "hero_heading": "Do something for our children",
    "hero_text": (
        "Everyone who works for the council can help the children in our care and our care "
        "leavers. Give money, give time, or both."
    ),
}


def home_body(page_ids: dict[str, int]) -> list[dict]:
    return [
        cta(
            "Give money",
            "A monthly gift or a one-off gift to a campaign.",
            "Give money",
            page_ids["give-money"],
        ),
        cta(
            "Give time",
            "Mentor a young person, or bring them along to something you do.",
            "Give time",
            page_ids["give-time"],
        ),
        cta(
            "Apply for a grant",
            "Aged 16 to 25 and care experienced? Ask us for money towards your plans.",
            "Apply for a grant",
            page_ids["grants"],
        ),
        quote("Having someone in my corner made all the difference.", "Sam, care leaver"),
    ]


STORIES = [
    (
        "first-flat",
        "Setting up a first flat",
        "A starter pack helped Jade, 19, move into her first home with everything she needed.",
        "Jade had a key to her first flat but nothing to put in it. A No Limits grant bought a "
        "bed, pans and a kettle within a week.",
    ),
    (
        "driving-lessons",
        "Driving lessons to get to work",
        "Ellis, 20, passed his test and took a job he could not reach by bus.",
        "The panel agreed to pay for ten driving lessons. Ellis passed first time.",
    ),
    (
        "a-mentor-who-listens",
        "A mentor who listens",
        "Priya, who works in planning, has met her young person every fortnight for a year.",
        "“We mostly talk about football and college,” says Priya. “It is the best two hours of "
        "my fortnight.”",
    ),
]

NAV_FOOTER = ["accessibility", "privacy"]
