from django import forms
from django.utils.translation import gettext_lazy as _


class ReformDateForm(forms.Form):
    reform_date = forms.DateField(
        label=_("Reform date"),
        help_text=_("Figures after this date are compared with as many months before it."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
