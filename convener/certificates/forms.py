from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CODE_ALPHABET, CODE_LENGTH, normalize_code


class ClaimForm(forms.Form):
    name = forms.CharField(
        label=_("Name to print on your certificate"),
        max_length=200,
        help_text=_("Check the spelling: this is how an employer or board will see it."),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=30,
        help_text=_("Ten letters and digits, as printed under the QR code. Case and hyphens don't matter."),
    )

    def clean_code(self):
        code = normalize_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
            raise forms.ValidationError(
                _("That is not a certificate code. Codes have ten letters and digits.")
            )
        return code


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"), max_length=300, help_text=_("Shown on the public verification page.")
    )


class ReissueForm(forms.Form):
    name = forms.CharField(
        label=_("Corrected name"),
        max_length=200,
        help_text=_("A new certificate with a new code is issued; the old one is marked replaced."),
    )
