"""Build HMRC's Charities Online Gift Aid schedule and write it as ``.ods`` and ``.csv``.

Pure Python (stdlib only): callers turn their eligible donations into :class:`Gift` values,
:func:`schedule_rows` applies HMRC's rules, and :func:`write_schedule_files` writes one
``.ods`` (for upload) plus a ``.csv`` working copy per schedule of at most 1,000 rows.

Rules implemented, from HMRC's "Schedule spreadsheet to claim back tax on Gift Aid donations"
(https://www.gov.uk/guidance/schedule-spreadsheet-to-claim-back-tax-on-gift-aid-donations),
as summarised in the project's shared reference ``giving.md`` section 5.4:

* Donations of £20 or less may be aggregated: each aggregated line totals at most £1,000,
  has no donor details and a description of at most 35 characters in "Aggregated donations";
  its date is that of the latest donation in it.  Larger donations get one row each.
* Title at most 4 characters (optional); first name or initial at most 35; last name at most
  35, a double-barrelled last name written with a space, not a hyphen; house name or number
  (at most 40 characters here).
* Postcode in upper case with a space (``S19 2BD``); ``X`` for a donor outside the UK.
* Donation date ``DD/MM/YY``; amount without a £ sign and with 2 decimals (``200.00``).
* Blank, never ``0`` or ``N/A``, where a column does not apply; no blank rows.
* At most 1,000 rows per schedule; worksheet ``R68GAD_V1_00_0_EN`` with the earliest
  donation date in D13, column headers in row 23 (B..K) and donations from row 25.

Row order (deterministic): one row per gift over £20, sorted by date then ``donation_id``;
then the aggregated lines, filled greedily with the small gifts in date then ``donation_id``
order, so the aggregated lines themselves run in date order.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

AGGREGATE_LIMIT_PENCE = 2000  # gifts of £20 or less are aggregated
AGGREGATE_LINE_MAX_PENCE = 100_000  # each aggregated line totals at most £1,000
MAX_ROWS_PER_SCHEDULE = 1000

TITLE_MAX_CHARS = 4
NAME_MAX_CHARS = 35
HOUSE_MAX_CHARS = 40
DESCRIPTION_MAX_CHARS = 35
NON_UK_POSTCODE = "X"
SHEET_NAME = "R68GAD_V1_00_0_EN"
EARLIEST_DATE_LABEL = "Earliest donation date in the period of claim. (DD/MM/YY)"
HEADERS = (
    "Item", "Title", "First name or initial", "Last name", "House name or number", "Postcode",
    "Aggregated donations", "Sponsored event", "Donation date", "Amount",
)  # fmt: skip

# Outward code 2-4 characters (A9, A99, A9A, AA9, AA99, AA9A; GIR for GIR 0AA), inward 9AA.
_POSTCODE_RE = re.compile(r"(GIR|[A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")
# Control characters (not allowed in XML 1.0, meaningless in a name) become spaces.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f\ufffe\uffff]")
_HYPHENS = str.maketrans({"-": " ", "\u2010": " ", "\u2011": " "})


# Named tuples rather than frozen dataclasses: as immutable, and a claim makes 100,000 of them (a
# frozen dataclass sets each field through object.__setattr__, six times the cost).
class Gift(NamedTuple):
    """One Gift Aid-eligible donation, as the caller's records hold it."""

    donation_id: int
    title: str  # may be ""
    first_name: str
    last_name: str
    house: str  # house name or number
    postcode: str
    date: datetime.date
    amount_pence: int  # > 0


class ScheduleRow(NamedTuple):
    """One line of the schedule, already in HMRC's formats (except date and amount)."""

    title: str
    first_name: str
    last_name: str
    house: str
    postcode: str
    aggregated: str  # description for aggregated lines, else ""
    sponsored: str  # always "" for us
    date: datetime.date
    amount_pence: int
    donation_ids: tuple[int, ...]


def _clean(value: str) -> str:
    """Strip, turn control characters into spaces and collapse runs of whitespace."""
    if not value.isprintable():  # every character _CONTROL_RE matches is unprintable
        value = _CONTROL_RE.sub(" ", value)
    return " ".join(value.split())


def _fit(value: str, limit: int) -> str:
    return value[:limit].rstrip()


def normalise_postcode(raw: str) -> str:
    """``"s192bd"`` -> ``"S19 2BD"``; anything not shaped like a UK postcode -> ``"X"``."""
    match = _POSTCODE_RE.fullmatch("".join(raw.split()).upper())
    return f"{match[1]} {match[2]}" if match else NON_UK_POSTCODE


def _donor_columns(gift: Gift) -> tuple[str, str, str, str, str]:
    """Title, first name, last name, house and postcode of a row of its own, in HMRC's formats."""
    first_name = _fit(_clean(gift.first_name), NAME_MAX_CHARS)
    last_name = _fit(_clean(gift.last_name.translate(_HYPHENS)), NAME_MAX_CHARS)
    house = _fit(_clean(gift.house), HOUSE_MAX_CHARS)
    for label, value in (("first name", first_name), ("last name", last_name), ("house", house)):
        if not value:
            raise ValueError(f"Gift {gift.donation_id}: {label} is required for a row of its own")
    title = _fit(_clean(gift.title), TITLE_MAX_CHARS)
    return title, first_name, last_name, house, normalise_postcode(gift.postcode)


def _individual_row(gift: Gift, donors: dict | None = None) -> ScheduleRow:
    """``donors`` remembers each donor's columns, worked out once however many gifts they made."""
    key = gift[1:6]  # title, first name, last name, house, postcode
    columns = donors.get(key) if donors is not None else None
    if columns is None:
        columns = _donor_columns(gift)
        if donors is not None:
            donors[key] = columns
    return ScheduleRow(*columns, "", "", gift.date, gift.amount_pence, (gift.donation_id,))


def _aggregated_row(batch: list[Gift], description: str) -> ScheduleRow:
    return ScheduleRow(
        title="",
        first_name="",
        last_name="",
        house="",
        postcode="",
        aggregated=description,
        sponsored="",
        date=max(gift.date for gift in batch),
        amount_pence=sum(gift.amount_pence for gift in batch),
        donation_ids=tuple(gift.donation_id for gift in batch),
    )


def _aggregated_rows(small_gifts: list[Gift], description: str) -> list[ScheduleRow]:
    rows: list[ScheduleRow] = []
    batch: list[Gift] = []
    total = 0
    for gift in small_gifts:
        if batch and total + gift.amount_pence > AGGREGATE_LINE_MAX_PENCE:
            rows.append(_aggregated_row(batch, description))
            batch, total = [], 0
        batch.append(gift)
        total += gift.amount_pence
    if batch:
        rows.append(_aggregated_row(batch, description))
    return rows


_BY_DATE_THEN_ID = itemgetter(Gift._fields.index("date"), Gift._fields.index("donation_id"))


def schedule_rows(
    gifts: Iterable[Gift], *, aggregate_description: str = "Gifts of £20 or less each"
) -> list[ScheduleRow]:
    """Apply HMRC's schedule rules to ``gifts``; see the module docstring for the row order.

    Raises ``ValueError`` for a description that is blank or over 35 characters, an amount that
    is not positive, a repeated ``donation_id`` (it would be claimed twice) or a gift over £20
    without a first name, last name or house name/number.
    """
    description = _clean(aggregate_description)
    if not description or len(description) > DESCRIPTION_MAX_CHARS:
        raise ValueError(
            f"aggregate_description must be 1-{DESCRIPTION_MAX_CHARS} characters: {description!r}"
        )
    individual: list[Gift] = []
    small: list[Gift] = []
    seen: set[int] = set()
    add_seen, add_individual, add_small = seen.add, individual.append, small.append
    for gift in gifts:
        donation_id, amount = gift.donation_id, gift.amount_pence
        if amount <= 0:
            raise ValueError(f"Gift {donation_id}: amount_pence must be positive")
        if donation_id in seen:
            raise ValueError(f"Gift {donation_id} appears more than once")
        add_seen(donation_id)
        (add_small if amount <= AGGREGATE_LIMIT_PENCE else add_individual)(gift)
    del seen
    individual.sort(key=_BY_DATE_THEN_ID)
    small.sort(key=_BY_DATE_THEN_ID)
    donors: dict = {}
    rows = [_individual_row(gift, donors) for gift in individual]
    del individual, donors
    rows.extend(_aggregated_rows(small, description))
    return rows


def split_schedules(rows: Sequence[ScheduleRow]) -> list[list[ScheduleRow]]:
    """Consecutive chunks of at most 1,000 rows, in order; no chunk for no rows."""
    step = MAX_ROWS_PER_SCHEDULE
    return [list(rows[start : start + step]) for start in range(0, len(rows), step)]


@lru_cache(maxsize=4096)  # a claim has a few hundred distinct dates and 100,000 gifts
def format_date(value: datetime.date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year % 100:02d}"


def format_amount(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


# Both writers work out the cells Title..Sponsored event once per donor (and once for all the
# aggregated lines), not once per row: a donor's columns repeat on every gift of theirs. While
# write_schedule_files runs, the parts of one claim share them (ODS cells, CSV fields).
_claim_cells: ContextVar[tuple[dict, dict] | None] = ContextVar("_claim_cells", default=None)
_MIDDLE = slice(0, 7)  # ScheduleRow's title .. sponsored


def _csv_fields(texts: Sequence[str]) -> str:
    """``texts`` as csv.writer writes them in a row (each quoted only if it must be), comma-joined."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(texts)
    return buffer.getvalue()


def write_csv(rows: Sequence[ScheduleRow], path: Path) -> None:
    """Header row, then one line per row with Item numbered from 1 (UTF-8, no BOM).

    Lines are exactly csv.writer's (its default dialect): Item, Donation date and Amount are
    digits, slashes and a point, which it never quotes, so they are written around the cached
    middle fields directly."""
    shared = _claim_cells.get()
    middles: dict[tuple[str, ...], str] = {} if shared is None else shared[1]
    lines = []
    for item, row in enumerate(rows, start=1):
        key = row[_MIDDLE]
        middle = middles.get(key)
        if middle is None:
            middle = middles[key] = _csv_fields(key)
        lines.append(
            f"{item},{middle},{format_date(row.date)},{format_amount(row.amount_pence)}\r\n"
        )
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(HEADERS)
        handle.write("".join(lines))


_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'office:version="1.2"'
)
_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'
_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_MANIFEST = (
    _XML_DECL + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
    'manifest:1.0" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
    f'manifest:media-type="{_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_STYLES = (
    _XML_DECL + f"<office:document-styles {_NS}><office:styles>"
    '<style:default-style style:family="table-cell"/>'
    '<style:style style:name="Default" style:family="table-cell"/>'
    "</office:styles></office:document-styles>"
)
_CONTENT_HEAD = (
    _XML_DECL + f"<office:document-content {_NS}><office:automatic-styles>"
    '<number:number-style style:name="N2"><number:number number:decimal-places="2" '
    'number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>'
    '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" '
    'style:data-style-name="N2"/></office:automatic-styles><office:body><office:spreadsheet>'
    f'<table:table table:name="{SHEET_NAME}"><table:table-column '
    'table:number-columns-repeated="11"/>'
)
_CONTENT_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"


@lru_cache(maxsize=16)
def _blank_cells(count: int) -> str:
    repeat = f' table:number-columns-repeated="{count}"' if count > 1 else ""
    return f"<table:table-cell{repeat}/>"


def _blank_rows(count: int) -> str:
    repeat = f' table:number-rows-repeated="{count}"' if count > 1 else ""
    return f"<table:table-row{repeat}><table:table-cell/></table:table-row>"


def _string_cell(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:  # what escape() replaces; most names have none
        text = escape(text)
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


@lru_cache(maxsize=4096)
def _amount_cell(pence: int) -> str:
    amount = format_amount(pence)
    return (
        f'<table:table-cell table:style-name="ce1" office:value-type="float" '
        f'office:value="{amount}"><text:p>{amount}</text:p></table:table-cell>'
    )


def _cells(texts: Sequence[str], blanks: int) -> tuple[list[str], int]:
    """String cells for ``texts`` after ``blanks`` blank cells, each run of blanks written as one
    repeated cell; returns the cells and the blanks still to write after the last text."""
    parts = []
    for text in texts:
        if not text:
            blanks += 1
            continue
        if blanks:
            parts.append(_blank_cells(blanks))
            blanks = 0
        parts.append(_string_cell(text))
    return parts, blanks


def _ods_row(texts: Sequence[str], amount_pence: int | None = None) -> str:
    """A row whose column A is blank, ``texts`` fill B onwards, then an optional Amount."""
    cells, blanks = _cells(texts, 1)  # column A is blank
    if amount_pence is not None:
        if blanks:
            cells.append(_blank_cells(blanks))
        cells.append(_amount_cell(amount_pence))
    elif not cells:
        cells.append(_blank_cells(1))
    return "<table:table-row>" + "".join(cells) + "</table:table-row>"


def _middle_cells(texts: Sequence[str]) -> str:
    """Cells C..I (Title..Sponsored event) of a data row, as _ods_row writes them between the
    Item cell and the Donation date cell (both never blank): runs of blanks as one repeated cell."""
    cells, blanks = _cells(texts, 0)
    if blanks:
        cells.append(_blank_cells(blanks))
    return "".join(cells)


@lru_cache(maxsize=4096)
def _date_cell(value: datetime.date) -> str:
    return _string_cell(format_date(value))


# A data row is what _ods_row((item, title .. sponsored, date), amount) would write: blank A,
# Item (digits, nothing to escape), C..I, the date and the amount, put together from cached pieces.
_DATA_ROW_START = (
    '<table:table-row><table:table-cell/><table:table-cell office:value-type="string"><text:p>'
)
_ITEM_END = "</text:p></table:table-cell>"


def _zip_info(name: str, compress_type: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # reproducible files
    info.compress_type = compress_type
    info.external_attr = 0o644 << 16
    return info


# zlib's fastest level: a schedule's content.xml (800 kB) compresses in a third of the time of
# the default level, to about 19 kB rather than 14.
_COMPRESS_LEVEL = 1


def write_ods(rows: Sequence[ScheduleRow], path: Path) -> None:
    """Write one schedule (at most 1,000 rows) laid out like HMRC's ODS template."""
    if len(rows) > MAX_ROWS_PER_SCHEDULE:
        raise ValueError(f"A schedule holds at most {MAX_ROWS_PER_SCHEDULE} rows, not {len(rows)}")
    earliest = format_date(min(row.date for row in rows)) if rows else ""
    parts = [
        _CONTENT_HEAD,
        _blank_rows(12),
        _ods_row((EARLIEST_DATE_LABEL, "", earliest)),  # B13 label, D13 date
        _blank_rows(9),
        _ods_row(HEADERS),  # row 23, B..K
        _blank_rows(1),
    ]
    shared = _claim_cells.get()
    middles: dict[tuple[str, ...], str] = {} if shared is None else shared[0]
    for item, row in enumerate(rows, start=1):
        key = row[_MIDDLE]
        middle = middles.get(key)
        if middle is None:
            middle = middles[key] = _middle_cells(key)
        parts.append(
            f"{_DATA_ROW_START}{item}{_ITEM_END}{middle}{_date_cell(row.date)}"
            f"{_amount_cell(row.amount_pence)}</table:table-row>"
        )
    parts.append(_CONTENT_TAIL)
    deflated = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(_zip_info("mimetype", zipfile.ZIP_STORED), _MIMETYPE)
        for name, text in (
            ("META-INF/manifest.xml", _MANIFEST),
            ("content.xml", "".join(parts)),
            ("styles.xml", _STYLES),
        ):
            archive.writestr(_zip_info(name, deflated), text, compresslevel=_COMPRESS_LEVEL)


def write_schedule_files(rows: Sequence[ScheduleRow], output: Path) -> list[Path]:
    """Write ``claim.ods`` + ``claim.csv``, then ``claim-part2.*`` etc., 1,000 rows per part.

    ``output`` may be ``claim.ods``, ``claim.csv`` or ``claim``.  Returns the paths written
    (``.ods`` then ``.csv`` for each part); no rows means no files and ``[]``.
    """
    output = Path(output)
    base = output.with_suffix("") if output.suffix.lower() in {".ods", ".csv"} else output
    written: list[Path] = []
    temporary: list[Path] = []
    # Each donor's cells are worked out once for all the parts (their gifts are spread over them),
    # and forgotten when the files are written.
    cells = _claim_cells.set(({}, {}))
    try:
        # Every file is written under a temporary name first and renamed only when all of them
        # are written, so a failure leaves no half set of schedules behind.
        for number, part in enumerate(split_schedules(rows), start=1):
            stem = base.name if number == 1 else f"{base.name}-part{number}"
            ods_path = base.with_name(f"{stem}.ods")
            csv_path = base.with_name(f"{stem}.csv")
            for path, writer in ((ods_path, write_ods), (csv_path, write_csv)):
                partial = path.with_name(path.name + ".partial")
                temporary.append(partial)
                writer(part, partial)
                written.append(path)
    except BaseException:
        for partial in temporary:
            partial.unlink(missing_ok=True)
        raise
    finally:
        _claim_cells.reset(cells)
    for partial, path in zip(temporary, written, strict=True):
        partial.replace(path)
    return written
