"""Unit tests for the HMRC Gift Aid schedule builder (pure Python, no database)."""

import csv
import datetime
import random
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from pledges.giftaid_schedule import (
    AGGREGATE_LIMIT_PENCE,
    AGGREGATE_LINE_MAX_PENCE,
    MAX_ROWS_PER_SCHEDULE,
    Gift,
    ScheduleRow,
    schedule_rows,
    split_schedules,
    write_csv,
    write_ods,
    write_schedule_files,
)

HEADER_LINE = (
    "Item,Title,First name or initial,Last name,House name or number,Postcode,"
    "Aggregated donations,Sponsored event,Donation date,Amount"
)
HEADERS = HEADER_LINE.split(",")
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
COLUMNS = "ABCDEFGHIJK"
DAY = datetime.date(2026, 4, 5)


def make_gift(donation_id: int = 1, **overrides: object) -> Gift:
    fields: dict[str, object] = {
        "donation_id": donation_id,
        "title": "Ms",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "house": "12",
        "postcode": "S19 2BD",
        "date": DAY,
        "amount_pence": 5000,
    }
    fields.update(overrides)
    return Gift(**fields)  # type: ignore[arg-type]


def make_row(donation_id: int = 1, **overrides: object) -> ScheduleRow:
    (row,) = schedule_rows([make_gift(donation_id, **overrides)])
    return row


def xml_part(path: Path, name: str) -> ElementTree.Element:
    """Parse one XML member of an .ods we have just written (trusted input)."""
    with zipfile.ZipFile(path) as archive:
        return ElementTree.fromstring(archive.read(name))  # noqa: S314 - our own output


def q(namespace: str, name: str) -> str:
    return f"{{{NS[namespace]}}}{name}"


def read_ods(path: Path) -> dict[str, dict[str, str | None]]:
    """Cells of the only sheet by A1 reference -> value-type, value, text (blank cells left out)."""
    root = xml_part(path, "content.xml")
    (table,) = root.iter(q("table", "table"))
    assert table.get(q("table", "name")) == "R68GAD_V1_00_0_EN"
    cells: dict[str, dict[str, str | None]] = {}
    row_number = 0
    for row in table.iter(q("table", "table-row")):
        row_number += 1
        column = 0
        for cell in row.iter(q("table", "table-cell")):
            repeat = int(cell.get(q("table", "number-columns-repeated"), "1"))
            text = "\n".join("".join(p.itertext()) for p in cell.iter(q("text", "p")))
            if cell.get(q("office", "value-type")) or text:
                assert repeat == 1
                cells[f"{COLUMNS[column]}{row_number}"] = {
                    "type": cell.get(q("office", "value-type")),
                    "value": cell.get(q("office", "value")),
                    "text": text,
                }
            column += repeat
        row_number += int(row.get(q("table", "number-rows-repeated"), "1")) - 1
    return cells


def ods_row(cells: dict[str, dict[str, str | None]], number: int) -> list[str]:
    """Texts of B..K in one row ("" for blank cells)."""
    return [str(cells.get(f"{c}{number}", {"text": ""})["text"]) for c in COLUMNS[1:]]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# --- Aggregation -------------------------------------------------------------------------------


def test_gift_over_20_pounds_gets_a_row_of_its_own():
    rows = schedule_rows([make_gift(1, amount_pence=5000), make_gift(2, amount_pence=7000)])
    assert [(r.donation_ids, r.amount_pence, r.aggregated) for r in rows] == [
        ((1,), 5000, ""),
        ((2,), 7000, ""),
    ]


def test_gift_of_exactly_20_pounds_is_aggregated():
    (row,) = schedule_rows([make_gift(1, amount_pence=2000)])
    assert AGGREGATE_LIMIT_PENCE == 2000
    assert row.aggregated == "Gifts of £20 or less each"
    assert row.donation_ids == (1,)


def test_gift_of_20_pounds_01_is_not_aggregated():
    (row,) = schedule_rows([make_gift(1, amount_pence=2001)])
    assert row.aggregated == ""
    assert (row.first_name, row.last_name, row.amount_pence) == ("Ada", "Lovelace", 2001)


def test_aggregated_line_has_no_donor_details():
    (row,) = schedule_rows([make_gift(1, amount_pence=500), make_gift(2, amount_pence=700)])
    assert (row.title, row.first_name, row.last_name, row.house, row.postcode) == ("",) * 5
    assert row.sponsored == ""


def test_aggregated_line_sums_gifts_and_takes_the_latest_date():
    gifts = [
        make_gift(1, amount_pence=500, date=datetime.date(2026, 1, 3)),
        make_gift(2, amount_pence=750, date=datetime.date(2026, 3, 1)),
        make_gift(3, amount_pence=1000, date=datetime.date(2026, 2, 14)),
    ]
    (row,) = schedule_rows(gifts)
    assert row.amount_pence == 2250
    assert row.date == datetime.date(2026, 3, 1)
    assert row.donation_ids == (1, 3, 2)  # date order


def test_aggregated_line_can_total_exactly_1000_pounds():
    rows = schedule_rows([make_gift(i, amount_pence=2000) for i in range(50)])
    assert [row.amount_pence for row in rows] == [AGGREGATE_LINE_MAX_PENCE]
    assert AGGREGATE_LINE_MAX_PENCE == 100_000


def test_aggregated_line_never_exceeds_1000_pounds():
    rows = schedule_rows([make_gift(i, amount_pence=2000) for i in range(51)])
    assert [row.amount_pence for row in rows] == [100_000, 2000]


def test_aggregated_lines_cover_every_small_gift_once_within_the_limit():
    rng = random.Random(7)
    gifts = [make_gift(i, amount_pence=rng.randint(1, 2000)) for i in range(2000)]
    rows = schedule_rows(gifts)
    assert all(0 < row.amount_pence <= AGGREGATE_LINE_MAX_PENCE for row in rows)
    assert sorted(i for row in rows for i in row.donation_ids) == list(range(2000))
    assert sum(row.amount_pence for row in rows) == sum(g.amount_pence for g in gifts)


def test_aggregate_description_is_used_and_whitespace_collapsed():
    (row,) = schedule_rows([make_gift(amount_pence=100)], aggregate_description="  Pocket   money ")
    assert row.aggregated == "Pocket money"


def test_aggregate_description_of_35_characters_is_allowed():
    (row,) = schedule_rows([make_gift(amount_pence=100)], aggregate_description="x" * 35)
    assert row.aggregated == "x" * 35


def test_aggregate_description_over_35_characters_is_rejected():
    with pytest.raises(ValueError, match="aggregate_description"):
        schedule_rows([make_gift(amount_pence=100)], aggregate_description="x" * 36)


def test_blank_aggregate_description_is_rejected():
    with pytest.raises(ValueError, match="aggregate_description"):
        schedule_rows([], aggregate_description="   ")


def test_small_gift_needs_no_donor_details():
    gift = make_gift(amount_pence=100, first_name="", last_name="", house="", postcode="")
    (row,) = schedule_rows([gift])
    assert row.amount_pence == 100


# --- Names, title, house, postcode --------------------------------------------------------------


def test_double_barrelled_last_name_uses_a_space_not_a_hyphen():
    assert make_row(last_name="Smith-Jones").last_name == "Smith Jones"
    assert make_row(last_name="Smith - Jones").last_name == "Smith Jones"
    assert make_row(last_name="Smith\u2010Jones").last_name == "Smith Jones"


def test_hyphen_in_first_name_is_kept():
    assert make_row(first_name="Mary-Jane").first_name == "Mary-Jane"


def test_names_are_stripped_and_whitespace_collapsed():
    row = make_row(title=" Dr ", first_name="  Ada \t Augusta ", last_name="\nLovelace  King ")
    assert (row.title, row.first_name, row.last_name) == ("Dr", "Ada Augusta", "Lovelace King")


def test_first_and_last_names_are_truncated_to_35_characters():
    row = make_row(first_name="F" * 50, last_name="L" * 50)
    assert (row.first_name, row.last_name) == ("F" * 35, "L" * 35)


def test_truncated_name_does_not_end_in_a_space():
    row = make_row(last_name="A" * 34 + "-Jones")
    assert row.last_name == "A" * 34


def test_initial_is_accepted_as_first_name():
    assert make_row(first_name="A").first_name == "A"


def test_title_is_truncated_to_4_characters():
    assert make_row(title="Professor").title == "Prof"
    assert make_row(title="Mrs.").title == "Mrs."


def test_title_may_be_blank():
    assert make_row(title="").title == ""
    assert make_row(title="   ").title == ""


def test_house_is_stripped_and_truncated_to_40_characters():
    assert make_row(house="  Rose   Cottage ").house == "Rose Cottage"
    assert make_row(house="H" * 60).house == "H" * 40


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("s192bd", "S19 2BD"),
        (" sw1a  1aa ", "SW1A 1AA"),
        ("S19 2BD", "S19 2BD"),
        ("m1 1ae", "M1 1AE"),
        ("B338TH", "B33 8TH"),
        ("cr2 6xh", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("w1a0ax", "W1A 0AX"),
        ("ec1a 1bb", "EC1A 1BB"),
    ],
)
def test_postcode_is_upper_case_with_one_space_before_the_inward_code(raw, expected):
    assert make_row(postcode=raw).postcode == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "75008",
        "SW1A",
        "SW1A 1A",
        "D02 X285",
        "12345-678",
        "SW1A 1AAA",
        "S19-2BD",
        "ZZZZ1 1AA",
    ],
)
def test_postcode_that_is_not_a_uk_shape_becomes_x(raw):
    assert make_row(postcode=raw).postcode == "X"


@pytest.mark.parametrize("field", ["first_name", "last_name", "house"])
def test_gift_over_20_pounds_without_donor_details_is_rejected(field):
    with pytest.raises(ValueError, match="Gift 9"):
        schedule_rows([make_gift(9, **{field: "  "})])


# --- Validation, order ------------------------------------------------------------------------


@pytest.mark.parametrize("amount", [0, -100])
def test_amount_must_be_positive(amount):
    with pytest.raises(ValueError, match="positive"):
        schedule_rows([make_gift(3, amount_pence=amount)])


def test_duplicate_donation_id_is_rejected():
    with pytest.raises(ValueError, match="more than once"):
        schedule_rows([make_gift(4, amount_pence=100), make_gift(4, amount_pence=5000)])


def test_sponsored_is_always_blank():
    rows = schedule_rows([make_gift(1), make_gift(2, amount_pence=100)])
    assert [row.sponsored for row in rows] == ["", ""]


def test_no_gifts_give_no_rows():
    assert schedule_rows([]) == []


def test_gifts_may_come_from_a_generator():
    rows = schedule_rows(make_gift(i) for i in range(3))
    assert len(rows) == 3


def test_individual_rows_by_date_then_id_and_aggregated_lines_last():
    gifts = [
        make_gift(5, date=datetime.date(2026, 2, 1)),
        make_gift(2, amount_pence=100, date=datetime.date(2025, 5, 1)),
        make_gift(4, date=datetime.date(2026, 1, 1)),
        make_gift(3, date=datetime.date(2026, 1, 1)),
    ]
    rows = schedule_rows(gifts)
    assert [row.donation_ids for row in rows] == [(3,), (4,), (5,), (2,)]


def test_row_order_does_not_depend_on_input_order():
    rng = random.Random(1)
    gifts = [
        make_gift(
            i,
            amount_pence=rng.choice([500, 2000, 2001, 9000]),
            date=DAY - datetime.timedelta(days=rng.randint(0, 30)),
        )
        for i in range(300)
    ]
    shuffled = gifts[:]
    rng.shuffle(shuffled)
    assert schedule_rows(shuffled) == schedule_rows(gifts)


# --- Splitting --------------------------------------------------------------------------------


def rows_of(count: int) -> list[ScheduleRow]:
    return schedule_rows(make_gift(i) for i in range(1, count + 1))


def test_split_keeps_1000_rows_in_one_schedule():
    assert [len(part) for part in split_schedules(rows_of(1000))] == [1000]
    assert MAX_ROWS_PER_SCHEDULE == 1000


def test_split_1001_rows_gives_two_schedules_in_order():
    rows = rows_of(1001)
    parts = split_schedules(rows)
    assert [len(part) for part in parts] == [1000, 1]
    assert parts[0] + parts[1] == rows


def test_split_no_rows_gives_no_schedules():
    assert split_schedules([]) == []


# --- CSV --------------------------------------------------------------------------------------


def test_csv_header_row_is_exact(tmp_path):
    path = tmp_path / "claim.csv"
    write_csv(rows_of(1), path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER_LINE


def test_csv_numbers_items_from_1_with_dates_dd_mm_yy_and_plain_amounts(tmp_path):
    rows = schedule_rows(
        [
            make_gift(1, amount_pence=20000, date=datetime.date(2026, 4, 5)),
            make_gift(2, amount_pence=750, date=datetime.date(2025, 12, 31)),
        ]
    )
    path = tmp_path / "claim.csv"
    write_csv(rows, path)
    assert read_csv(path)[1:] == [
        ["1", "Ms", "Ada", "Lovelace", "12", "S19 2BD", "", "", "05/04/26", "200.00"],
        ["2", "", "", "", "", "", "Gifts of £20 or less each", "", "31/12/25", "7.50"],
    ]


@pytest.mark.parametrize(
    ("pence", "text"), [(2001, "20.01"), (2100, "21.00"), (123456, "1234.56"), (100_000, "1000.00")]
)
def test_amount_has_no_pound_sign_and_two_decimals(tmp_path, pence, text):
    path = tmp_path / "claim.csv"
    write_csv(schedule_rows([make_gift(amount_pence=pence)]), path)
    assert read_csv(path)[1][-1] == text


def test_aggregated_amount_under_a_pound_keeps_the_leading_zero(tmp_path):
    path = tmp_path / "claim.csv"
    write_csv(schedule_rows([make_gift(amount_pence=5)]), path)
    assert read_csv(path)[1][-1] == "0.05"


def test_csv_blank_cells_are_empty_never_zero_or_na(tmp_path):
    path = tmp_path / "claim.csv"
    write_csv(schedule_rows([make_gift(1, title=""), make_gift(2, amount_pence=100)]), path)
    for line in read_csv(path)[1:]:
        assert all(cell not in {"0", "N/A"} for cell in line)
        assert line[7] == ""
    assert read_csv(path)[1][1] == ""


def test_csv_is_utf8_and_quotes_commas(tmp_path):
    path = tmp_path / "claim.csv"
    write_csv(schedule_rows([make_gift(first_name="Zoë", house="Flat 2, The Mews")]), path)
    assert read_csv(path)[1][2:5] == ["Zoë", "Lovelace", "Flat 2, The Mews"]
    assert "Zoë".encode() in path.read_bytes()


def test_csv_has_no_blank_rows(tmp_path):
    path = tmp_path / "claim.csv"
    write_csv(rows_of(3), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and all(lines)


# --- ODS --------------------------------------------------------------------------------------


def test_ods_mimetype_is_the_first_entry_and_stored_uncompressed(tmp_path):
    path = tmp_path / "claim.ods"
    write_ods(rows_of(1), path)
    mimetype = b"application/vnd.oasis.opendocument.spreadsheet"
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == mimetype
        assert archive.namelist() == [
            "mimetype",
            "META-INF/manifest.xml",
            "content.xml",
            "styles.xml",
        ]
    data = path.read_bytes()
    assert data[30:38] == b"mimetype" and data[38 : 38 + len(mimetype)] == mimetype


def test_ods_xml_parts_are_well_formed_and_the_manifest_lists_them(tmp_path):
    path = tmp_path / "claim.ods"
    write_ods(rows_of(1), path)
    manifest = xml_part(path, "META-INF/manifest.xml")
    assert xml_part(path, "styles.xml").tag == q("office", "document-styles")
    assert xml_part(path, "content.xml").tag == q("office", "document-content")
    key = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}full-path"
    assert {entry.get(key) for entry in manifest} == {"/", "content.xml", "styles.xml"}


def test_ods_has_one_sheet_named_like_hmrcs_template(tmp_path):
    path = tmp_path / "claim.ods"
    write_ods(rows_of(1), path)
    root = xml_part(path, "content.xml")
    tables = list(root.iter(q("table", "table")))
    assert [t.get(q("table", "name")) for t in tables] == ["R68GAD_V1_00_0_EN"]


def test_ods_column_headers_are_in_row_23_columns_b_to_k(tmp_path):
    path = tmp_path / "claim.ods"
    write_ods(rows_of(1), path)
    cells = read_ods(path)
    assert ods_row(cells, 23) == HEADERS
    assert "A23" not in cells and "L23" not in cells


def test_ods_earliest_donation_date_is_in_d13_with_its_label_in_b13(tmp_path):
    rows = schedule_rows(
        [
            make_gift(1, date=datetime.date(2026, 3, 9)),
            make_gift(2, date=datetime.date(2025, 4, 6)),
            make_gift(3, amount_pence=100, date=datetime.date(2026, 1, 1)),
        ]
    )
    path = tmp_path / "claim.ods"
    write_ods(rows, path)
    cells = read_ods(path)
    assert cells["B13"]["text"] == "Earliest donation date in the period of claim. (DD/MM/YY)"
    assert cells["D13"] == {"type": "string", "value": None, "text": "06/04/25"}
    assert "C13" not in cells


def test_ods_data_starts_in_row_25_with_item_numbers_in_column_b(tmp_path):
    path = tmp_path / "claim.ods"
    write_ods(rows_of(3), path)
    cells = read_ods(path)
    assert not any(ref.endswith("24") for ref in cells)
    assert [cells[f"B{n}"]["text"] for n in (25, 26, 27)] == ["1", "2", "3"]
    assert ods_row(cells, 25) == [
        "1", "Ms", "Ada", "Lovelace", "12", "S19 2BD", "", "", "05/04/26", "50.00"
    ]  # fmt: skip
    assert "B28" not in cells
    assert {int(ref[1:]) for ref in cells} == {13, 23, 25, 26, 27}  # no stray rows


def test_ods_amount_is_a_float_shown_with_two_decimals(tmp_path):
    path = tmp_path / "claim.ods"
    write_ods(schedule_rows([make_gift(amount_pence=20000)]), path)
    assert read_ods(path)["K25"] == {"type": "float", "value": "200.00", "text": "200.00"}
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    assert 'number:decimal-places="2"' in content and 'table:style-name="ce1"' in content


def test_ods_cells_other_than_amount_are_text(tmp_path):
    path = tmp_path / "claim.ods"
    write_ods(schedule_rows([make_gift(1), make_gift(2, amount_pence=100)]), path)
    cells = read_ods(path)
    for ref, cell in cells.items():
        expected = "float" if ref.startswith("K") and int(ref[1:]) >= 25 else "string"
        assert cell["type"] == expected, ref


def test_ods_aggregated_line_leaves_donor_cells_blank(tmp_path):
    path = tmp_path / "claim.ods"
    write_ods(schedule_rows([make_gift(1, amount_pence=100)]), path)
    cells = read_ods(path)
    assert ods_row(cells, 25) == [
        "1",
        "",
        "",
        "",
        "",
        "",
        "Gifts of £20 or less each",
        "",
        "05/04/26",
        "1.00",
    ]
    assert not any(ref[0] in "CDEFGI" and ref[1:] == "25" for ref in cells)


def test_ods_escapes_xml_special_characters(tmp_path):
    gift = make_gift(title="<b>", first_name='A & "B"', last_name="O'Brien <&>", house="1 > 0")
    path = tmp_path / "claim.ods"
    write_ods(schedule_rows([gift]), path)
    assert ods_row(read_ods(path), 25)[1:5] == ["<b>", 'A & "B"', "O'Brien <&>", "1 > 0"]


def test_control_characters_are_replaced_so_the_xml_stays_valid(tmp_path):
    gift = make_gift(first_name="Ada\x00\x1bX", house="12\x0b")
    (row,) = schedule_rows([gift])
    assert (row.first_name, row.house) == ("Ada X", "12")
    path = tmp_path / "claim.ods"
    write_ods([row], path)
    assert ods_row(read_ods(path), 25)[2] == "Ada X"


def test_ods_uses_repeated_cells_and_rows_for_blanks(tmp_path):
    path = tmp_path / "claim.ods"
    write_ods(schedule_rows([make_gift(1, amount_pence=100)]), path)
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    assert 'table:number-rows-repeated="12"' in content
    assert 'table:number-columns-repeated="5"' in content  # C..G of the aggregated line
    assert content.count("<table:table-row") == 6  # 1-12, 13, 14-22, 23, 24, 25


def test_ods_with_no_rows_has_headers_and_blank_d13(tmp_path):
    path = tmp_path / "claim.ods"
    write_ods([], path)
    cells = read_ods(path)
    assert ods_row(cells, 23) == HEADERS and "D13" not in cells


def test_write_ods_refuses_more_than_1000_rows(tmp_path):
    with pytest.raises(ValueError, match="at most 1000"):
        write_ods(rows_of(1001), tmp_path / "claim.ods")


def test_ods_file_is_byte_for_byte_reproducible(tmp_path):
    rows = rows_of(5)
    write_ods(rows, tmp_path / "a.ods")
    write_ods(rows, tmp_path / "b.ods")
    assert (tmp_path / "a.ods").read_bytes() == (tmp_path / "b.ods").read_bytes()


# --- write_schedule_files ---------------------------------------------------------------------


def test_no_rows_write_no_files(tmp_path):
    assert write_schedule_files([], tmp_path / "claim.ods") == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["claim.ods", "claim.csv", "claim", "claim.ODS"])
def test_one_schedule_writes_claim_ods_and_claim_csv(tmp_path, name):
    written = write_schedule_files(rows_of(2), tmp_path / name)
    assert written == [tmp_path / "claim.ods", tmp_path / "claim.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claim.csv", "claim.ods"]


def test_1001_rows_write_a_second_part_numbered_from_1(tmp_path):
    rows = rows_of(1001)
    written = write_schedule_files(rows, tmp_path / "claim.ods")
    assert [p.name for p in written] == [
        "claim.ods",
        "claim.csv",
        "claim-part2.ods",
        "claim-part2.csv",
    ]
    assert len(read_csv(tmp_path / "claim.csv")) == 1001  # header + 1,000
    part2 = read_csv(tmp_path / "claim-part2.csv")
    assert len(part2) == 2 and part2[1][0] == "1"
    cells = read_ods(tmp_path / "claim-part2.ods")
    assert cells["B25"]["text"] == "1" and "B26" not in cells
    assert cells["D13"]["text"] == "05/04/26"


def test_100_000_gifts_are_scheduled_and_written(tmp_path):
    start = datetime.date(2025, 4, 6)
    gifts = [
        make_gift(
            i,
            first_name=f"Donor{i}",
            date=start + datetime.timedelta(days=i % 365),
            amount_pence=500 + i % 1500 if i % 2 else 2500 + i % 10_000,
        )
        for i in range(100_000)
    ]
    rows = schedule_rows(gifts)
    written = write_schedule_files(rows, tmp_path / "claim.ods")
    individual = [row for row in rows if not row.aggregated]
    assert len(individual) == 50_000
    assert sum(len(row.donation_ids) for row in rows) == 100_000
    parts = -(-len(rows) // MAX_ROWS_PER_SCHEDULE)
    assert len(written) == 2 * parts
    last = read_csv(written[-1])
    assert re.fullmatch(r"\d+\.\d\d", last[-1][-1])
