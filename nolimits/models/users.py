from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("full_name", email.split("@")[0])
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. Email is the login; there is no username."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Council staff"
        COUNCILLOR = "councillor", "Councillor"
        YOUNG_PERSON = "young_person", "Young person"
        OTHER = "other", "Someone else"

    class Directorate(models.TextChoices):
        CHILDREN = "children", "Children's services"
        ADULTS = "adults", "Adults and health"
        PLACE = "place", "Place and environment"
        RESOURCES = "resources", "Resources (finance, HR, legal, IT)"
        CHIEF_EXECUTIVE = "chief_executive", "Chief executive's office"
        OTHER = "other", "Other"

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField("full name", max_length=150)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    directorate = models.CharField(
        max_length=30,
        choices=Directorate.choices,
        blank=True,
        help_text="For council staff only.",
    )

    class ContactBy(models.TextChoices):
        EMAIL = "email", "Email"
        TEXT = "text", "Text message"

    # How a person wants news about their own things (a young person's grant), honoured by
    # nolimits.mail.send_to_person. Text messages go through GOV.UK Notify.
    contact_by = models.CharField(
        "send me updates by", max_length=10, choices=ContactBy.choices, default=ContactBy.EMAIL
    )
    phone_number = models.CharField(
        "mobile phone number",
        max_length=20,
        blank=True,
        help_text="A UK mobile number, for text messages, e.g. 07700 900123.",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="staff") | models.Q(directorate=""),
                name="user_directorate_only_for_staff",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        self.email = (self.email or "").strip().lower()
        if self.kind != self.Kind.STAFF and self.directorate:
            raise ValidationError({"directorate": "Only council staff have a directorate."})
        if self.phone_number:
            from nolimits.phone import normalise_uk_mobile

            normalised = normalise_uk_mobile(self.phone_number)
            if normalised is None:
                raise ValidationError(
                    {"phone_number": "Enter a UK mobile number, like 07700 900123."}
                )
            self.phone_number = normalised
        if self.contact_by == self.ContactBy.TEXT and not self.phone_number:
            raise ValidationError(
                {"phone_number": "Enter a mobile number to get updates by text message."}
            )

    # Two-factor guards the data, not a path. For each request, AdminRequiresMFAMiddleware sets
    # this on the signed-in user when they are in an admin role without an authenticator; then
    # they hold no permission at all, superusers included, so every view that checks one refuses
    # them, whatever its path. Services called outside a request (tasks, commands) are unaffected.
    withhold_permissions = False

    def has_perm(self, perm, obj=None) -> bool:
        if self.withhold_permissions:
            return False
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        if self.withhold_permissions:
            return False
        return super().has_module_perms(app_label)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
