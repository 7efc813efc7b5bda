"""Every group's permissions match the README's role table ("What each role may see").

The table is the written policy; this test reads it from README.md, so a new role is one more
row there (and one entry in nolimits/roles.py). Each permission counts towards one column: by
its model where listed below, else by its app. A permission on a model no column covers fails
the test, so nothing is granted without the table saying so.
"""

from pathlib import Path

from django.contrib.auth.models import Group

import pytest

from nolimits import roles

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"

# Column of the README table -> the models (app_label.model) whose permissions it covers.
COLUMNS_BY_MODEL = {
    "session and supervision notes": {"volunteers.volunteersession", "volunteers.supervisionnote"},
    "expense claims": {"volunteers.expenseclaim"},
    "young people and matches": {
        "matching.youngperson",
        "matching.youngpersonstatuschange",
        "matching.match",
        "matching.matchreview",
        "matching.matchstatuschange",
    },
    "grant payments": {"grants.grantpayment"},
    "grant set-up": {
        "grants.category",
        "grants.round",
        "grants.decisiontemplate",
        "grants.fund",
        "impact.opendatasettings",
    },
    "thank-yous": {"grants.thankyou"},
    "site content": {"pledges.givingsettings"},
    "board report": {"impact.boardreport"},
    "directorate participation": {"impact.directoratechampion", "impact.encouragement"},
}
# Named permissions that belong to another column than their model's.
COLUMNS_BY_PERMISSION = {"grants.record_grant_payment": "grant payments"}
# Otherwise, by app.
COLUMNS_BY_APP = {
    "pledges": "giving and Gift Aid",
    "volunteers": "volunteers and DBS",
    "matching": "young people and matches",
    "grants": "grant applications",
    "dataprotection": "data protection",
    "nolimits": "site content",
    "wagtailcore": "site content",
    "wagtailimages": "site content",
    "wagtaildocs": "site content",
    "wagtailredirects": "site content",
    "wagtailsearchpromotions": "site content",
    "wagtailforms": "site content",
}
LEVELS = {"—": 0, "see": 1, "change": 2}


def readme_table() -> dict[str, dict[str, str]]:
    text = README.read_text()
    section = text.split("### What each role may see", 1)[1]
    lines = []
    for line in section.splitlines():
        if line.startswith("|"):
            lines.append(line)
        elif lines:
            break  # the end of the first table
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    table = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        table[cells[0]] = dict(zip(header[1:], cells[1:], strict=True))
    return table


def column_for(app_label: str, model: str, codename: str) -> str | None:
    if f"{app_label}.{codename}" in COLUMNS_BY_PERMISSION:
        return COLUMNS_BY_PERMISSION[f"{app_label}.{codename}"]
    key = f"{app_label}.{model}"
    for column, models in COLUMNS_BY_MODEL.items():
        if key in models:
            return column
    return COLUMNS_BY_APP.get(app_label)


def granted(group: Group) -> tuple[bool, dict[str, str]]:
    """What the group's permissions actually allow, in the table's words."""
    levels: dict[str, int] = {}
    admin = False
    for permission in group.permissions.select_related("content_type"):
        app_label, model = permission.content_type.app_label, permission.content_type.model
        if (app_label, permission.codename) == ("wagtailadmin", "access_admin"):
            admin = True
            continue
        column = column_for(app_label, model, permission.codename)
        assert column, (
            f"{group.name} has {app_label}.{permission.codename}, which no column of the README's "
            "role table covers: add the model to a column here and say so in the table."
        )
        see_only = permission.codename.startswith("view_") or permission.codename.startswith("see_")
        level = LEVELS["see"] if see_only else LEVELS["change"]
        levels[column] = max(levels.get(column, 0), level)
    if group.page_permissions.exists() or group.collection_permissions.exists():
        levels["site content"] = LEVELS["change"]
    words = {v: k for k, v in LEVELS.items()}
    return admin, {column: words[level] for column, level in levels.items()}


def test_the_table_has_one_row_per_role_and_every_group_is_a_role():
    table = readme_table()
    assert set(table) == set(roles.ALL_ROLES)
    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ALL_ROLES)
    for row in table.values():
        assert set(row) - {"admin"} <= set(COLUMNS_BY_APP.values()) | set(COLUMNS_BY_MODEL)
        assert row["admin"] in ("yes", "no") and set(row.values()) - {"yes", "no"} <= set(LEVELS)


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_each_groups_permissions_are_what_the_readme_says(role):
    written = readme_table()[role]
    admin, actual = granted(Group.objects.get(name=role))
    assert ("yes" if admin else "no") == written["admin"], "admin access"
    assert (role in roles.ADMIN_ROLES) == admin
    expected = {column: level for column, level in written.items() if column != "admin"}
    actual = {column: actual.get(column, "—") for column in expected}
    assert actual == expected


def test_finance_cannot_read_volunteers_session_notes(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import UserFactory

    finance = UserFactory(roles=[roles.FINANCE])
    TOTP.activate(finance, generate_totp_secret())
    assert finance.has_perm("volunteers.view_expenseclaim")
    assert not finance.has_perm("volunteers.view_volunteersession")
    client.force_login(finance)
    response = client.get("/admin/volunteering/sessions/")
    assert response.status_code in (302, 403)


def test_a_permission_the_table_does_not_give_is_caught():
    """Break the rule on purpose: Finance given session notes no longer matches its row."""
    from django.contrib.auth.models import Permission

    finance = Group.objects.get(name=roles.FINANCE)
    finance.permissions.add(
        Permission.objects.get(
            content_type__app_label="volunteers", codename="view_volunteersession"
        )
    )
    _, actual = granted(finance)
    assert actual["session and supervision notes"] == "see"
    assert readme_table()[roles.FINANCE]["session and supervision notes"] == "—"
