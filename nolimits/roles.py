"""The staff roles. Each is a Django group, created by migration 0003_roles.

Permissions are granted to groups only (never to individual users). Each app adds its
roles' model permissions in their own data migrations, next to the models they protect.
"""

EDITORS = "Editors"
VOLUNTEER_COORDINATORS = "Volunteer coordinators"
MENTORS = "Mentors"
GRANTS_PANEL = "Grants panel"
GRANTS_PANEL_CHAIRS = "Grants panel chairs"
FINANCE = "Finance"
PROGRAMME_LEADS = "Programme leads"
# Workers (personal advisers, social workers) start grant applications with a young person on
# the public site; not an admin role. The group is made by grants/migrations/0011_workers_role.py.
WORKERS = "Workers"
# Issue 15: one member of staff per directorate sees its participation (impact/champions/).
DIRECTORATE_CHAMPIONS = "Directorate champions"

ALL_ROLES = [
    EDITORS,
    VOLUNTEER_COORDINATORS,
    MENTORS,
    GRANTS_PANEL,
    GRANTS_PANEL_CHAIRS,
    FINANCE,
    PROGRAMME_LEADS,
    WORKERS,
    DIRECTORATE_CHAMPIONS,
]

# Roles whose members work in the Wagtail admin (and so must use two-factor authentication).
# Mentors and workers work on the public site, signed in; mentors see only their own volunteers.
ADMIN_ROLES = [r for r in ALL_ROLES if r not in (MENTORS, WORKERS)]
