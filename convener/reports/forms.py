from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convener.accounts.models import LibraryType

from .queries import Filters


class FilterForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    library_type = forms.ChoiceField(
        label=_("Library type"), required=False, choices=[("", _("All library types")), *LibraryType.choices]
    )
    region = forms.CharField(label=_("Region"), required=False, max_length=100)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end date is before the start date."))
        return data

    def filters(self) -> Filters:
        """The chosen filters; the last twelve months when no dates are given."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or (end - timedelta(days=365))
        return Filters(start, end, data.get("library_type", ""), data.get("region", "").strip())
