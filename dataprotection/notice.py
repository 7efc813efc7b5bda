"""The privacy notice's words, made from the retention schedule (dataprotection.retention):
each kind of record, grouped by whose data it is, with what it is, why we keep it, how long and
what happens then, in full and (for the kinds that concern them) in young people's words."""

from dataclasses import dataclass

from dataprotection.retention import SCHEDULE, RecordKind

# The order the notice's sections appear in, and their headings.
GROUPS = {
    "everyone": "Everyone with an account",
    "donors": "If you give money",
    "volunteers": "If you volunteer",
    "volunteers and young people": "Volunteers and young people",
    "young people and their workers": "Come-along sessions",
    "young people": "Young people",
}


@dataclass(frozen=True)
class Section:
    heading: str
    kinds: list[RecordKind]


def notice_sections() -> list[Section]:
    return [
        Section(heading, [k for k in SCHEDULE if k.who == who])
        for who, heading in GROUPS.items()
        if any(k.who == who for k in SCHEDULE)
    ]


def for_young_people() -> list[RecordKind]:
    """The kinds that concern young people, each with its short wording."""
    return [k for k in SCHEDULE if k.young]
