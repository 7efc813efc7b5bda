"""Build the demo site and one account per role. Safe to run again: it changes nothing twice."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Page, Site

from allauth.account.models import EmailAddress

from nolimits import demo
from nolimits.models import (
    ContentPage,
    HomePage,
    NavigationSettings,
    SiteSettings,
    StoryIndexPage,
    StoryPage,
    User,
)


class Command(BaseCommand):
    help = "Load demo pages and demo accounts (refused under production settings)."

    def handle(self, *args, **options):
        if settings.NOLIMITS_ENVIRONMENT == "production":
            raise CommandError("load_demo is refused under production settings.")
        with transaction.atomic():
            home = self._home()
            pages = self._content_pages(home)
            self._stories(home)
            self._campaigns(home)
            self._volunteering()
            self._grants()
            self._settings(home.get_site() or Site.objects.get(is_default_site=True), pages)
            self._home_body(home, pages)
            accounts = self._accounts()
            self._volunteers_and_matches()
        self.stdout.write(self.style.SUCCESS("Demo content is ready at the home page."))
        self.stdout.write("Demo accounts (demo only; every password is the same):")
        for email, name, roles in accounts:
            self.stdout.write(f"  {email:<30} {demo.DEMO_PASSWORD}   {name} – {roles}")

    def _home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            root = Page.objects.get(depth=1)
            home = HomePage(
                title=demo.HOME["title"],
                slug="home",
                hero_heading=demo.HOME["hero_heading"],
                hero_text=demo.HOME["hero_text"],
            )
            # Wagtail's welcome page holds slug "home": replace it with ours.
            welcome = Page.objects.filter(depth=2, slug="home").exclude(
                content_type__model="homepage"
            )
            for page in welcome:
                Site.objects.filter(root_page=page).delete()
                page.delete()
            root.add_child(instance=home)
            home.save_revision().publish()
        site, _ = Site.objects.get_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
        if site.root_page_id != home.pk or site.site_name != "No Limits":
            site.root_page = home
            site.site_name = "No Limits"
            site.save()
        return home

    def _content_pages(self, home: HomePage) -> dict[str, Page]:
        pages: dict[str, Page] = {}
        for slug, (title, intro, body, _nav) in demo.CONTENT_PAGES.items():
            page = ContentPage.objects.child_of(home).filter(slug=slug).first()
            if page is None:
                page = ContentPage(title=title, slug=slug, intro=intro, body=body)
                home.add_child(instance=page)
                page.save_revision().publish()
            pages[slug] = page
        return pages

    def _stories(self, home: HomePage) -> None:
        index = StoryIndexPage.objects.child_of(home).first()
        if index is None:
            index = StoryIndexPage(
                title="Stories",
                slug="stories",
                intro="<p>What No Limits has made possible, told with the consent of the young "
                "people and volunteers involved. Names have been changed.</p>",
            )
            home.add_child(instance=index)
            index.save_revision().publish()
        for slug, title, summary, text in demo.STORIES:
            if StoryPage.objects.child_of(index).filter(slug=slug).exists():
                continue
            story = StoryPage(
                title=title,
                slug=slug,
                summary=summary,
                body=[demo.p(text)],
                about_young_person=True,
                consent_confirmed=True,
            )
            index.add_child(instance=story)
            story.save_revision().publish()

    def _campaigns(self, home: HomePage) -> None:
        import datetime as dt

        from django.utils import timezone

        from pledges.models import CampaignPage

        today = timezone.localdate()
        for slug, (title, summary, target, paragraphs, amounts) in demo.CAMPAIGNS.items():
            if CampaignPage.objects.child_of(home).filter(slug=slug).exists():
                continue
            campaign = CampaignPage(
                title=title,
                slug=slug,
                summary=summary,
                target_pence=target,
                starts_on=today - dt.timedelta(days=30),
                ends_on=None,
                suggested_amounts=amounts,
                body=[demo.p(*paragraphs)],
                show_in_menus=False,
            )
            home.add_child(instance=campaign)
            campaign.save_revision().publish()

    def _volunteering(self) -> None:
        from volunteers.models import Handbook, OpportunityIndexPage, TrainingCourse

        home = HomePage.objects.first()
        if home and not OpportunityIndexPage.objects.exists():
            page = OpportunityIndexPage(
                title="Come along",
                slug="come-along",
                intro="<p>Things our volunteers already do that young people can join. Workers and "
                "young people can book a place.</p>",
            )
            home.add_child(instance=page)
            page.save_revision().publish()

        created = False
        for name, months, required in demo.TRAINING_COURSES:
            created |= TrainingCourse.objects.get_or_create(
                name=name, defaults={"valid_for_months": months, "required": required}
            )[1]
        version, summary = demo.HANDBOOK_VERSION
        created |= Handbook.objects.get_or_create(version=version, defaults={"summary": summary})[1]
        if created:  # a new required course or handbook changes who is cleared
            from volunteers.services import clearance_context_changed

            clearance_context_changed()

    def _grants(self) -> None:
        from grants.models import Category

        for name, slug, max_pence, guidance in demo.GRANT_CATEGORIES:
            Category.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "max_amount_pence": max_pence, "guidance": guidance},
            )

    def _settings(self, site: Site, pages: dict[str, Page]) -> None:
        site_settings = SiteSettings.for_site(site)
        if not site_settings.contact_email:
            for field, value in demo.SITE_SETTINGS.items():
                setattr(site_settings, field, value)
            site_settings.save()
        nav = NavigationSettings.for_site(site)
        if not nav.header_links:
            stories = StoryIndexPage.objects.first()
            header = [
                {
                    "type": "link",
                    "value": {
                        "label": title if slug != "about" else "About",
                        "page": pages[slug].pk,
                        "url": "",
                    },
                }
                for slug, (title, _i, _b, in_nav) in demo.CONTENT_PAGES.items()
                if in_nav
            ]
            header.append(
                {"type": "link", "value": {"label": "Stories", "page": stories.pk, "url": ""}}
            )
            nav.header_links = header
            nav.footer_links = [
                {
                    "type": "link",
                    "value": {"label": pages[slug].title, "page": pages[slug].pk, "url": ""},
                }
                for slug in demo.NAV_FOOTER
            ]
            nav.footer_text = "Demo content: every person named on this site is invented."
            nav.save()

    def _home_body(self, home: HomePage, pages: dict[str, Page]) -> None:
        """The home page's calls to action point at pages made after it."""
        if not home.body:
            home.body = demo.home_body({slug: page.pk for slug, page in pages.items()})
            home.save_revision().publish()

    def _accounts(self) -> list[tuple[str, str, str]]:
        listed = []
        for email, name, kind, directorate, roles, superuser in demo.DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(email=email)
            user.full_name = name
            user.kind = kind
            user.directorate = directorate
            user.is_superuser = superuser
            user.is_staff = superuser
            user.set_password(demo.DEMO_PASSWORD)
            user.full_clean(exclude=["password"])
            user.save()
            user.groups.set(Group.objects.filter(name__in=roles))
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            label = (
                "superuser"
                if superuser
                else (", ".join(roles) or f"{user.get_kind_display()}, no role")
            )
            listed.append((email, name, label))
        return listed

    def _volunteers_and_matches(self) -> None:
        """Volunteers at work and young people waiting, proposed and matched (issue 10): every
        matching screen has something in it. Made through the services, as a coordinator would."""
        import datetime as dt

        from django.utils import timezone

        from volunteers import services
        from volunteers.models import (
            DBSCheck,
            Handbook,
            Match,
            TrainingCourse,
            TrainingRecord,
            Volunteer,
            VolunteeringSettings,
            YoungPerson,
        )

        site = Site.objects.filter(is_default_site=True).first()
        if site:
            VolunteeringSettings.for_site(site).save()  # the row a used demo has
        coordinator = User.objects.get(email="coordinator@example.org")
        mentor = User.objects.get(email="mentor@example.org")
        today = timezone.localdate()
        induction = TrainingCourse.objects.filter(required=True).first()
        handbook = Handbook.current()
        for (
            email,
            name,
            interests,
            availability,
            area,
            gender,
            workforce,
            cleared,
        ) in demo.DEMO_VOLUNTEERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(email=email, full_name=name, kind="staff", directorate="children")
                user.set_unusable_password()
                user.save()
            if Volunteer.objects.filter(user=user).exists():
                continue
            volunteer = services.volunteer_apply(
                user=user,
                route=Volunteer.Route.ONE_TO_ONE,
                interests=interests,
                availability=availability,
                area=area,
                experience="",
                volunteering_in_paid_time=False,
                referees=[
                    {
                        "name": "Robin Referee",
                        "email": "robin.referee@example.org",
                        "relationship": "line manager",
                    },
                    {
                        "name": "Sky Referee",
                        "email": "sky.referee@example.org",
                        "relationship": "colleague",
                    },
                ],
            )
            Volunteer.objects.filter(pk=volunteer.pk).update(
                gender=gender, applied_at=timezone.now() - dt.timedelta(days=120)
            )
            if not cleared:
                continue  # applied, references on their way: a file at its first step
            for reference in volunteer.references.all():
                services.reference_record(
                    reference=reference,
                    by=coordinator,
                    outcome="satisfactory",
                    received_on=today - dt.timedelta(days=100),
                )
            services.interview_record(
                volunteer=volunteer, by=coordinator, done_on=today - dt.timedelta(days=95)
            )
            check = (
                services.dbs_check_record(
                    volunteer=volunteer,
                    by=coordinator,
                    level=DBSCheck.Level.ENHANCED_BARRED,
                    workforce=workforce,
                    childrens_barred_list_checked=workforce != "adult",
                    adults_barred_list_checked=False,
                    certificate_number=f"00{volunteer.pk:010d}",
                    issue_date=today - dt.timedelta(days=80),
                )
                if workforce != "adult"
                else services.dbs_check_record(
                    volunteer=volunteer,
                    by=coordinator,
                    level=DBSCheck.Level.ENHANCED,
                    workforce=workforce,
                    certificate_number=f"00{volunteer.pk:010d}",
                    issue_date=today - dt.timedelta(days=80),
                )
            )
            services.dbs_check_decide(check=check, by=coordinator, decision="accepted")
            if induction:
                TrainingRecord.objects.filter(volunteer=volunteer, course=induction).exists() or (
                    services.training_record_add(
                        volunteer=volunteer,
                        course=induction,
                        completed_on=today - dt.timedelta(days=60),
                        by=coordinator,
                    )
                )
            if handbook:
                services.handbook_accept(volunteer=volunteer, by=volunteer.user)
            services.mentor_assign(volunteer=volunteer, mentor=mentor, by=coordinator)
            services.volunteer_approve(volunteer=volunteer, by=coordinator)

        for (
            first_name,
            age,
            area,
            interests,
            availability,
            must_know,
            state,
        ) in demo.DEMO_YOUNG_PEOPLE:
            if YoungPerson.objects.filter(
                first_name=first_name, worker_email="wren.worker@example.org"
            ).exists():
                continue
            born = today.replace(year=today.year - age, day=1) - dt.timedelta(days=40)
            young_person = services.young_person_refer(
                first_name=first_name,
                date_of_birth=born,
                area=area,
                interests=interests,
                availability=availability,
                must_know=must_know,
                worker_name="Wren Worker",
                worker_email="wren.worker@example.org",
                consent=True,
            )
            if state == "waiting":
                continue
            kind, email = state.split(":")
            volunteer = Volunteer.objects.get(user__email=email)
            match = services.match_propose(
                young_person=young_person, volunteer=volunteer, by=coordinator, score=70
            )
            if kind == "active":
                services.match_move(
                    match=match,
                    to=Match.Status.INTRODUCED,
                    by=coordinator,
                    reason="Introduced with their worker",
                    first_meeting_on=today - dt.timedelta(days=45),
                )
                services.match_move(
                    match=match, to=Match.Status.ACTIVE, by=coordinator, reason="Going well"
                )
