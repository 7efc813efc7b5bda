"""Shared by the data migrations that give roles their permissions (kept stable: migrations import it)."""

from django.contrib.auth.management import create_permissions


def grant_permissions(apps, grants: dict[str, list[str]], app_labels: list[str]) -> None:
    """Give each named group these permission codenames (from these apps), creating the group
    and any permission rows not made yet (they are normally made after all migrations run)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=app_labels, codename__in=codenames
            )
        )


# --- The person data version (nolimits.models.PersonDataVersion, nolimits.kept_lists) ----------

PERSON_VERSION_TABLE = "nolimits_persondataversion"


def _bump(people: list[str]) -> str:
    """One statement adding one to the version of each person named (NULLs skipped, a person
    named twice moved once). The WHERE lets SQLite read ON CONFLICT as the upsert's."""
    union = " UNION ".join(
        person if person.startswith("SELECT ") else f"SELECT {person} AS person"
        for person in people
    )
    return (
        f"INSERT INTO {PERSON_VERSION_TABLE} (person_id, version) "  # noqa: S608 (our own names)
        f"SELECT person, 1 FROM ({union}) AS moved WHERE person IS NOT NULL "
        f"ON CONFLICT (person_id) DO UPDATE SET version = {PERSON_VERSION_TABLE}.version + 1"
    )


def person_version_triggers(
    vendor: str, name: str, table: str, person: str, columns: list[str] | None = None
) -> tuple[list[str], list[str]]:
    """SQL to make, and to drop, triggers that move the version of the person a row of `table`
    belongs to whenever a row is added, deleted or changed (only a change to one of `columns`,
    when given). `person` is an SQL expression with `{row}` for the row: "{row}.donor_id", or a
    subquery through a parent's table; or, for a row that belongs to several people, a query
    ("SELECT ... AS person FROM ... WHERE ... {row}.id") naming each of them. A change that moves
    a row from one person to another moves both. Runs in the writing statement's own
    transaction."""
    new, old = person.format(row="NEW"), person.format(row="OLD")
    of = f" OF {', '.join(columns)}" if columns else ""
    if vendor == "sqlite":
        return (
            [
                f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {_bump([new])}; END",
                f"CREATE TRIGGER {name}_update AFTER UPDATE{of} ON {table} "
                f"BEGIN {_bump([old, new])}; END",
                f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {_bump([old])}; END",
            ],
            [f"DROP TRIGGER IF EXISTS {name}_{what}" for what in ("insert", "update", "delete")],
        )
    if vendor == "postgresql":
        function = (
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP = 'INSERT' THEN {_bump([new])};\n"
            f"  ELSIF TG_OP = 'DELETE' THEN {_bump([old])};\n"
            f"  ELSE {_bump([old, new])};\n"
            "  END IF;\n"
            "  RETURN NULL;\n"
            "END $$"
        )
        return (
            [
                function,
                f"CREATE TRIGGER {name}_insert_delete AFTER INSERT OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()",
                f"CREATE TRIGGER {name}_update AFTER UPDATE{of} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()",
            ],
            [f"DROP FUNCTION IF EXISTS {name}() CASCADE"],
        )
    raise RuntimeError(f"No person-version triggers are written for {vendor}: SQLite or PostgreSQL")


def run_person_version_triggers(triggers: list[dict]):
    """A migration operation making the triggers described (each the keyword arguments of
    person_version_triggers but the vendor), and dropping them when the migration is undone."""
    from django.db import migrations

    def forward(apps, schema_editor):
        for trigger in triggers:
            make, _drop = person_version_triggers(schema_editor.connection.vendor, **trigger)
            for statement in make:
                schema_editor.execute(statement)

    def backward(apps, schema_editor):
        for trigger in triggers:
            _make, drop = person_version_triggers(schema_editor.connection.vendor, **trigger)
            for statement in drop:
                schema_editor.execute(statement)

    return migrations.RunPython(forward, backward)
