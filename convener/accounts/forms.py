from zoneinfo import available_timezones

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import User

PROFILE_FIELDS = ["display_name", "library_type", "library_name", "region", "role", "time_zone"]


def time_zone_choices():
    return [
        ("", _("The site's time zone")),
        *[
            (name, name.replace("_", " "))
            for name in sorted(available_timezones())
            if "/" in name and not name.startswith(("Etc/", "SystemV/"))
        ],
    ]


def _region_field():
    """A choice list when the deployment names its regions, otherwise free text."""
    if settings.CONVENER_REGIONS:
        choices = [("", _("Prefer not to say")), *[(r, r) for r in settings.CONVENER_REGIONS]]
        return forms.ChoiceField(label=_("Region"), choices=choices, required=False)
    return forms.CharField(
        label=_("Region"),
        max_length=100,
        required=False,
        help_text=_("Your state, province or county. Used only in anonymous totals."),
    )


class ProfileFieldsMixin:
    def _tune_profile_fields(self):
        self.fields["region"] = _region_field()
        self.fields["time_zone"] = forms.ChoiceField(
            label=_("Time zone"),
            choices=time_zone_choices(),
            required=False,
            help_text=_("Times of live sessions are shown in this zone."),
        )
        self.fields["display_name"].help_text = _("The name shown to you and printed on certificates.")
        self.fields["library_type"].help_text = _("Optional. Helps us suggest the right recordings.")
        for name in ("library_type", "role"):
            self.fields[name].choices = [("", _("Prefer not to say")), *self.fields[name].choices[1:]]


class SignUpForm(ProfileFieldsMixin, BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name", *PROFILE_FIELDS[1:]]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tune_profile_fields()
        self.fields["email"].help_text = _("For signing in and resetting your password. Never shared.")
        self.fields["password1"].help_text = _("At least 10 characters; not a common password.")
        self.fields["password2"].help_text = ""

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _("An account with this email address already exists. Sign in or reset your password.")
            )
        return email


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "That email address and password don't match an account. Check both and try again."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email"})

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", *PROFILE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tune_profile_fields()

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.exclude(pk=self.instance.pk).filter(email=email).exists():
            raise forms.ValidationError(_("Another account already uses this email address."))
        return email


class DeleteAccountForm(forms.Form):
    CERTIFICATE_CHOICES = [
        (
            "keep",
            _("Keep them verifiable: anyone with the code still sees my name, the course and the date."),
        ),
        ("withdraw", _("Withdraw them: their pages will say they were withdrawn by the holder.")),
    ]
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm it is you."),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if hasattr(user, "certificates") and user.certificates.active().exists():
            self.fields["certificates"] = forms.ChoiceField(
                label=_("Your certificates"),
                choices=self.CERTIFICATE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose what happens to your certificates.")},
            )

    @property
    def keep_certificates(self) -> bool:
        return self.cleaned_data.get("certificates") == "keep"

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right. Nothing has been deleted."))
        return password
